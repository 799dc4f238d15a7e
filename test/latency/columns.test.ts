import { describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/index.ts';
import { dayNumber } from '../../functions/kpi/engine/calendar.ts';
import { MoveLog } from '../../functions/latency/move-log.ts';
import { TaskFacts } from '../../functions/latency/task-facts.ts';
import type { Move } from '../../functions/latency/waits.ts';

const move = (id: string, ms: number, toStatus: string): Move => ({ id, ms, day: Math.floor(ms / 86_400_000), asOfEndMs: ms + 1, toStatus });

describe('MoveLog', () => {
  it('gives back each slot its moves whole and in the order added, past several growths', () => {
    const log = new MoveLog();
    // A plain list per slot: the simple model the columns must agree with.
    const expected = new Map<number, Move[]>();
    const statuses = ['Blocked', 'In Progress', 'Waiting for approval', 'Done'];
    for (let i = 0; i < 5000; i++) {
      const slot = (i * 7919) % 600; // slots visited out of order, each many times
      const one = move(`s:c${i}`, 1_750_000_000_000 + i * 60_000, statuses[i % statuses.length]!);
      log.add(slot, one);
      expected.set(slot, [...(expected.get(slot) ?? []), one]);
    }
    log.add(700, move('s:outside', 0, 'Blocked')); // a slot past those asked for is left out
    const movesOf = log.grouped(650);
    for (let slot = 0; slot < 650; slot++) expect(movesOf(slot)).toEqual(expected.get(slot) ?? []);
  });
});

function task(id: string, projectId: string, fields: Partial<Task> = {}): Task {
  return { id, source: 's', sourceId: id, projectId, title: id, status: 'in_progress', originalStatus: 'In Progress', createdAt: '2026-05-01T00:00:00Z', updatedAt: '2026-05-01T00:00:00Z', tags: [], ...fields };
}

describe('TaskFacts', () => {
  const asOf = dayNumber('2026-06-30');

  it('gives an id one slot, whether a change or its task names it first, and visits tasks in the order first added', () => {
    const facts = new TaskFacts();
    const early = new Int32Array(2);
    facts.slotsOf(['b', 'b'], early); // a change of 'b' before 'b' itself, twice in one batch
    expect(early[0]).toBe(early[1]);
    facts.setAll([task('a', 'p1'), task('b', 'p2'), task('c', 'p1')], dayNumber, asOf);
    const slots = new Int32Array(3);
    facts.slotsOf(['a', 'b', 'c'], slots);
    expect(slots[1]).toBe(early[0]);
    expect(facts.inOrder()).toEqual([slots[0], slots[1], slots[2]]);
    expect(facts.inOrder().map((slot) => facts.projectOf(slot))).toEqual(['p1', 'p2', 'p1']);
    expect(facts.slots).toBe(3);
  });

  it('keeps a done time only for a task done by the as-of day, and the last delivery of a task added twice', () => {
    const facts = new TaskFacts();
    facts.setAll([
      task('late', 'p', { status: 'done', startedAt: '2026-06-01T00:00:00Z', doneAt: '2026-07-01T08:00:00Z' }),
      task('moved', 'p', { status: 'done', startedAt: '2026-06-01T00:00:00Z', doneAt: '2026-06-10T00:00:00Z' }),
      task('moved', 'q', { status: 'in_progress', startedAt: '2026-06-02T00:00:00Z' }),
    ], dayNumber, asOf);
    const slots = new Int32Array(2);
    facts.slotsOf(['late', 'moved'], slots);
    const [late, moved] = [slots[0]!, slots[1]!];
    expect(facts.startMs[late]).toBe(Date.parse('2026-06-01T00:00:00Z'));
    expect(facts.doneMs[late]).toBeNaN();
    expect(facts.projectOf(moved)).toBe('q');
    expect(facts.startMs[moved]).toBe(Date.parse('2026-06-02T00:00:00Z'));
    expect(facts.doneMs[moved]).toBeNaN();
    expect(facts.inOrder()).toEqual([late, moved]);
  });

  it('grows past its first capacity without losing what its slots hold', () => {
    const facts = new TaskFacts();
    const tasks = Array.from({ length: 3000 }, (_, i) => task(`t${i}`, `p${i % 7}`, { startedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }));
    facts.setAll(tasks, dayNumber, asOf);
    const slots = new Int32Array(tasks.length);
    facts.slotsOf(tasks.map((one) => one.id), slots);
    tasks.forEach((one, i) => {
      expect(facts.projectOf(slots[i]!)).toBe(one.projectId);
      expect(facts.startMs[slots[i]!]).toBe(Date.parse(one.startedAt!));
    });
  });
});
