import { signInWithCredentials } from "@/lib/auth/browser-session";

/** Signs in with next-auth's credentials provider; resolves to an error message or null. */
export async function passwordSignIn(email: string, password: string): Promise<string | null> {
  const result = await signInWithCredentials(email, password);
  if (result?.ok && !result.error) return null;
  if (!result?.error || result.error === "CredentialsSignin")
    return "That e-mail and password do not match.";
  return result.error;
}
