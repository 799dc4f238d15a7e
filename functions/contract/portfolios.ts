import { SCHEMA_VERSION, type PortfoliosDoc, type ProjectsDoc } from './documents.ts';

/**
 * The portfolios document: the per-portfolio roll-ups the projects document has carried so far,
 * published on their own. Built from the projects document, so both always state the same figures
 * while `projects.json` keeps its deprecated `portfolios` (until schemaVersion 2).
 */
export function buildPortfoliosDoc(projects: ProjectsDoc): PortfoliosDoc {
  return {
    schemaVersion: SCHEMA_VERSION,
    asOf: projects.asOf,
    // A copy: the two documents are validated and written separately and must not share objects.
    portfolios: structuredClone(projects.portfolios ?? []),
  };
}
