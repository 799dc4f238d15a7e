import type { KpiDefinition } from '../../contract/documents.ts';

/**
 * Decision latency's KPIs (all: lower is better), computed from status history by
 * functions/latency and published beside the engine's in managers.json. Defined here, with the
 * rest of the catalogue, so every KPI's text lives in one folder.
 */
export const latencyDefinitions = [
  {
    id: 'decisionWaitHours',
    name: 'Waiting for decisions',
    unit: 'hours',
    higherIsBetter: false,
    direction: 'lower',
    description: 'Hours the PM’s tasks spent in statuses that mean waiting for a decision (blocked, on hold, waiting for approval or review; configurable) over waits that started in the window. n = waits. Not ranked: it grows with the size of the PM\'s work, so it has no percentile, no signal and no area score. Its ranked form is Average decision wait.',
    formula: 'Σ over waits started in the window of (next status move − entering the waiting status), capped at the end of the as-of day',
    comparison: 'count',
    ranked: false,
  },
  {
    id: 'decisionWaitMeanHours',
    name: 'Average decision wait',
    unit: 'hours',
    higherIsBetter: false,
    direction: 'lower',
    description: 'Waiting for decisions per wait: the hours of the waits that started in the window ÷ their number, the size-normalised form of Waiting for decisions. n = waits; small sample below 10.',
    formula: 'Σ wait hours ÷ waits, over waits started in the window',
    comparison: 'normalised',
    ranked: true,
  },
  {
    id: 'decisionWaitShare',
    name: 'Share of cycle time waiting',
    unit: 'ratio',
    higherIsBetter: false,
    direction: 'lower',
    description: 'Of the cycle time of tasks done in the window (first move to in progress → done), the share spent waiting for decisions. n = tasks with a known cycle; small sample below 10.',
    formula: 'Σ waiting hours within cycles ÷ Σ cycle hours, over tasks done in the window',
    comparison: 'normalised',
    ranked: true,
  },
  {
    id: 'decisionWaitP85',
    name: 'Decision wait p85',
    unit: 'hours',
    higherIsBetter: false,
    direction: 'lower',
    description: '85th percentile of one wait for a decision, in hours (nearest rank). n = waits; small sample below 10.',
    formula: 'nearest-rank 85th percentile of wait lengths',
    comparison: 'normalised',
    ranked: true,
  },
] as const satisfies readonly KpiDefinition[];
