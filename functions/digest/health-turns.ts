import type { Health } from '../contract/documents.ts';
import { HEALTH_RANK } from './format.ts';

/**
 * Health that turned at risk or off track: worse now than in the earlier snapshot, by the site's
 * order (off track, at risk, on track, not reported). Something absent from the earlier snapshot
 * (or with no earlier snapshot at all) counts as turning when it is at risk or off track now, so the
 * first digest lists the current problems.
 */
export function turnedBad(now: Health | undefined, before: Health | undefined, hadEarlier: boolean): boolean {
  if (now !== 'at_risk' && now !== 'off_track') return false;
  if (!hadEarlier) return true;
  return HEALTH_RANK[now] < HEALTH_RANK[before ?? 'not_reported'];
}
