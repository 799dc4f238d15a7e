/**
 * Source ids ("jira:acct:5b10…", "pm/ä 1") become URL path segments and file names.
 * Safe ids pass unchanged so URLs stay readable; anything else is reduced to
 * [a-z0-9-] plus a short hash of the original, so two ids never share a slug.
 */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36).padStart(7, '0').slice(0, 7);
}

export function slug(id: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id)) return id;
  const base = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return base ? `${base}-${shortHash(id)}` : shortHash(id);
}
