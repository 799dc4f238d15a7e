import { describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/records.ts';
import { TaskCards } from '../../functions/kpi/engine/task-cards.ts';

/** A seeded pseudo-random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const ALPHABET = ['a', 'Z', '7', ' ', 'é', 'ÿ', '\u0000', '—', '漢', '😀'];

describe('TaskCards', () => {
  it('gives back what the drill-down shows of each task, for thousands of tasks of any text', () => {
    const next = random(11);
    const text = (length: number) => Array.from({ length }, () => ALPHABET[Math.floor(next() * (next() < 0.9 ? 6 : ALPHABET.length))]).join('');
    const projectIds = ['jira:P1', 'asana:P2'];
    const tasks: Task[] = [];
    // The engine's task index keeps the ids; here the test's own list stands in for it.
    const cards = new TaskCards(projectIds, (slot) => tasks[slot]?.id);
    for (let slot = 0; slot < 5000; slot++) {
      const status = (['todo', 'in_progress', 'done'] as const)[slot % 3]!;
      const task: Task = {
        id: `jira:${text(1 + Math.floor(next() * 12))}`, source: 'jira', sourceId: String(slot), projectId: projectIds[slot % 2]!,
        title: text(Math.floor(next() * 60)), status, originalStatus: status, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
        ...(next() < 0.5 ? { dueOn: '2026-02-03' } : {}), ...(status === 'done' ? { doneAt: '2026-02-04T10:00:00+02:00' } : {}), tags: [],
      };
      tasks.push(task);
      if (slot % 7 !== 0) cards.keep(slot, task, slot % 2);
    }
    tasks.forEach((task, slot) => {
      if (slot % 7 === 0) return expect(cards.card(slot)).toBeUndefined();
      const { id, title, projectId, status, dueOn, doneAt } = task;
      expect(cards.card(slot)).toEqual({ id, title, projectId, status, ...(dueOn ? { dueOn } : {}), ...(doneAt ? { doneAt } : {}) });
    });
  });
});
