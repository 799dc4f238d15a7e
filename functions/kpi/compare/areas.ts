import type { AreaDefinition } from '../../contract/documents.ts';
import { goodness, type KpiSpec } from '../catalogue/kpi-spec.ts';
import { shortfall, type Standing } from './noise-limits.ts';

/**
 * Direction-adjusted z-scores of every PM on every ranked KPI and from them the competency-area
 * scores; and each PM's weakest KPI, judged by the noise limits, not by rank. A rate is compared
 * by its shrunk value, so a PM with three tasks does not top or bottom the ranking by chance.
 */

export const Z_CLAMP = 3;
export const AREA_SCALE = 15;

/** zScores[pm][kpi]: null where the PM has no value. */
export type ZScores = Map<string, number | null>[];

/** `rankValues[pm]` maps KPI id → the value to rank by (shrunk for rates), or null. */
export function zScores(specs: readonly KpiSpec[], rankValues: readonly Map<string, number | null>[]): ZScores {
  const result: ZScores = rankValues.map(() => new Map());
  for (const spec of specs) {
    const g = rankValues.map((values) => {
      const v = values.get(spec.id);
      return v === null || v === undefined ? null : goodness(spec.direction, v);
    });
    const present = g.filter((x): x is number => x !== null);
    const mean = present.reduce((sum, x) => sum + x, 0) / (present.length || 1);
    const sd = Math.sqrt(present.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (present.length || 1));
    g.forEach((x, pm) => {
      const z = x === null ? null : sd > 0 ? Math.max(-Z_CLAMP, Math.min(Z_CLAMP, (x - mean) / sd)) : 0;
      result[pm]?.set(spec.id, z);
    });
  }
  return result;
}

/** 100 + 15 × the mean z over the area's KPIs where the PM has a value; null when none. */
export function areaScores(areas: readonly AreaDefinition[], z: ReadonlyMap<string, number | null>): { id: string; score: number | null }[] {
  return areas.map((area) => {
    const present = area.kpis.map((id) => z.get(id)).filter((x): x is number => x !== null && x !== undefined);
    if (present.length === 0) return { id: area.id, score: null };
    const meanZ = present.reduce((sum, x) => sum + x, 0) / present.length;
    return { id: area.id, score: Math.round((100 + AREA_SCALE * meanZ) * 10) / 10 };
  });
}

/**
 * The ranked KPI that lies furthest beyond its 95 % limit on the bad side, measured in standard
 * errors beyond the limit (−deviation − limit95). Undefined when no ranked KPI lies beyond its
 * limit: then no KPI is weak against the company, however the PM ranks. Ties go to the
 * catalogue's order. Pass ranked KPIs only.
 */
export function weakestKpi<S extends { id: string }>(specs: readonly S[], standings: ReadonlyMap<string, Standing | undefined>): { spec: S; beyond: number } | undefined {
  let weakest: { spec: S; beyond: number } | undefined;
  for (const spec of specs) {
    const beyond = shortfall(standings.get(spec.id));
    if (beyond > 0 && (!weakest || beyond > weakest.beyond)) weakest = { spec, beyond };
  }
  return weakest;
}
