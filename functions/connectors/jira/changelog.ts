import { recordId, type StatusChange, type Task, type TaskStatusValue } from '../../domain/index.ts';
import type { QuarantineBin } from '../kit/quarantine.ts';
import type { JiraClient } from './client.ts';
import { jiraStatus } from './map.ts';
import { changelogFieldIds, planChangesOf, setPlanChanges, type PlanChanges } from './plan-history.ts';
import { JiraHistorySchema, JiraStatusSchema, type JiraHistory } from './schema.ts';

/**
 * Status history from the changelog → StatusChange records (cycle time, reopen detection) and
 * each task's `startedAt`: its first move into an in-progress status. Changelog items name
 * statuses by id; `/status` tells each id's category, which is the normalised status.
 * A done task without a resolution is dated by its last move into done (`doneFrom: 'changelog'`),
 * and the due-date and estimate changes are kept on the task (plan-history.ts).
 */

/** Status id → normalised status. */
export type StatusCategories = ReadonlyMap<string, TaskStatusValue>;

export async function readStatusCategories(client: JiraClient): Promise<StatusCategories> {
  const categories = new Map<string, TaskStatusValue>();
  for (const raw of await client.statuses()) {
    const status = JiraStatusSchema.safeParse(raw);
    if (status.success) categories.set(status.data.id, jiraStatus(status.data.statusCategory.key));
  }
  return categories;
}

export function mapHistory(source: string, taskId: string, history: JiraHistory, categories: StatusCategories): StatusChange[] {
  return history.items
    .filter((item) => item.fieldId === 'status' || item.field === 'status')
    .map((item) => {
      const to = item.to ? categories.get(item.to) : undefined;
      // Unknown ids mean `/status` and the changelog disagree: quarantine rather than guess a category.
      if (!to) throw new Error(`status id ${item.to ?? '(none)'} is not listed by /status`);
      const change: StatusChange = {
        id: recordId(source, history.id),
        source,
        sourceId: history.id,
        taskId,
        at: history.created,
        toStatus: item.toString ?? item.to ?? '',
        to,
      };
      const from = item.from ? categories.get(item.from) : undefined;
      if (item.fromString) change.fromStatus = item.fromString;
      if (from) change.from = from;
      return change;
    });
}

export interface ChangelogContext {
  source: string;
  client: JiraClient;
  bin: QuarantineBin;
  categories: StatusCategories;
}

/** The status changes of a page of tasks; also sets each task's `startedAt`, undated completions and plan changes. */
export async function readStatusChanges(context: ChangelogContext, tasks: readonly Task[]): Promise<StatusChange[]> {
  if (tasks.length === 0) return [];
  const histories = await context.client.changelogs(tasks.map((task) => task.sourceId), changelogFieldIds);
  const changes: StatusChange[] = [];
  for (const task of tasks) {
    const mine: StatusChange[] = [];
    const plan: PlanChanges = { due: [], estimate: [] };
    for (const raw of histories.get(task.sourceId) ?? []) {
      mine.push(...(context.bin.map('statusChange', JiraHistorySchema, raw, (history) => mapHistory(context.source, task.id, history, context.categories)) ?? []));
      // Read apart from the status items: a history quarantined for an unknown status still dates the plan.
      const parsed = JiraHistorySchema.safeParse(raw);
      if (parsed.success) planChangesOf(parsed.data, plan);
    }
    // Earliest by instant: the texts keep their offsets, so across a DST change they do not sort as strings.
    const starts = mine.filter((change) => change.to === 'in_progress');
    const firstStart = starts.reduce<StatusChange | undefined>((first, change) => (first === undefined || Date.parse(change.at) < Date.parse(first.at) ? change : first), undefined);
    if (firstStart) task.startedAt = firstStart.at;
    dateCompletion(task, mine);
    setPlanChanges(task, plan);
    changes.push(...mine);
  }
  return changes;
}

/** Without a resolution, a done task was done when it last moved into a done-category status. */
function dateCompletion(task: Task, changes: readonly StatusChange[]): void {
  if (task.status !== 'done' || task.doneFrom === 'resolution') return;
  let last: StatusChange | undefined;
  for (const change of changes) {
    if (change.to === 'done' && change.from !== 'done' && (last === undefined || Date.parse(change.at) > Date.parse(last.at))) last = change;
  }
  if (!last) return;
  task.doneAt = last.at;
  task.doneFrom = 'changelog';
}
