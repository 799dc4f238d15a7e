import type { Person, Project, StatusChange, Task, TimeEntry } from '../../../functions/domain/records.ts';
import { seededRandom } from '../../../functions/runtime/random.ts';

/**
 * A random organisation for comparing the engine with the simple implementation: PMs with a few
 * projects, tasks created, started, done, reopened and due around the as-of date at every hour of
 * the day, written with the offsets sources use (so days differ by zone), and time entries before
 * and after the as-of date.
 */
export interface RandomOrg {
  projects: Project[];
  people: Person[];
  tasks: Task[];
  statusChanges: StatusChange[];
  timeEntries: TimeEntry[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Offsets (minutes) the records are written in: New York winter and summer, UTC, Kolkata, Auckland. */
const OFFSETS = [-300, -240, 0, 330, 780];

/** `2026-03-17T21:15:00.000-04:00`: the instant `ms` as a clock at `offset` minutes shows it. */
export function withOffset(ms: number, offset: number): string {
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function randomOrg(seed: number, asOf: string, pms = 6): RandomOrg {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const stamp = (ms: number) => withOffset(ms, pick(OFFSETS));
  const split = (id: string) => ({ id, source: 'r', sourceId: id.slice(2) });
  const people: Person[] = [];
  const projects: Project[] = [];
  const tasks: Task[] = [];
  const statusChanges: StatusChange[] = [];
  const timeEntries: TimeEntry[] = [];
  const workers = Array.from({ length: 8 }, (_, i) => `r:w${i}`);
  for (const id of workers) people.push({ ...split(id), name: id });
  let changeSeq = 0;
  const move = (taskId: string, ms: number, from: StatusChange['from'], to: StatusChange['to']) => {
    changeSeq += 1;
    statusChanges.push({ ...split(`r:c${changeSeq}`), taskId, at: stamp(ms), ...(from ? { from, fromStatus: from } : {}), to, toStatus: to });
  };
  for (let p = 0; p < pms; p++) {
    const pm = `r:pm${p}`;
    people.push({ ...split(pm), name: `PM ${p}` });
    for (let j = 0, n = int(1, 3); j < n; j++) {
      const projectId = `r:P${p}-${j}`;
      projects.push({ ...split(projectId), name: `Project ${p}-${j}`, pmId: pm, portfolio: pick(['A', 'B']), tags: [] });
      for (let t = 0, count = int(20, 70); t < count; t++) {
        const id = `r:T${p}-${j}-${t}`;
        // Created up to 120 days before the as-of date, at any minute of the day.
        const created = asOfMs - int(5, 120) * DAY_MS + int(0, 24 * 60 - 1) * 60_000;
        const dueMs = created + int(2, 60) * DAY_MS;
        const dueOn = random() < 0.85 ? new Date(dueMs).toISOString().slice(0, 10) : undefined;
        const started = created + int(0, 5 * 24) * HOUR_MS;
        // Done around the due date (some late, some after the as-of date), or still open.
        const roll = random();
        const done = roll < 0.7 ? dueMs + int(-6 * 24, 6 * 24) * HOUR_MS + int(0, 59) * 60_000 : undefined;
        const isDone = done !== undefined && done > started;
        const estimate = random() < 0.8 ? int(1, 16) : undefined;
        const withHistory = random() < 0.7;
        if (withHistory) {
          move(id, started, 'todo', 'in_progress');
          if (isDone) {
            // A reopen in one case of six: done, back in progress, done again at the final time.
            if (random() < 1 / 6 && done - started > 4 * HOUR_MS) {
              const first = started + Math.floor((done - started) / 2);
              move(id, first, 'in_progress', 'done');
              move(id, first + HOUR_MS, 'done', 'in_progress');
            }
            move(id, done, 'in_progress', 'done');
          }
        }
        const task: Task = {
          ...split(id), projectId, title: id, status: isDone ? 'done' : random() < 0.5 ? 'in_progress' : 'todo', originalStatus: 'x',
          createdAt: stamp(created), updatedAt: stamp(asOfMs), tags: [],
          ...(dueOn ? { dueOn } : {}),
          ...(!withHistory && random() < 0.6 ? { startedAt: stamp(started) } : {}),
          ...(isDone ? { doneAt: stamp(done) } : {}),
          ...(estimate ? { estimateHours: estimate } : {}),
          // The source's running total: some tasks have it and no entries at all.
          ...(random() < 0.5 ? { spentHours: int(1, 20) } : {}),
        };
        tasks.push(task);
        if (random() < 0.25) continue; // no time entries: spent hours fall back on the source's total
        for (let e = 0, k = int(1, 5); e < k; e++) {
          // Logged from creation to a few days past the as-of date.
          const day = new Date(created + int(0, Math.max(0, Math.floor((asOfMs + 10 * DAY_MS - created) / DAY_MS))) * DAY_MS).toISOString().slice(0, 10);
          timeEntries.push({ ...split(`r:E${id.slice(3)}-${e}`), taskId: id, projectId, personId: pick(workers), date: day, hours: int(1, 16) / 2 });
        }
      }
    }
  }
  return { projects, people, tasks, statusChanges, timeEntries };
}
