export { createKpiEngine } from './engine.ts';
export type { KpiEngine, KpiEngineInput, KpiResults } from './engine.ts';
export { alignmentDefinitions, DEFAULT_WINDOW_DAYS, KPI_IDS, kpiDefinitions, SMALL_SAMPLE_HOURS, SMALL_SAMPLE_RATE } from './definitions.ts';
export type { KpiId } from './definitions.ts';
export { isKpiInputError, KpiInputError } from './errors.ts';
export { createIdentityResolver } from './identity.ts';
export type { Identity, IdentityResolver } from './identity.ts';
export { NO_PORTFOLIO } from './alignment.ts';
