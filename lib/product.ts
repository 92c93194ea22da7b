// The product's name and version as receivers see them. The version is written here rather
// than imported from package.json, which would ship the whole file to the browser with the
// payload preview; lib/product.test.ts keeps the two equal.

/** This release's version (package.json's). */
export const PRODUCT_VERSION = "0.1.0";

/**
 * The User-Agent of every outbound request (deliveries, URL verification, OAuth2 token
 * requests): the product and its version, e.g. `ChatWebhooks/0.1.0` — no URL to a page
 * receivers could not open.
 */
export const USER_AGENT = `ChatWebhooks/${PRODUCT_VERSION}`;
