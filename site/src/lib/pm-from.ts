import type { ProjectsDoc, QualityDoc } from '../../../functions/contract/documents.ts';

/**
 * Who decided each project's PM (projects.json `pmFrom`), in words: a project rule of the config,
 * the source's PM field, or the source's own PM (the Jira project lead, the Asana project owner).
 * Absent in snapshots published before `pmFrom` existed, and for a project without a PM.
 */

type Project = ProjectsDoc['projects'][number];
export type PmFromKind = 'rule' | 'field' | 'source' | 'none';

const RULE = /^projectRules\[(\d+)\]$/;

export function pmFromKind(project: Pick<Project, 'pmId' | 'pmFrom'>): PmFromKind | undefined {
  const from = project.pmFrom;
  if (from === undefined) return undefined;
  if (from === null || project.pmId === null) return 'none';
  if (RULE.test(from)) return 'rule';
  if (from === 'fields.pm') return 'field';
  return from === 'source' ? 'source' : undefined;
}

/** The type of the source a project came from (jira, asana, …): quality.json names each configured source. */
export function sourceTypeOf(project: Pick<Project, 'source'>, quality: QualityDoc): string {
  return quality.sources.find((s) => s.name === project.source)?.type ?? project.source;
}

const ordinal = (n: number): string => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};

/** One sentence on who decided the PM; undefined when the snapshot does not say. */
export function pmFromText(project: Pick<Project, 'pmId' | 'pmFrom'>, sourceType: string): string | undefined {
  const kind = pmFromKind(project);
  if (kind === undefined) return undefined;
  if (kind === 'none') return 'No project rule, PM field or source names a PM for this project.';
  if (kind === 'rule') {
    // projectRules[N] counts from 0; a reader counts rules in the file from 1.
    const n = Number(RULE.exec(project.pmFrom!)![1]);
    return `PM set by the ${ordinal(n + 1)} project rule of the config (projectRules[${n}]).`;
  }
  if (kind === 'field') {
    if (sourceType === 'azure-devops') return "PM from the work items' PM field (fields.pm): the person named most often on the project's work items.";
    return sourceType === 'jira'
      ? "PM from the issues' PM field (fields.pm): the person named most often on the project's issues."
      : "PM from the project's PM field (fields.pm).";
  }
  if (sourceType === 'jira') return 'PM is the Jira project lead.';
  if (sourceType === 'asana') return 'PM is the Asana project owner.';
  return "PM is the project's lead or owner in the source.";
}

export interface PmFromSummary {
  /** Projects per rule kind: project rule, PM field, the source's own PM, none. */
  counts: Record<PmFromKind, number>;
  /** Projects whose PM a project rule or a PM field decided, by name. */
  decided: { id: string; name: string; pmId: string | null; text: string }[];
  /** Projects of this snapshot that do not say (older snapshots: all of them). */
  unknown: number;
}

export function pmFromSummary(projects: ProjectsDoc, quality: QualityDoc): PmFromSummary {
  const counts: Record<PmFromKind, number> = { rule: 0, field: 0, source: 0, none: 0 };
  const decided: PmFromSummary['decided'] = [];
  let unknown = 0;
  for (const project of projects.projects) {
    const kind = pmFromKind(project);
    if (kind === undefined) {
      unknown += 1;
      continue;
    }
    counts[kind] += 1;
    if (kind === 'rule' || kind === 'field') decided.push({ id: project.id, name: project.name, pmId: project.pmId, text: pmFromText(project, sourceTypeOf(project, quality))! });
  }
  decided.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  return { counts, decided, unknown };
}
