/**
 * The path segment of a PM's page (`/pm/<segment>/`) for their id in managers.json, so the session
 * can carry what the edge compares with the path. The site build names every page with it
 * (`site/src/lib/slug.ts`): safe ids pass unchanged, anything else becomes [a-z0-9-] plus a short
 * hash of the original.
 */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36).padStart(7, '0').slice(0, 7);
}

export function personPathSegment(id: string): string {
  if (SAFE_ID.test(id)) return id;
  const base = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return base ? `${base}-${shortHash(id)}` : shortHash(id);
}
