import { startComputeHandler } from './compute-step.ts';

export { asOfFor, createComputeHandler, type ComputeResult } from './compute-step.ts';

/** Compute as a Lambda: started once per cold start, then one run per event. */
export const handler = await startComputeHandler();
