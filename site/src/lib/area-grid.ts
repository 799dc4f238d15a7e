import type { ManagersDoc } from '../../../functions/contract/documents.ts';
import { pmLabels, pmOrder } from './scales.ts';

/**
 * The overview's PM × competency area grid. An area score is 100 at the company average and
 * moves 15 points per standard deviation of the PMs (docs/kpi-catalogue.md), so the colour bands
 * are whole and half standard deviations: a cell's band says how far the PM is from the company.
 */
export interface AreaCell {
  areaId: string;
  score: number | null;
  /** -2 (≥ 1 sd below) … 2 (≥ 1 sd above); null without a score. */
  band: -2 | -1 | 0 | 1 | 2 | null;
}

export interface AreaGridRow {
  pmId: string;
  label: string;
  cells: AreaCell[];
  /** Ranked KPIs beyond the 95 % limits on the bad and the good side. */
  worse: number;
  better: number;
}

export const AREA_SD = 15;

export function band(score: number | null): AreaCell['band'] {
  if (score === null) return null;
  const sd = (score - 100) / AREA_SD;
  if (sd <= -1) return -2;
  if (sd <= -0.5) return -1;
  if (sd < 0.5) return 0;
  if (sd < 1) return 1;
  return 2;
}

/** The legend of the bands, in standard deviations of the PMs from the company. */
export const bandWords: Record<string, string> = {
  '-2': '1 sd or more below',
  '-1': '½–1 sd below',
  '0': 'within ½ sd',
  '1': '½–1 sd above',
  '2': '1 sd or more above',
};

/** One row per PM in name order (the order of every PM list on the site); empty without areas. */
export function areaGrid(doc: ManagersDoc): AreaGridRow[] {
  const areas = doc.areas ?? [];
  if (areas.length === 0) return [];
  const labels = pmLabels(doc);
  return pmOrder(doc).map((pm) => {
    const scores = new Map((pm.areas ?? []).map((a) => [a.id, a.score]));
    const signals = Object.values(pm.values).map((v) => v.signal);
    return {
      pmId: pm.id,
      label: labels.get(pm.id) ?? pm.name,
      cells: areas.map((a) => {
        const score = scores.get(a.id) ?? null;
        return { areaId: a.id, score, band: band(score) };
      }),
      worse: signals.filter((s) => s === 'worse').length,
      better: signals.filter((s) => s === 'better').length,
    };
  });
}
