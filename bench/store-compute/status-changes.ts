import type { StatusChange } from '../../functions/domain/records.ts';
import { seededRandom } from '../../functions/runtime/random.ts';
import { AS_OF, type SyntheticSize } from '../kpi/synthetic.ts';

/**
 * Status changes for the synthetic tasks of bench/kpi/synthetic.ts: 1.4 per task on average (the
 * ratio of the large demo and of the target, 1M tasks to 1.4M changes), each task's going from
 * To Do to In Progress and some on to Done, page by page like the other generators.
 */
export const CHANGES_PER_TASK = 1.4;

const FIRST_DAY = Date.UTC(2025, 0, 1);
const LAST_DAY = Date.parse(`${AS_OF}T00:00:00Z`);

export function changeCount(size: SyntheticSize): number {
  return Math.round(size.tasks * CHANGES_PER_TASK);
}

export function* statusChangePages(size: SyntheticSize, seed: number, pageSize = 10_000): Generator<StatusChange[]> {
  const next = seededRandom(seed + 2);
  const total = changeCount(size);
  for (let start = 0; start < total; start += pageSize) {
    const page: StatusChange[] = [];
    for (let j = start; j < Math.min(total, start + pageSize); j++) {
      const task = Math.floor(next() * size.tasks);
      const at = new Date(FIRST_DAY + Math.floor(next() * (LAST_DAY - FIRST_DAY))).toISOString();
      const done = next() < 0.4;
      page.push({
        id: `bench:c${j}`, source: 'bench', sourceId: `c${j}`, taskId: `bench:t${task}`, at,
        fromStatus: done ? 'In Progress' : 'To Do', toStatus: done ? 'Done' : 'In Progress', from: done ? 'in_progress' : 'todo', to: done ? 'done' : 'in_progress',
      });
    }
    yield page;
  }
}
