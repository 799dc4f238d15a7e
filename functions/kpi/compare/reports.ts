import { SCHEMA_VERSION, type CompanyStat, type KpiValue, type ManagersDoc } from '../../contract/documents.ts';
import { areaScores, weakestKpi, zScores } from './areas.ts';
import { dateOfDay, type Calendar } from '../engine/calendar.ts';
import { funnel, fitBetaPrior, percentiles, shrink, spread } from './compare.ts';
import { areaDefinitions, KPI_SPECS, RANKED_SPECS } from '../catalogue/definitions.ts';
import type { Identity } from '../engine/identity.ts';
import { goodness, isRanked, isRate, publishedDefinition, type KpiSpec } from '../catalogue/kpi-spec.ts';
import type { ManagerTally } from '../engine/manager-tally.ts';
import { periodFields } from '../engine/period-fields.ts';
import { managerValues, type RawValue, type RawValues } from './manager-values.ts';
import { roundForUnit, roundRatio } from '../engine/numbers.ts';
import { specsInUnit } from '../catalogue/points.ts';
import { withoutHourKpis, withoutPartlySeenTeams } from './hours-unavailable.ts';
import { withoutHourEstimateKpis } from './hour-estimates-unavailable.ts';
import type { People } from '../engine/people.ts';
import { intervalStandings, publishedStanding, rateStandings, type Standing } from './noise-limits.ts';
import type { KpiSettings } from '../engine/settings.ts';

/** Turns the PMs' tallies into the managers document: values, company comparison, areas, trends, drivers. */

export interface ManagerEntry {
  pm: Identity;
  projectIds: string[];
  tally: ManagerTally;
  /** Why hours are unavailable for some of the PM's projects (their source lacks time tracking). */
  hoursUnavailable?: string;
  /** For a person index, why some of their hours are unavailable (assigned work in such a source). */
  hoursElsewhere?: (person: number) => string | undefined;
  /** Why some of the PM's projects have no cost baseline (their source's estimates are not hours). */
  hourEstimatesUnavailable?: string;
}

