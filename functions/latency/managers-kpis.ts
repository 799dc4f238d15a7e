import type { KpiValue, ManagersDoc } from '../contract/documents.ts';
import { weakestKpi } from '../kpi/compare/areas.ts';
import { percentiles, spread } from '../kpi/compare/compare.ts';
import { intervalStandings, publishedStanding, type Standing } from '../kpi/compare/noise-limits.ts';
import type { RawValue } from '../kpi/compare/manager-values.ts';
// Decision latency's KPIs are defined in the catalogue with the others.
import { latencyDefinitions } from '../kpi/catalogue/latency.ts';
import type { LatencyFigures } from './latency.ts';

const SMALL_SAMPLE = 10;
type LatencyId = (typeof latencyDefinitions)[number]['id'];

function latencyValues(figures: LatencyFigures | undefined): Record<LatencyId, RawValue> {
  const waits = figures?.waits ?? 0;
  return {
    decisionWaitHours: { value: figures ? figures.waitingHours : null, n: waits },
    decisionWaitMeanHours: { value: figures && waits > 0 ? figures.waitingHours / waits : null, n: waits },
    decisionWaitShare: { value: figures?.waitingShare ?? null, n: figures?.cycleTasks ?? 0 },
    decisionWaitP85: { value: figures?.p85 ?? null, n: waits },
  };
}

const published = (id: LatencyId, raw: RawValue, percentile: number | null | undefined, standing: Standing | undefined): KpiValue => {
  // Hours need one wait to mean anything; the rest are small below 10.
  const value: KpiValue = { value: raw.value, n: raw.n, smallSample: raw.n < (id === 'decisionWaitHours' ? 1 : SMALL_SAMPLE) };
  if (id === 'decisionWaitHours') return value;
  return {
    ...value,
    percentile: percentile ?? null,
    ...publishedStanding(standing),
  };
};

/**
 * Adds the latency KPIs to every manager, with company spread; the ranked ones with percentiles,
 * interval limits and signals. A latency KPI further beyond its limits than the PM's weakest KPI
 * so far becomes the weakest (it names no driver tasks).
 */
export function withLatencyKpis(doc: ManagersDoc, byManager: ReadonlyMap<string, LatencyFigures>): ManagersDoc {
  const values = doc.managers.map((pm) => {
    const known = byManager.get(pm.id);
    // No status history at all (e.g. only Asana projects): no value, rather than a flattering 0.
    return latencyValues(known && known.tasksWithHistory > 0 ? known : undefined);
  });
  const company: ManagersDoc['company'] = { ...doc.company };
  const ranks = new Map<string, (number | null)[]>();
  const standings = new Map<string, (Standing | undefined)[]>();
  for (const { id, ranked } of latencyDefinitions) {
    const own = values.map((v) => v[id as LatencyId]);
    const column = own.map((r) => r.value);
    company[id] = spread(column.filter((v): v is number => v !== null));
    if (!ranked) continue;
    ranks.set(id, percentiles(column.map((v) => (v === null ? null : -v))));
    standings.set(id, intervalStandings(own, 'lower'));
  }
  const managers = doc.managers.map((pm, i) => {
    const added = Object.fromEntries(latencyDefinitions.map(({ id }) => [id, published(id as LatencyId, values[i]![id as LatencyId], ranks.get(id)?.[i], standings.get(id)?.[i])]));
    const own = new Map(latencyDefinitions.map(({ id }) => [id, standings.get(id)?.[i]]));
    const latencyWeakest = weakestKpi(latencyDefinitions.filter((d) => d.ranked), own);
    const current = pm.weakestKpi ? pm.values[pm.weakestKpi] : undefined;
    // The published standing of the weakest so far is rounded; its shortfall is close enough to order by.
    const currentBeyond = typeof current?.deviation === 'number' && typeof current.limit95 === 'number' ? -current.deviation - current.limit95 : 0;
    const replaces = latencyWeakest && latencyWeakest.beyond > currentBeyond;
    return { ...pm, values: { ...pm.values, ...added }, ...(replaces ? { weakestKpi: latencyWeakest.spec.id, drivers: { kpi: latencyWeakest.spec.id, tasks: [] } } : {}) };
  });
  return { ...doc, kpis: [...doc.kpis, ...latencyDefinitions], managers, company };
}
