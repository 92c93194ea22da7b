// The browser side of next-auth's credentials sign-in and sign-out: the requests
// next-auth/react's signIn and signOut make (its CSRF token, then a form POST with json: true),
// without its client bundle — about 13 kB of gzipped JavaScript with its Babel runtime, which
// otherwise rode along on every admin page for the Sign out menu item. The app uses no
// SessionProvider, so there is no client session cache to refresh afterwards.

async function post(path: string, fields: Record<string, string>) {
  const csrf = await fetch("/api/auth/csrf", { cache: "no-store" });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`/api/auth/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, csrfToken, json: "true" }),
  });
}

/** Signs in with the credentials provider; `error` is next-auth's code ("CredentialsSignin") or the throttle's message. */
export async function signInWithCredentials(
  email: string,
  password: string,
): Promise<{ ok: boolean; error: string | null }> {
  const response = await post("callback/credentials", {
    email,
    password,
    callbackUrl: window.location.href,
  });
  const { url } = (await response.json().catch(() => ({}))) as { url?: string };
  const error = url ? new URL(url, window.location.href).searchParams.get("error") : null;
  return { ok: response.ok && !!url && !error, error };
}

/** Ends the session and opens `callbackUrl` (a same-site path). */
export async function signOutTo(callbackUrl: string) {
  await post("signout", { callbackUrl });
  window.location.href = callbackUrl;
}
