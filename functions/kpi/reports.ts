import { SCHEMA_VERSION, type CompanyStat, type KpiValue, type ManagersDoc } from '../publish/documents.ts';
import { areaScores, weakestKpi, zScores } from './areas.ts';
import { dateOfDay, type Calendar } from './calendar.ts';
import { funnel, fitBetaPrior, percentiles, shrink, spread } from './compare.ts';
import { areaDefinitions, KPI_SPECS, kpiDefinitions } from './definitions.ts';
import type { Identity } from './identity.ts';
import { goodness, type KpiSpec } from './kpi-spec.ts';
import type { ManagerTally } from './manager-tally.ts';
import { periodFields } from './period-fields.ts';
import { managerValues, type RawValues } from './manager-values.ts';
import { roundForUnit } from './numbers.ts';
import type { People } from './people.ts';
import type { KpiSettings } from './settings.ts';

/** Turns the PMs' tallies into the managers document: values, company comparison, areas, trends, drivers. */

export interface ManagerEntry {
  pm: Identity;
  projectIds: string[];
  tally: ManagerTally;
}

const round = (spec: KpiSpec, value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : roundForUnit(spec.unit, value);

function periodValue(spec: KpiSpec, raw: RawValues, settings: KpiSettings): KpiValue {
  const r = raw[spec.id] ?? { value: null, n: 0 };
  return {
    value: round(spec, r.value),
    n: r.n,
    smallSample: r.n < (spec.smallBelow ?? settings.smallSampleN),
    ...(spec.rate ? { successes: r.successes ?? 0 } : {}),
  };
}

function companyStat(spec: KpiSpec, raws: readonly RawValues[]): CompanyStat {
  const own = raws.map((raw) => raw[spec.id] ?? { value: null, n: 0 });
  const s = spread(own.map((r) => r.value).filter((v): v is number => v !== null));
  const limits = spec.rate ? funnel(own) : undefined;
  return {
    mean: round(spec, s.mean), median: round(spec, s.median), p25: round(spec, s.p25), p75: round(spec, s.p75), n: s.n ?? 0,
    ...(limits ? { funnel: { target: round(spec, limits.target) ?? 0, limits: limits.limits.map((l) => ({ n: l.n, lower95: round(spec, l.lower95) ?? 0, upper95: round(spec, l.upper95) ?? 0, lower998: round(spec, l.lower998) ?? 0, upper998: round(spec, l.upper998) ?? 0 })) } } : {}),
  };
}

/** The window values of every PM with percentile and, for rates, the shrunk value; plus the values ranked by. */
function compared(raws: readonly RawValues[], settings: KpiSettings): { values: Record<string, KpiValue>[]; rankBy: Map<string, number | null>[] } {
  const values: Record<string, KpiValue>[] = raws.map(() => ({}));
  const rankBy = raws.map(() => new Map<string, number | null>());
  for (const spec of KPI_SPECS) {
    const own = raws.map((raw) => raw[spec.id] ?? { value: null, n: 0 });
    const prior = spec.rate ? fitBetaPrior(own) : undefined;
    const ranked = own.map((r) => (spec.rate ? shrink(r, prior) : r.value));
    const pct = percentiles(ranked.map((v) => (v === null ? null : goodness(spec.direction, v))));
    own.forEach((_, pm) => {
      const base = periodValue(spec, raws[pm] as RawValues, settings);
      const percentile = pct[pm] === null || pct[pm] === undefined ? null : Math.round((pct[pm] as number) * 10) / 10;
      (values[pm] as Record<string, KpiValue>)[spec.id] = { ...base, percentile, ...(spec.rate ? { shrunk: round(spec, ranked[pm]) } : {}) };
      rankBy[pm]?.set(spec.id, ranked[pm] ?? null);
    });
  }
  return { values, rankBy };
}

export function buildManagersDoc(asOf: string, calendar: Calendar, people: People, settings: KpiSettings, entries: readonly ManagerEntry[]): ManagersDoc {
  const slotIndexes = (kind: string): number[] => calendar.slots.flatMap((slot, index) => (slot.kind === kind ? [index] : []));
  const months = slotIndexes('month');
  const quarters = slotIndexes('quarter');
  const raws = entries.map((entry) => calendar.slots.map((_, slot) => managerValues(entry.tally, slot, calendar, people)));
  const windowRaws = raws.map((perSlot) => perSlot[0] as RawValues);
  const { values, rankBy } = compared(windowRaws, settings);
  const z = zScores(KPI_SPECS, rankBy);
  const periods = (perSlot: RawValues[], slots: number[]) =>
    slots.map((slot) => ({ ...periodFields(calendar, slot), values: Object.fromEntries(KPI_SPECS.map((spec) => [spec.id, periodValue(spec, perSlot[slot] as RawValues, settings)])) }));
  return {
    schemaVersion: SCHEMA_VERSION,
    asOf,
    window: { from: dateOfDay(calendar.windowSlot.from), to: asOf },
    kpis: [...kpiDefinitions],
    managers: entries.map((entry, pm) => {
      const zs = z[pm] ?? new Map<string, number | null>();
      const weakest = weakestKpi(KPI_SPECS, zs);
      return {
        id: entry.pm.id,
        name: entry.pm.name,
        projectIds: entry.projectIds,
        values: values[pm] ?? {},
        areas: areaScores(areaDefinitions, zs),
        months: periods(raws[pm] ?? [], months),
        quarters: periods(raws[pm] ?? [], quarters),
        ...(weakest?.driver ? { drivers: { kpi: weakest.id, tasks: entry.tally.drivers.list(weakest.driver) } } : {}),
      };
    }),
    company: Object.fromEntries(KPI_SPECS.map((spec) => [spec.id, companyStat(spec, windowRaws)])),
    areas: [...areaDefinitions],
    companyMonths: months.map((slot) => ({
      ...periodFields(calendar, slot),
      values: Object.fromEntries(KPI_SPECS.map((spec) => [spec.id, companyStat({ ...spec, rate: false }, raws.map((perSlot) => perSlot[slot] as RawValues))])),
    })),
  };
}