const round = (spec: KpiSpec, value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : roundForUnit(spec.unit, value);

function periodValue(spec: KpiSpec, raw: RawValues, settings: KpiSettings): KpiValue {
  const r = raw[spec.id] ?? { value: null, n: 0 };
  return {
    value: round(spec, r.value),
    n: r.n,
    smallSample: r.n < (spec.smallBelow ?? settings.smallSampleN),
    ...(isRate(spec) ? { successes: r.successes ?? 0 } : {}),
    ...unpointedFields(r),
    ...(r.unavailable === undefined ? {} : { unavailable: r.unavailable }),
  };
}

/** In story points: the tasks done without points and their share of the tasks done (null when none was done). */
function unpointedFields(r: RawValue): Pick<KpiValue, 'unpointed' | 'unpointedShare'> {
  if (r.unpointed === undefined) return {};
  const done = r.n + r.unpointed;
  return { unpointed: r.unpointed, unpointedShare: done === 0 ? null : roundRatio(r.unpointed / done) };
}

/** Company spread of the PMs' values; with `limits`, a rate's funnel too. */
function companyStat(spec: KpiSpec, raws: readonly RawValues[], limits: boolean): CompanyStat {
  const own = raws.map((raw) => raw[spec.id] ?? { value: null, n: 0 });
  const s = spread(own.map((r) => r.value).filter((v): v is number => v !== null));
  const rateLimits = limits && isRate(spec) ? funnel(own) : undefined;
  return {
    mean: round(spec, s.mean), median: round(spec, s.median), p25: round(spec, s.p25), p75: round(spec, s.p75), n: s.n ?? 0,
    ...(rateLimits ? { funnel: { target: round(spec, rateLimits.target) ?? 0, limits: rateLimits.limits.map((l) => ({ n: l.n, lower95: round(spec, l.lower95) ?? 0, upper95: round(spec, l.upper95) ?? 0, lower998: round(spec, l.lower998) ?? 0, upper998: round(spec, l.upper998) ?? 0 })) } } : {}),
  };
}

/** Every PM's standing against the noise limits of a ranked KPI (undefined where the PM has no value). */
function standings(spec: KpiSpec, own: readonly RawValue[]): (Standing | undefined)[] {
  return isRate(spec) ? rateStandings(own, spec.direction) : intervalStandings(own, spec.direction);
}

/**
 * The window values of every PM. Ranked KPIs add the percentile (rates: of the shrunk value),
 * the deviation from the company in standard errors and its signal; counts add nothing, so no
 * reader can rank by them. Also returns, per PM, the values z-scores are taken of and the standings.
 */
function compared(raws: readonly RawValues[], settings: KpiSettings) {
  const values: Record<string, KpiValue>[] = raws.map(() => ({}));
  const rankBy = raws.map(() => new Map<string, number | null>());
  const standingsOf = raws.map(() => new Map<string, Standing | undefined>());
  for (const spec of KPI_SPECS) {
    const own = raws.map((raw) => raw[spec.id] ?? { value: null, n: 0 });
    const ranked = isRanked(spec);
    const prior = isRate(spec) ? fitBetaPrior(own) : undefined;
    const rankValues = own.map((r) => (isRate(spec) ? shrink(r, prior) : r.value));
    const pct = ranked ? percentiles(rankValues.map((v) => (v === null ? null : goodness(spec.direction, v)))) : [];
    const standing = ranked ? standings(spec, own) : [];
    own.forEach((r, pm) => {
      const base = periodValue(spec, raws[pm] as RawValues, settings);
      const weight = r.weight === undefined ? {} : { weight: Math.round(r.weight * 100) / 100 };
      if (!ranked) {
        (values[pm] as Record<string, KpiValue>)[spec.id] = { ...base, ...weight };
        return;
      }
      const percentile = pct[pm] === null || pct[pm] === undefined ? null : Math.round((pct[pm] as number) * 10) / 10;
      (values[pm] as Record<string, KpiValue>)[spec.id] = { ...base, percentile, ...(isRate(spec) ? { shrunk: round(spec, rankValues[pm]) } : {}), ...weight, ...publishedStanding(standing[pm]) };
      rankBy[pm]?.set(spec.id, rankValues[pm] ?? null);
      standingsOf[pm]?.set(spec.id, standing[pm]);
    });
  }
  return { values, rankBy, standingsOf };
}

export function buildManagersDoc(asOf: string, calendar: Calendar, people: People, settings: KpiSettings, entries: readonly ManagerEntry[]): ManagersDoc {
  const slotIndexes = (kind: string): number[] => calendar.slots.flatMap((slot, index) => (slot.kind === kind ? [index] : []));
  const months = slotIndexes('month');
  const quarters = slotIndexes('quarter');
  const raws = entries.map((entry) =>
    calendar.slots.map((_, slot) => {
      const values = withoutPartlySeenTeams(managerValues(entry.tally, slot, calendar, people, settings.unit), entry.tally.teamHours.people(slot), entry.hoursElsewhere);
      // Last: for cpi and estimationAccuracy, which need both, the missing baseline is the reason given.
      return withoutHourEstimateKpis(withoutHourKpis(values, entry.hoursUnavailable), entry.hourEstimatesUnavailable);
    }),
  );
  const windowRaws = raws.map((perSlot) => perSlot[0] as RawValues);
  const { values, rankBy, standingsOf } = compared(windowRaws, settings);
  const z = zScores(RANKED_SPECS, rankBy);
  const periods = (perSlot: RawValues[], slots: number[]) =>
    slots.map((slot) => ({ ...periodFields(calendar, slot), values: Object.fromEntries(KPI_SPECS.map((spec) => [spec.id, periodValue(spec, perSlot[slot] as RawValues, settings)])) }));
  return {
    schemaVersion: SCHEMA_VERSION,
    asOf,
    window: { from: dateOfDay(calendar.windowSlot.from), to: asOf },
    // The catalogue's text in the unit counted: in points, throughput says it counts points.
    unit: settings.unit,
    kpis: specsInUnit(KPI_SPECS, settings.unit).map(publishedDefinition),
    managers: entries.map((entry, pm) => {
      const zs = z[pm] ?? new Map<string, number | null>();
      const weakest = weakestKpi(RANKED_SPECS, standingsOf[pm] ?? new Map())?.spec;
      return {
        id: entry.pm.id,
        name: entry.pm.name,
        projectIds: entry.projectIds,
        values: values[pm] ?? {},
        areas: areaScores(areaDefinitions, zs),
        months: periods(raws[pm] ?? [], months),
        quarters: periods(raws[pm] ?? [], quarters),
        weakestKpi: weakest?.id ?? null,
        ...(weakest ? { drivers: { kpi: weakest.id, tasks: weakest.driver ? entry.tally.drivers.list(weakest.driver) : [] } } : {}),
      };
    }),
    company: Object.fromEntries(KPI_SPECS.map((spec) => [spec.id, companyStat(spec, windowRaws, true)])),
    areas: [...areaDefinitions],
    companyMonths: months.map((slot) => ({
      ...periodFields(calendar, slot),
      values: Object.fromEntries(KPI_SPECS.map((spec) => [spec.id, companyStat(spec, raws.map((perSlot) => perSlot[slot] as RawValues), false)])),
    })),
  };
}
