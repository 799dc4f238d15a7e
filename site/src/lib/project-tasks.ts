import type { ManagersDoc, QualityDoc } from '../../../functions/contract/documents.ts';
import { taskUrl } from '../../../functions/contract/task-url.ts';
import type { Project } from './portfolio-pages.ts';

type Driver = NonNullable<ManagersDoc['managers'][number]['drivers']>['tasks'][number];

/** A published drill-down task, with the KPI whose list it is on. */
export type DriverTask = Driver & { kpi: string };

/** The part of a record id after its source, "jira:10019" → "10019" (ids are `<source>:<id in source>`). */
const sourceIdOf = (recordId: string) => recordId.slice(recordId.indexOf(':') + 1);

/**
 * Where a task opens in its source system, from the template quality.json publishes for the
 * project's source; undefined when the snapshot has none (older snapshots, timesheet sources).
 */
export function taskHref(quality: QualityDoc, project: Project, taskId: string): string | undefined {
  const template = quality.sources.find((s) => s.name === project.source)?.taskUrl;
  return template ? taskUrl(template, sourceIdOf(taskId), sourceIdOf(project.id)) : undefined;
}
