// What a chart shows, in words, for its text alternative: the figures a sighted reader takes from
// the drawing at a glance (the highest and lowest bar, the riskiest project, the largest share).
import type { Forecast } from '../../../functions/contract/forecasts-document.ts';
import { formatShare } from './format.ts';

/** "highest Flow 120, lowest Delivery 90" of the scored areas; "" when none is scored. */
export function areaExtremes(scores: readonly { area: string; score: number | null | undefined }[]): string {
  const scored = scores.filter((s): s is { area: string; score: number } => s.score !== null && s.score !== undefined);
  if (scored.length === 0) return '';
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  const [top, bottom] = [sorted[0]!, sorted.at(-1)!];
  if (sorted.length === 1) return `${top.area} ${Math.round(top.score)}`;
  return `highest ${top.area} ${Math.round(top.score)}, lowest ${bottom.area} ${Math.round(bottom.score)}`;
}

/** "riskiest Payments v3: 85 % by 2026-01-04, due 2025-12-20, 12 % chance by due" of the first forecast. */
export function riskiestFinding(riskiestFirst: readonly Forecast[]): string {
  const f = riskiestFirst[0];
  if (!f) return '';
  const due = f.dueOn ? `, due ${f.dueOn}` : ', no due date';
  const chance = f.probabilityByDue === null ? '' : `, ${formatShare(f.probabilityByDue)} chance by due`;
  return `riskiest ${f.name}: 85 % by ${f.p85 ?? 'no date'}${due}${chance}`;
}

/** "in 2025-11, Growth the largest at 40 %, unaligned 10 %" for the last month of a theme mix. */
export function lastMonthMix(period: string, shares: readonly { theme: string; hours: number }[], unalignedHours: number, totalHours: number): string {
  if (totalHours <= 0 || shares.length === 0) return '';
  const largest = [...shares].sort((a, b) => b.hours - a.hours)[0]!;
  return `in ${period}, ${largest.theme} the largest at ${formatShare(largest.hours / totalHours)}, unaligned ${formatShare(unalignedHours / totalHours)}`;
}
