import { personPathSegment } from '../access/person-path.ts';

/**
 * The site's page paths, as site/src/lib/links.ts and portfolio-links.ts build them. The site's
 * helpers read Astro's build settings, so they cannot be imported here; the slug is the site's
 * rule as access/person-path.ts already holds it for the edge (one rule for PM ids, project ids and
 * portfolio names alike), and test/digest/links.test.ts checks it against the site's.
 */
export const slug = personPathSegment;

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
