import type { KpiConfig } from '../../config/schema.ts';
import type { KpiUnit } from '../../config/story-points.ts';

/**
 * The KPI settings with every default filled in. The config key `kpi` is optional; each of its
 * fields falls back on the value here, so a config written before the key existed keeps working.
 */
export interface KpiSettings {
  windowDays: number;
  smallSampleN: number;
  evmRule: '0/100' | '50/50';
  /** Planned value from today's due dates and estimates, or from the baseline (baseline.ts). */
  pvBasis: 'current' | 'baseline';
  defaultCapacityHoursPerWeek: number;
  health: { atRiskBelow: number; offTrackBelow: number };
  currency: string;
  /** The IANA zone days are taken in; undefined: the day as the source wrote it (zone-day.ts). */
  timeZone: string | undefined;
  /** What throughput counts: tasks, or their story points (catalogue/points.ts). */
  unit: KpiUnit;
}

export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  windowDays: 90,
  smallSampleN: 10,
  evmRule: '0/100',
  pvBasis: 'current',
  defaultCapacityHoursPerWeek: 40,
  health: { atRiskBelow: 0.95, offTrackBelow: 0.85 },
  currency: 'EUR',
  timeZone: undefined,
  unit: 'items',
};

/** Calendar months and quarters published per PM, ending with the as-of date's own. */
export const MONTHS = 12;
export const QUARTERS = 4;

export function resolveKpiSettings(config: KpiConfig | undefined, windowDays?: number): KpiSettings {
  const d = DEFAULT_KPI_SETTINGS;
  return {
    windowDays: windowDays ?? config?.windowDays ?? d.windowDays,
    smallSampleN: config?.smallSampleN ?? d.smallSampleN,
    evmRule: config?.evmRule ?? d.evmRule,
    pvBasis: config?.pvBasis ?? d.pvBasis,
    defaultCapacityHoursPerWeek: config?.defaultCapacityHoursPerWeek ?? d.defaultCapacityHoursPerWeek,
    health: {
      atRiskBelow: config?.health?.atRiskBelow ?? d.health.atRiskBelow,
      offTrackBelow: config?.health?.offTrackBelow ?? d.health.offTrackBelow,
    },
    currency: config?.currency ?? d.currency,
    timeZone: config?.timeZone ?? d.timeZone,
    unit: config?.unit ?? d.unit,
  };
}
