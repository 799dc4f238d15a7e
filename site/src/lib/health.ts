import type { Health } from '../../../functions/contract/documents.ts';

export const healthLabel: Record<Health, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  not_reported: 'Not reported',
};

/** Worst first, so a table sorted by health puts what needs attention on top. */
export const healthRank: Record<Health, number> = { off_track: 0, at_risk: 1, on_track: 2, not_reported: 3 };

export function healthCounts(items: { health?: Health }[]): Record<Health, number> {
  const counts: Record<Health, number> = { on_track: 0, at_risk: 0, off_track: 0, not_reported: 0 };
  for (const item of items) counts[item.health ?? 'not_reported']++;
  return counts;
}
