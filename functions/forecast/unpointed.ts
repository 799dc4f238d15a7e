import type { Forecast } from '../contract/forecasts-document.ts';
import type { FlowTally } from './throughput.ts';

/**
 * In story points, tasks without points cannot be resampled or counted down: they are left out of
 * `weeklyThroughput` and `remaining`, and each forecast says how many there are and what share of
 * the open tasks they are, so a reader sees how much of the open work the dates do not cover.
 */
export function unpointedFields(tally: FlowTally, unit: 'items' | 'points'): Pick<Forecast, 'unpointedOpen' | 'unpointedDone' | 'unpointedShare'> {
  if (unit === 'items') return {};
  const open = tally.openItems + tally.unpointedOpen;
  return {
    unpointedOpen: tally.unpointedOpen,
    unpointedDone: tally.unpointedDone,
    unpointedShare: open === 0 ? null : Math.round((tally.unpointedOpen / open) * 10_000) / 10_000,
  };
}

/** Why a group whose open tasks all lack points has no forecast. */
export const allUnpointedReason = (count: number): string =>
  `${count} open item${count === 1 ? '' : 's'}, none with story points: nothing to count down in points`;
