// Where the KPI engine spends its time: milliseconds in addTasks, addTimeEntries and finish over
// the benchmark's synthetic records, and how much of each was garbage collection (by GC kind:
// 1 scavenge, 4 mark-compact, 8 incremental marking). For work on the engine: run it on the
// commit before and after a change, alternating, since one run moves by ±5 % on a shared machine.
// `<phase> cpu` is the main thread's CPU time in the phase: on a busy machine it moves less than the
// wall time, since time spent waiting for a core is not in it.
// Usage: node bench/kpi/phases.ts [--tasks N] [--seed S]
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import { AS_OF, WINDOW_DAYS, entryPages, sizeFor, syntheticPeople, syntheticProjects, syntheticThemes, taskPages } from './synthetic.ts';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '7' } } });
const size = sizeFor(Number(values.tasks));
const seed = Number(values.seed);

interface Span { start: number; end: number; name: string; cpu?: number }
const collections: (Span & { kind: number })[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
    collections.push({ start: entry.startTime, end: entry.startTime + entry.duration, name: 'gc', kind });
  }
}).observe({ entryTypes: ['gc'] });

const engine = createKpiEngine({
  asOf: AS_OF, windowDays: WINDOW_DAYS, projects: syntheticProjects(size), people: syntheticPeople(size), themes: syntheticThemes(), overrides: [],
});
const spans: Span[] = [];
const timed = (name: string, step: () => void) => {
  const start = performance.now();
  const cpu = process.threadCpuUsage();
  step();
  const used = process.threadCpuUsage(cpu);
  spans.push({ start, end: performance.now(), name, cpu: (used.user + used.system) / 1000 });
};
// Records as compute gets them from the store: parsed JSON (see pmpulse-child.ts).
const asStored = <T>(page: T[]): T[] => JSON.parse(JSON.stringify(page)) as T[];
for (const page of taskPages(size, seed)) {
  const records = asStored(page);
  timed('tasks', () => engine.addTasks(records));
}
for (const page of entryPages(size, seed)) {
  const records = asStored(page);
  timed('entries', () => engine.addTimeEntries(records));
}
timed('finish', () => engine.finish());
await new Promise((resolve) => setTimeout(resolve, 100)); // the observer reports after the fact

const ms: Record<string, number> = {};
const add = (key: string, value: number) => (ms[key] = (ms[key] ?? 0) + value);
for (const span of spans) add(span.name, span.end - span.start);
for (const span of spans) add(`${span.name} cpu`, span.cpu ?? 0);
for (const gc of collections) {
  for (const span of spans) {
    const overlap = Math.min(gc.end, span.end) - Math.max(gc.start, span.start);
    if (overlap > 0) add(`${span.name} gc${gc.kind}`, overlap);
  }
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(ms).map(([key, value]) => [key, Math.round(value)]))));
