import * as z from "zod/mini";

/**
 * The sign-in form's schema (the server re-validates in lib/auth/credentials). Written with
 * zod/mini, whose checks are tree-shakable functions: the sign-in page's form is its only
 * client code, and zod's classic API alone would add ~30 kB of gzipped JavaScript to it.
 * Same rules as the e-mail in lib/organizations/schemas.ts.
 */
export const signInSchema = z.object({
  email: z
    .email("Enter a valid e-mail address.")
    .check(z.trim(), z.toLowerCase(), z.maxLength(254)),
  password: z.string().check(z.minLength(1, "Enter your password.")),
});
