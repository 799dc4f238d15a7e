import type { ManagersDoc, ProjectsDoc } from '../../../functions/contract/documents.ts';
import type { ChartTable } from './charts.ts';
import { formatHours, formatValue } from './format.ts';
import type { Manager } from './pm-charts.ts';
import { NOT_RANKED_NOTE, standingLabel } from './standing.ts';

/** The PM's value of every KPI next to the company mean and how it stands against the noise limits. */
export function pmKpiRows(doc: ManagersDoc, pm: Manager) {
  return doc.kpis.map((kpi) => {
    const v = pm.values[kpi.id];
    return {
      kpi,
      value: formatValue(v?.value ?? null, kpi.unit),
      mean: formatValue(doc.company[kpi.id]?.mean ?? null, kpi.unit),
      standing: kpi.ranked === false ? NOT_RANKED_NOTE : standingLabel(kpi, v),
      n: String(v?.n ?? 0),
      // A value the sources cannot give says why, rather than reading as a missing number.
      note: v?.unavailable ? `unavailable: ${v.unavailable}` : v && v.value !== null && v.smallSample ? 'small sample' : '',
    };
  });
}

const hours = (h: number | undefined) => (h === undefined ? '' : formatHours(h));

/** The tasks behind the PM's weakest KPI, each with the reason it is listed. */
export function driversTable(pm: Manager, projects: ProjectsDoc): ChartTable | undefined {
  if (!pm.drivers) return undefined;
  const names = new Map(projects.projects.map((p) => [p.id, p.name]));
  return {
    columns: ['Task', 'Project', 'Status', 'Due', 'Done', 'Estimate', 'Spent', 'Why it is listed'],
    rows: pm.drivers.tasks.map((t) => [
      `${t.title} (${t.id})`,
      names.get(t.projectId) ?? t.projectId,
      t.status,
      t.dueOn ?? '',
      t.doneAt?.slice(0, 10) ?? '',
      hours(t.estimateHours),
      // Hours as of the as-of date from time entries; a task without entries shows the source's own total, marked.
      t.spentFrom === 'sourceTotal' ? `${hours(t.spentHours)} (source total, no time entries)` : hours(t.spentHours),
      t.reason,
    ]),
  };
}
