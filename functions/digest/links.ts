/**
 * The site's page paths, as site/src/lib/links.ts and portfolio-links.ts build them. The site's
 * helpers read Astro's build settings, so they cannot be imported here; `slug` is the site's own
 * rule, copied, and test/digest/links.test.ts checks the two agree.
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

export const pmPath = (pmId: string): string => `/pm/${slug(pmId)}/`;
export const projectPath = (projectId: string): string => `/project/${slug(projectId)}/`;
export const portfolioPath = (name: string): string => `/portfolio/${slug(name)}/`;
export const kpiPath = (kpiId: string): string => `/kpi/${slug(kpiId)}/`;
export const ALIGNMENT_PATH = '/alignment/';
export const FORECASTS_PATH = '/forecasts/';
export const QUALITY_PATH = '/quality/';

/** A site path as a link: under the configured site address, or the bare path without one. */
export function siteLink(siteUrl: string | undefined, path: string): string {
  if (!siteUrl) return path;
  return `${siteUrl.replace(/\/+$/, '')}${path}`;
}
