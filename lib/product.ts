import packageJson from "@/package.json";

// The product's name and version as receivers see them.

/** This release's version, from package.json. */
export const PRODUCT_VERSION: string = packageJson.version;

/**
 * The User-Agent of every outbound request (deliveries, URL verification, OAuth2 token
 * requests): the product and its version, e.g. `ChatWebhooks/0.1.0` — no URL to a page
 * receivers could not open.
 */
export const USER_AGENT = `ChatWebhooks/${PRODUCT_VERSION}`;
