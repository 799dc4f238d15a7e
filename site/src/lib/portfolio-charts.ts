import type { AlignmentDoc } from '../../../functions/contract/documents.ts';
import type { ChartDef, ChartTable } from './charts.ts';
import { alignmentChartDef, alignmentLink } from './charts.ts';
import { portfolioCurvesDef, riskiestRangeDef } from './forecast-overview-charts.ts';
import { distributionChartDef, throughputChartDef } from './forecast-detail-charts.ts';
import { formatHours, formatScore } from './format.ts';
import { gapTrendSpec } from './gap-trend-spec.ts';
import { partialNote } from './periods.ts';
import { portfolioPages, type PortfolioPage, type Project } from './portfolio-pages.ts';
import { slug } from './slug.ts';
import { byId } from './project-index.ts';
import { projectEvmDef } from './project-evm.ts';
import type { Snapshot } from './snapshot.ts';

const present = (defs: (ChartDef | undefined)[]) => defs.filter((d): d is ChartDef => d !== undefined);

/** Chart ids of these pages sit under a folder (`portfolio/…`, `project/…`): their CSVs are data/<folder>/<id>.csv. */
export const portfolioChartId = (page: PortfolioPage, what: string) => `portfolio/${page.slug}-${what}`;
export const projectChartId = (projectId: string, what: string) => `project/${slug(projectId)}-${what}`;

type PortfolioAlignment = AlignmentDoc['portfolios'][number];

/** The portfolio's gap score month by month against its own targets; undefined without months. */
function gapTrendDef(page: PortfolioPage, alignment: PortfolioAlignment): ChartDef | undefined {
  const months = alignment.months ?? [];
  if (months.length === 0) return undefined;
  const periods = months.map((m) => m.period);
  const points = months.flatMap((m) => (m.gapScore === null ? [] : [{ period: m.period, portfolio: page.name, gap: m.gapScore }]));
  return {
    id: portfolioChartId(page, 'gap-trend'),
    caption: `${page.name}: gap score by month`,
    note: 'Against the portfolio\u2019s own targets: 0 = the mix leadership set, 1 = fully off. No point in a month without hours.',
    label: `Alignment gap score of ${page.name} for each of ${months.length} months, from ${periods[0]} to ${periods.at(-1)}`,
    table: { columns: ['Month', 'Hours', 'Gap score', 'Partial'], rows: months.map((m) => [m.period, formatHours(m.totalHours), m.gapScore === null ? 'no hours' : formatScore(m.gapScore), partialNote(m)]) },
    numeric: [1, 2],
    definitions: [alignmentLink],
    spec: gapTrendSpec(points, [page.name], periods, months.filter((m) => m.partial).map((m) => m.period)),
  };
}

/** Every chart of a portfolio page, in page order. */
export function portfolioChartDefs(snapshot: Snapshot, page: PortfolioPage) {
  const a = page.alignment;
  const mix = a && alignmentChartDef({
    id: portfolioChartId(page, 'mix'),
    caption: `${page.name}: share of hours per theme against ${a.targetsFrom === 'portfolio' ? 'its own' : 'the company\u2019s'} targets`,
    themes: a.themes,
    unalignedShare: a.totalHours > 0 ? a.unalignedHours / a.totalHours : 0,
    gapScore: a.gapScore,
  });
  const asOf = snapshot.documents['forecasts.json'].asOf;
  const forecast = page.forecast;
  const ids = new Set(page.projects.map((p) => p.id));
  const ranges = riskiestRangeDef(portfolioChartId(page, 'ranges'), page.name, snapshot.documents['forecasts.json'].projects.filter((f) => ids.has(f.id)));
  return {
    mix,
    gapTrend: a && gapTrendDef(page, a),
    distribution: forecast && distributionChartDef(portfolioChartId(page, 'forecast'), page.name, forecast),
    throughput: forecast && throughputChartDef(portfolioChartId(page, 'forecast'), page.name, forecast, asOf, true),
    ranges,
  };
}

/** Both forecast charts of a project page. */
export function projectChartDefs(snapshot: Snapshot, project: Project) {
  const doc = snapshot.documents['forecasts.json'];
  const forecast = byId(doc.projects, project.id);
  const idBase = projectChartId(project.id, 'forecast');
  return {
    forecast,
    distribution: forecast && distributionChartDef(idBase, project.name, forecast),
    throughput: forecast && throughputChartDef(idBase, project.name, forecast, doc.asOf),
  };
}

/** A portfolio's whole projects × themes matrix as a table (the page shows its leading rows). */
export function matrixTable(page: PortfolioPage, names: ReadonlyMap<string, string>): ChartTable {
  const themes = page.alignment?.themes ?? [];
  return {
    columns: ['Project', 'Part of gap', 'Hours', ...themes.map((t) => `${t.name} hours`), 'Unaligned hours'],
    rows: page.gapRows.map((r) => [names.get(r.id) ?? r.id, r.gapPart.toFixed(4), String(r.totalHours), ...r.themeHours.map(String), String(r.unalignedHours)]),
  };
}

/** The riskiest projects of the whole company, for the forecasts page. */
export const riskiestProjectsDef = (snapshot: Snapshot) => riskiestRangeDef('forecasts/riskiest-projects', 'All projects', snapshot.documents['forecasts.json'].projects);
export { portfolioCurvesDef };

/** The tables behind data/<group>/<id>.csv: the portfolio, project and forecasts pages' charts and matrices (each id once). */
export function portfolioSiteTables(snapshot: Snapshot): { id: string; table: ChartTable }[] {
  const names = new Map(snapshot.documents['projects.json'].projects.map((p) => [p.id, p.name]));
  const portfolios = portfolioPages(snapshot).flatMap((page) => [
    ...present(Object.values(portfolioChartDefs(snapshot, page))),
    ...(page.gapRows.length > 0 ? [{ id: portfolioChartId(page, 'matrix'), table: matrixTable(page, names) }] : []),
  ]);
  const projects = snapshot.documents['projects.json'].projects.flatMap((project) => {
    const { distribution, throughput } = projectChartDefs(snapshot, project);
    return present([distribution, throughput, projectEvmDef(project)]);
  });
  const overview = present([portfolioCurvesDef(snapshot.documents['forecasts.json']), riskiestProjectsDef(snapshot)]);
  return [...new Map([...portfolios, ...projects, ...overview].map((d) => [d.id, { id: d.id, table: d.table }])).values()];
}
