import type { Project, Task } from '../../functions/domain/index.ts';

/** Builders for forecast tests: projects, done history week by week, open items. */
export const ASOF = '2026-06-30';
const DAY_MS = 86_400_000;

export function project(id: string, pmId: string, portfolio: string): Project {
  return { id, source: 's', sourceId: id, name: `Project ${id}`, pmId, portfolio, tags: [] };
}

let serial = 0;
export function task(projectId: string, status: Task['status'], fields: Partial<Task> = {}): Task {
  serial++;
  return {
    id: `s:${serial}`, source: 's', sourceId: String(serial), projectId, title: `t${serial}`, status, originalStatus: status,
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', tags: [], ...fields,
  };
}

/** `doneByWeek[w]` items done in week w before asOf (week 0 ends on asOf), at noon on its last day. */
export function history(projectId: string, doneByWeek: readonly number[]): Task[] {
  return doneByWeek.flatMap((count, week) => {
    const doneAt = new Date(Date.parse(`${ASOF}T12:00:00Z`) - week * 7 * DAY_MS).toISOString();
    return Array.from({ length: count }, () => task(projectId, 'done', { doneAt }));
  });
}

export function open(projectId: string, count: number, dueOn?: string): Task[] {
  return Array.from({ length: count }, () => task(projectId, 'todo', dueOn ? { dueOn } : {}));
}

export function daysAfterAsOf(days: number): string {
  return new Date(Date.parse(`${ASOF}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
