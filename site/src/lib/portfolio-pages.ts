import type { AlignmentDoc, Forecast, PortfoliosDoc, ProjectsDoc } from '../../../functions/contract/documents.ts';
import { mainCauses, projectGapRows, type ProjectGapRow } from './portfolio-gap.ts';
import { slug } from './slug.ts';
import type { Snapshot } from './snapshot.ts';

/** The catch-all portfolio of projects without one, named as the published documents name it. */
export const NO_PORTFOLIO = '(none)';

export type Project = ProjectsDoc['projects'][number];

/** Everything one portfolio's page shows, gathered from the published documents. */
export interface PortfolioPage {
  name: string;
  slug: string;
  rollup: PortfoliosDoc['portfolios'][number] | undefined;
  alignment: AlignmentDoc['portfolios'][number] | undefined;
  forecast: Forecast | undefined;
  projects: Project[];
  /** Its projects × themes rows, largest part of the gap first; empty without per-project hours. */
  gapRows: ProjectGapRow[];
  /** The projects that make up most of the gap. */
  causes: ProjectGapRow[];
}

const portfolioOf = (project: Project) => project.portfolio ?? NO_PORTFOLIO;

/** Furthest from its targets first; portfolios without an alignment figure last, by name. */
export function byGap(a: PortfolioPage, b: PortfolioPage): number {
  const gap = (p: PortfolioPage) => p.alignment?.gapScore ?? -1;
  return gap(b) - gap(a) || a.name.localeCompare(b.name, 'en');
}

/** One page per portfolio any document names, furthest from its targets first. */
export function portfolioPages(snapshot: Snapshot): PortfolioPage[] {
  const docs = snapshot.documents;
  const projects = docs['projects.json'].projects;
  const rollups = docs['portfolios.json'].portfolios;
  const alignment = docs['alignment.json'];
  const forecasts = docs['forecasts.json'].portfolios;
  const names = new Set([...rollups.map((p) => p.name), ...alignment.portfolios.map((p) => p.name), ...projects.map(portfolioOf)]);
  const mixes = new Map((alignment.projects ?? []).map((mix) => [mix.id, mix]));
  return [...names]
    .map((name) => {
      const own = projects.filter((p) => portfolioOf(p) === name);
      const aligned = alignment.portfolios.find((p) => p.name === name);
      const gapRows = aligned ? projectGapRows(aligned, own.flatMap((p) => mixes.get(p.id) ?? [])) : [];
      return {
        name,
        slug: slug(name),
        rollup: rollups.find((p) => p.name === name),
        alignment: aligned,
        forecast: forecasts.find((f) => f.name === name),
        projects: own,
        gapRows,
        causes: aligned ? mainCauses(gapRows, aligned.gapScore).slice(0, 3) : [],
      };
    })
    .sort(byGap);
}
