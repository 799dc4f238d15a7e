export { createDecisionLatency, type LatencyFigures, type LatencyInput } from './latency.ts';
export { defaultWaitingStatuses, waitingMatcher } from './waiting-statuses.ts';
export { waitsOfTask, type Wait } from './waits.ts';
