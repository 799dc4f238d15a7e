import type { Health } from '../../contract/documents.ts';
import { ratio, roundHours, roundRatio } from './numbers.ts';
import type { ProjectTally } from './project-tally.ts';
import type { KpiSettings } from './settings.ts';

/**
 * Earned-value figures (PMBOK 6th ed. §7.4.2) from a tally, in hours, and project health from them.
 * Every figure whose divisor is 0 is null rather than infinite; see docs/kpi-catalogue.md.
 */

export interface EvmFigures {
  bac: number; pv: number; ev: number; ac: number;
  spi: number | null; cpi: number | null;
  sv: number | null; cv: number | null;
  eac: number | null; etc: number | null; vac: number | null; tcpi: number | null;
  currency?: { pv: number; ev: number; ac: number; bac: number; code: string };
}

export function evmFigures(t: ProjectTally, currency: string): EvmFigures {
  const spi = ratio(t.ev, t.pv);
  const cpi = ratio(t.ev, t.ac);
  // EAC = BAC / CPI: the typical forecast, assuming the cost efficiency so far continues.
  const eac = cpi === null || cpi === 0 ? null : t.bac / cpi;
  // TCPI against BAC: the efficiency the remaining work needs to finish on budget; none once AC ≥ BAC.
  const tcpi = t.bac - t.ac > 0 ? (t.bac - t.ev) / (t.bac - t.ac) : null;
  const hours = (v: number | null): number | null => (v === null ? null : roundHours(v));
  const figures: EvmFigures = {
    bac: roundHours(t.bac), pv: roundHours(t.pv), ev: roundHours(t.ev), ac: roundHours(t.ac),
    spi: spi === null ? null : roundRatio(spi),
    cpi: cpi === null ? null : roundRatio(cpi),
    sv: roundHours(t.ev - t.pv),
    cv: roundHours(t.ev - t.ac),
    eac: hours(eac),
    etc: hours(eac === null ? null : eac - t.ac),
    vac: hours(eac === null ? null : t.bac - eac),
    tcpi: tcpi === null ? null : roundRatio(tcpi),
  };
  const c = t.cost;
  if (c.bac > 0 || c.costed > 0) figures.currency = { pv: roundHours(c.pv), ev: roundHours(c.ev), ac: roundHours(c.ac), bac: roundHours(c.bac), code: currency };
  return figures;
}

/** Health from the weaker of SPI and CPI against the configured thresholds. */
export function healthOf(evm: Pick<EvmFigures, 'spi' | 'cpi'>, thresholds: KpiSettings['health']): { health: Health; healthReason: string } {
  const named = [['SPI', evm.spi], ['CPI', evm.cpi]].filter((pair): pair is [string, number] => pair[1] !== null);
  if (named.length === 0) return { health: 'not_reported', healthReason: 'no planned value and no hours logged yet' };
  const [name, worst] = named.reduce((low, pair) => (pair[1] < low[1] ? pair : low));
  if (worst < thresholds.offTrackBelow) return { health: 'off_track', healthReason: `${name} ${worst} < ${thresholds.offTrackBelow}` };
  if (worst < thresholds.atRiskBelow) return { health: 'at_risk', healthReason: `${name} ${worst} < ${thresholds.atRiskBelow}` };
  return { health: 'on_track', healthReason: `${named.map(([n, v]) => `${n} ${v}`).join(', ')} ≥ ${thresholds.atRiskBelow}` };
}
