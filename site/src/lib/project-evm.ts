import type { ChartDef } from './charts.ts';
import { formatHours } from './format.ts';
import { partialNote, periodName } from './periods.ts';
import type { Project } from './portfolio-pages.ts';
import { projectChartId } from './portfolio-charts.ts';
import { EVM_MEASURES, projectEvmSpec, type EvmPoint } from './project-evm-spec.ts';

type EvmMonth = NonNullable<Project['evmMonths']>[number];

/**
 * The months worth drawing: from the first month end with any planned, earned or logged hours to
 * the as-of month (always kept, so a project with nothing yet still shows where it stands).
 */
export function drawnMonths(months: readonly EvmMonth[]): EvmMonth[] {
  const first = months.findIndex((m) => m.pv !== 0 || m.ev !== 0 || m.ac !== 0);
  return months.slice(first < 0 ? Math.max(0, months.length - 1) : first);
}

const index = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v.toFixed(2));

/** The latest SPI and CPI in words, from the project's published figures (the as-of month end). */
export function latestReading(project: Project): string {
  const { spi, cpi, pv, ev, ac } = project.evm;
  // Nothing planned or earned for want of estimates in hours: neither index means anything.
  if (project.hourEstimatesUnavailable) return `no SPI or CPI (${project.hourEstimatesUnavailable})${project.hoursUnavailable ? '' : `; ${formatHours(ac)} spent`}`;
  const s = index(spi);
  const spiWords = s === undefined
    ? 'no SPI (nothing was planned to be done by now)'
    : `SPI ${s}: ${formatHours(ev)} earned of ${formatHours(pv)} planned, ${spi! >= 1 ? 'on or ahead of schedule' : 'behind schedule'}`;
  const c = index(cpi);
  const cpiWords = project.hoursUnavailable
    ? `no CPI (hours unavailable: ${project.hoursUnavailable})`
    : c === undefined
      ? 'no CPI (no hours logged yet)'
      : `CPI ${c}: ${formatHours(ev)} earned for ${formatHours(ac)} spent, ${cpi! >= 1 ? 'on or under budget' : 'over budget'}`;
  return `${spiWords}; ${cpiWords}`;
}

/** The project's earned value by month as a line chart, or undefined when the snapshot has no series. */
export function projectEvmDef(project: Project): ChartDef | undefined {
  const all = project.evmMonths;
  if (!all || all.length === 0) return undefined;
  const months = drawnMonths(all);
  // AC is not 0 h of work where the source cannot give hours, nor PV and EV 0 h of plan where its
  // estimates are not hours: left out rather than drawn flat.
  const withAc = !project.hoursUnavailable;
  const withPlan = !project.hourEstimatesUnavailable;
  const shown = [withPlan, withPlan, withAc];
  if (!shown.some(Boolean)) return undefined;
  const measures = EVM_MEASURES.filter((_, i) => shown[i]);
  const valuesOf = (m: EvmMonth) => [m.pv, m.ev, m.ac].filter((_, i) => shown[i]);
  const points: EvmPoint[] = months.flatMap((m) => valuesOf(m).map((hours, i) => ({ period: m.period, measure: measures[i]!, hours })));
  const periods = months.map((m) => m.period);
  const last = months.at(-1)!;
  const lastName = `${periodName(last.period)}${last.partial ? ` (${partialNote(last)})` : ''}`;
  return {
    id: projectChartId(project.id, 'evm'),
    caption: `${project.name}: earned value by month end`,
    note: `In hours.${withPlan ? ' EV below PV is behind plan; AC above EV is over cost.' : ''}${months.length < all.length ? ` From ${periodName(months[0]!.period)}, its first month with planned, earned or logged hours.` : ''}${withAc ? '' : ' No AC: the source cannot give this project\u2019s hours.'}${withPlan ? '' : ' No PV or EV: the source\u2019s estimates are not hours (no cost baseline).'}`,
    label: `Line chart of ${measures.join(', ')} of ${project.name} in hours at each month end from ${periodName(periods[0]!)} to ${lastName}. At the latest reading: ${latestReading(project)}.`,
    table: {
      columns: ['Month', ...['PV hours', 'EV hours', 'AC hours'].filter((_, i) => shown[i]), 'Partial'],
      rows: months.map((m) => [m.period, ...valuesOf(m).map(String), partialNote(m)]),
    },
    numeric: measures.map((_, i) => i + 1),
    definitions: [{ anchor: 'evm', name: 'earned value' }],
    spec: projectEvmSpec(points, periods, months.filter((m) => m.partial).map((m) => m.period), measures),
  };
}
