/** Cookie helpers for the Lambda function URL event, which lists cookies as `name=value` strings. */

export function readCookie(cookies: readonly string[] | undefined, name: string): string | undefined {
  for (const cookie of cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at > 0 && cookie.slice(0, at).trim() === name) return cookie.slice(at + 1).trim();
  }
  return undefined;
}

/** Secure, HttpOnly, SameSite=Lax: never readable by page scripts, sent on the top-level redirect back from the login. */
export function setCookie(name: string, value: string, options: { path: string; maxAgeSeconds: number }): string {
  return `${name}=${value}; Path=${options.path}; Max-Age=${options.maxAgeSeconds}; Secure; HttpOnly; SameSite=Lax`;
}

export function clearCookie(name: string, path: string): string {
  return setCookie(name, '', { path, maxAgeSeconds: 0 });
}
