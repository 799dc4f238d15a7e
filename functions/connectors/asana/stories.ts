import * as z from 'zod';
import type { DueChange, Task } from '../../domain/index.ts';
import type { AsanaClient } from './client.ts';

/**
 * What was promised, from Asana: each due-date change is a system story on the task
 * (`GET /tasks/{gid}/stories`, `resource_subtype: due_date_changed`) with the dates before and
 * after (`old_dates`, `new_dates`). The KPI engine reads the baseline and re-plans from them.
 * One request per task with a due date: on a first sync of many tasks that is the largest cost.
 */

export const storyOptFields = 'created_at,resource_subtype,old_dates.due_on,old_dates.due_at,new_dates.due_on,new_dates.due_at';

const dates = z.object({ due_on: z.string().nullish(), due_at: z.string().nullish() }).nullish();
export const AsanaStorySchema = z.object({
  created_at: z.iso.datetime({ offset: true }),
  resource_subtype: z.string().nullish(),
  old_dates: dates,
  new_dates: dates,
});

const DATE = /^\d{4}-\d{2}-\d{2}/;

/** A due date is `due_on`, or the (UTC) day of `due_at` when only that is set, as for the task itself. */
function dueOf(value: z.output<typeof dates>): string | undefined {
  const day = value?.due_on ?? value?.due_at?.slice(0, 10);
  return day && DATE.test(day) ? day.slice(0, 10) : undefined;
}

/** The due-date changes in a task's stories, oldest first; other stories and unreadable ones are skipped. */
export function dueChangesOf(rawStories: readonly unknown[]): DueChange[] {
  const changes: DueChange[] = [];
  for (const raw of rawStories) {
    const story = AsanaStorySchema.safeParse(raw);
    if (!story.success || story.data.resource_subtype !== 'due_date_changed') continue;
    const change: DueChange = { at: story.data.created_at };
    const from = dueOf(story.data.old_dates);
    const to = dueOf(story.data.new_dates);
    if (from) change.from = from;
    if (to) change.to = to;
    changes.push(change);
  }
  return changes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Reads the stories of every task that has a due date and keeps its due-date changes on it. */
export async function readDueChanges(client: AsanaClient, tasks: readonly Task[]): Promise<void> {
  const dated = tasks.filter((task) => task.dueOn !== undefined);
  // Side by side; the HTTP client bounds how many at once.
  const lists = await Promise.all(dated.map((task) => client.taskStories(task.sourceId)));
  dated.forEach((task, index) => {
    const changes = dueChangesOf(lists[index] ?? []);
    if (changes.length > 0) task.dueChanges = changes;
  });
}
