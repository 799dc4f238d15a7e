import type { KpiDefinition, ManagersDoc } from '../publish/documents.ts';
import { percentiles, spread } from '../kpi/compare.ts';
import type { LatencyFigures } from './latency.ts';

/** Decision latency as KPIs beside the others in managers.json (all: lower is better). */
export const latencyDefinitions: KpiDefinition[] = [
  {
    id: 'decisionWaitHours',
    name: 'Waiting for decisions',
    unit: 'hours',
    higherIsBetter: false,
    description: 'Hours the PM’s tasks spent in statuses that mean waiting for a decision (blocked, on hold, waiting for approval or review; configurable) over waits that started in the window. n = waits.',
    formula: 'Σ over waits started in the window of (next status move − entering the waiting status), capped at the end of the as-of day',
  },
  {
    id: 'decisionWaitShare',
    name: 'Share of cycle time waiting',
    unit: 'ratio',
    higherIsBetter: false,
    description: 'Of the cycle time of tasks done in the window (first move to in progress → done), the share spent waiting for decisions. n = tasks with a known cycle; small sample below 10.',
    formula: 'Σ waiting hours within cycles ÷ Σ cycle hours, over tasks done in the window',
  },
  {
    id: 'decisionWaitP85',
    name: 'Decision wait p85',
    unit: 'hours',
    higherIsBetter: false,
    description: '85th percentile of one wait for a decision, in hours (nearest rank). n = waits; small sample below 10.',
    formula: 'nearest-rank 85th percentile of wait lengths',
  },
];

const SMALL_SAMPLE = 10;

/** Adds the three latency KPIs to every manager, with company mean/median/spread and percentiles. */
export function withLatencyKpis(doc: ManagersDoc, byManager: ReadonlyMap<string, LatencyFigures>): ManagersDoc {
  const values = doc.managers.map((pm) => {
    const known = byManager.get(pm.id);
    // No status history at all (e.g. only Asana projects): no value, rather than a flattering 0.
    const figures = known && known.tasksWithHistory > 0 ? known : undefined;
    return {
      decisionWaitHours: { value: figures ? figures.waitingHours : null, n: figures?.waits ?? 0, small: (figures?.waits ?? 0) < 1 },
      decisionWaitShare: { value: figures?.waitingShare ?? null, n: figures?.cycleTasks ?? 0, small: (figures?.cycleTasks ?? 0) < SMALL_SAMPLE },
      decisionWaitP85: { value: figures?.p85 ?? null, n: figures?.waits ?? 0, small: (figures?.waits ?? 0) < SMALL_SAMPLE },
    };
  });
  const company: ManagersDoc['company'] = { ...doc.company };
  const ranks = new Map<string, (number | null)[]>();
  for (const { id } of latencyDefinitions) {
    const column = values.map((v) => v[id as keyof (typeof values)[number]].value);
    company[id] = spread(column.filter((v): v is number => v !== null));
    ranks.set(id, percentiles(column.map((v) => (v === null ? null : -v))));
  }
  const managers = doc.managers.map((pm, i) => {
    const added = Object.fromEntries(
      latencyDefinitions.map(({ id }) => {
        const v = values[i]![id as keyof (typeof values)[number]];
        return [id, { value: v.value, n: v.n, smallSample: v.small, percentile: ranks.get(id)![i] ?? null }];
      }),
    );
    return { ...pm, values: { ...pm.values, ...added } };
  });
  return { ...doc, kpis: [...doc.kpis, ...latencyDefinitions], managers, company };
}
