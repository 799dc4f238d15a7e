import type { Theme } from '../../functions/config/schema.ts';
import type { Person, Project, Task, TimeEntry } from '../../functions/domain/records.ts';
import { seededRandom } from '../../functions/runtime/random.ts';

/**
 * A fast, seeded generator of domain records for the KPI benchmark: millions of tasks and time
 * entries in seconds, page by page, so neither the generator nor the data has to fit in memory at
 * once. The demo generator models personas and histories; this one only needs realistic spreads.
 * The same seed and size give the same records, which is how pmpulse and DuckDB see the same data.
 */

export const AS_OF = '2026-11-01';
export const WINDOW_DAYS = 90;
const SOURCE = 'bench';
const FIRST_DAY = Date.UTC(2025, 0, 1);
const DAY_COUNT = 912; // 2025-01-01 … 2027-06-30
const AS_OF_INDEX = (Date.parse(`${AS_OF}T00:00:00Z`) - FIRST_DAY) / 86_400_000;
const DAYS = Array.from({ length: DAY_COUNT }, (_, i) => new Date(FIRST_DAY + i * 86_400_000).toISOString().slice(0, 10));
const THEME_TAGS = ['theme-growth', 'theme-platform', 'theme-quality', 'theme-compliance'];
const STATUS_NAMES = { done: 'Done', in_progress: 'In Progress', todo: 'To Do' } as const;

export interface SyntheticSize {
  tasks: number;
  /** Five time entries per task, as in the targets. */
  entries: number;
  projects: number;
  pms: number;
  people: number;
}

export function sizeFor(tasks: number): SyntheticSize {
  const projects = Math.max(20, Math.round(tasks / 1000));
  const pms = Math.max(5, Math.round(projects / 4));
  // The PMs plus a team of five per project (see loggerOf).
  return { tasks, entries: tasks * 5, projects, pms, people: pms + projects * 5 };
}

const random = seededRandom;

const day = (index: number) => DAYS[Math.min(DAY_COUNT - 1, Math.max(0, index))]!;
const personId = (i: number) => `${SOURCE}:u${i}`;
export const projectOfTask = (taskIndex: number, size: SyntheticSize) => taskIndex % size.projects;

export function syntheticPeople(size: SyntheticSize): Person[] {
  return Array.from({ length: size.people }, (_, i) => ({ id: personId(i), source: SOURCE, sourceId: `u${i}`, name: `Person ${i}` }));
}

export function syntheticProjects(size: SyntheticSize): Project[] {
  return Array.from({ length: size.projects }, (_, i) => ({
    id: `${SOURCE}:p${i}`, source: SOURCE, sourceId: `p${i}`, key: `P${i}`, name: `Project ${i}`,
    pmId: personId(i % size.pms), portfolio: `Portfolio ${i % 8}`, tags: [],
  }));
}

export function syntheticThemes(): Theme[] {
  return THEME_TAGS.map((tag) => ({ id: tag, name: tag, target: 0.2, match: { tags: [tag], projects: [], portfolios: [] } }));
}

function task(i: number, size: SyntheticSize, next: () => number): Task {
  const created = Math.floor(next() * (AS_OF_INDEX + 60));
  const roll = next();
  const status = roll < 0.55 ? 'done' : roll < 0.75 ? 'in_progress' : 'todo';
  const record: Task = {
    id: `${SOURCE}:t${i}`, source: SOURCE, sourceId: `t${i}`, projectId: `${SOURCE}:p${projectOfTask(i, size)}`,
    title: `Task ${i}`, status, originalStatus: STATUS_NAMES[status], createdAt: `${day(created)}T09:00:00.000Z`,
    updatedAt: `${day(created)}T09:00:00.000Z`, tags: next() < 0.7 ? [THEME_TAGS[i % THEME_TAGS.length]!] : ['backend'],
  };
  if (next() < 0.85) record.dueOn = day(created + 5 + Math.floor(next() * 85));
  if (status === 'done') record.doneAt = record.updatedAt = `${day(created + 1 + Math.floor(next() * 100))}T15:30:00.000Z`;
  if (next() < 0.8) record.estimateHours = 1 + Math.floor(next() * 78) / 2;
  return record;
}

function entry(j: number, size: SyntheticSize, next: () => number): TimeEntry {
  const taskIndex = Math.floor(next() * size.tasks);
  return {
    id: `${SOURCE}:w${j}`, source: SOURCE, sourceId: `w${j}`, taskId: `${SOURCE}:t${taskIndex}`,
    projectId: `${SOURCE}:p${projectOfTask(taskIndex, size)}`, personId: personId(loggerOf(projectOfTask(taskIndex, size), size, next)),
    date: day(AS_OF_INDEX - 400 + Math.floor(next() * 430)), hours: (1 + Math.floor(next() * 32)) / 4,
  };
}

/**
 * Who logs an hour on a project: nine times in ten one of the project's own five people, else
 * anyone (a shared specialist). Teams, not a uniform draw over everyone: with a uniform draw every
 * PM's team would be the whole company, which no organisation looks like.
 */
function loggerOf(project: number, size: SyntheticSize, next: () => number): number {
  const roll = next();
  return roll < 0.9 ? size.pms + project * 5 + Math.floor((roll / 0.9) * 5) : Math.floor(next() * size.people);
}

function* pages<T>(count: number, pageSize: number, seed: number, make: (i: number, next: () => number) => T): Generator<T[]> {
  const next = random(seed);
  for (let start = 0; start < count; start += pageSize) {
    const page: T[] = [];
    for (let i = start; i < Math.min(count, start + pageSize); i++) page.push(make(i, next));
    yield page;
  }
}

export const taskPages = (size: SyntheticSize, seed: number, pageSize = 10_000) =>
  pages(size.tasks, pageSize, seed, (i, next) => task(i, size, next));

export const entryPages = (size: SyntheticSize, seed: number, pageSize = 10_000) =>
  pages(size.entries, pageSize, seed + 1, (j, next) => entry(j, size, next));
