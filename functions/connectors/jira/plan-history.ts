import type { DueChange, EstimateChange, Task } from '../../domain/index.ts';
import type { JiraHistory } from './schema.ts';

/**
 * What was promised, from the changelog: every change of the due date (`duedate`, values
 * `YYYY-MM-DD`) and of the original estimate (`timeoriginalestimate`, values in seconds). The KPI
 * engine reads the baseline and the re-plans from them (functions/kpi/engine/baseline.ts).
 */

/** The fields the changelog is asked for: status moves, and the plan's two fields. */
export const changelogFieldIds = ['status', 'duedate', 'timeoriginalestimate'] as const;

const secondsPerHour = 3600;
const DATE = /^\d{4}-\d{2}-\d{2}/;

export interface PlanChanges {
  due: DueChange[];
  estimate: EstimateChange[];
}

export function planChangesOf(history: JiraHistory, into: PlanChanges): void {
  for (const item of history.items) {
    const field = item.fieldId ?? item.field;
    if (field === 'duedate') {
      const change: DueChange = { at: history.created };
      const from = dateOf(item.from, item.fromString);
      const to = dateOf(item.to, item.toString);
      if (from) change.from = from;
      if (to) change.to = to;
      into.due.push(change);
    } else if (field === 'timeoriginalestimate') {
      const change: EstimateChange = { at: history.created };
      const from = hoursOf(item.from);
      const to = hoursOf(item.to);
      if (from !== undefined) change.fromHours = from;
      if (to !== undefined) change.toHours = to;
      into.estimate.push(change);
    }
  }
}

/** Sets the task's due and estimate changes, oldest first (by instant: the texts keep their offsets). */
export function setPlanChanges(task: Task, changes: PlanChanges): void {
  const byInstant = (a: { at: string }, b: { at: string }): number => Date.parse(a.at) - Date.parse(b.at);
  if (changes.due.length > 0) task.dueChanges = [...changes.due].sort(byInstant);
  if (changes.estimate.length > 0) task.estimateChanges = [...changes.estimate].sort(byInstant);
}

/** Jira writes the raw date (`2026-03-05`) in `from`/`to` and `2026-03-05 00:00:00.0` in the strings. */
function dateOf(raw: string | null | undefined, text: string | null | undefined): string | undefined {
  const value = raw ?? text;
  return value && DATE.test(value) ? value.slice(0, 10) : undefined;
}

function hoursOf(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds / secondsPerHour : undefined;
}
