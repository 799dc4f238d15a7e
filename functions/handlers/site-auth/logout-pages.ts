/**
 * The two small pages of signing out. No scripts (the site's CSP allows none inline): the sign-out
 * page moves on to Cognito's logout with a meta refresh, because a redirect answering the form
 * would be checked against the CSP's `form-action 'self'` and blocked on the way to Cognito.
 */
const page = (title: string, body: string, head = '') => ({
  statusCode: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`,
});

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Answers a GET of the logout address: signing out takes a POST. */
export const signOutForm = () => page('Sign out', '<form method="post" action="/_auth/logout"><button type="submit">Sign out of pmpulse</button></form>');

/** After the cookie is cleared: on to Cognito, which ends its own session so the next visit asks again. */
export function logoutPage(cognitoLogoutUrl: string) {
  const url = escapeHtml(cognitoLogoutUrl);
  return page('Signed out', `<p>Signed out. <a href="${url}">Continue</a></p>`, `<meta http-equiv="refresh" content="0;url=${url}">`);
}
