import type { ProjectPlan } from '../../contract/plan.ts';
import { ratio, roundForUnit } from '../engine/numbers.ts';
import type { ProjectTally } from '../engine/project-tally.ts';

/** A project's plan figures (contract/plan.ts) from its tally: slip against each due date and re-plans. */
export function projectPlan(tally: ProjectTally): ProjectPlan {
  const days = (value: number | null): number | null => (value === null ? null : roundForUnit('days', value));
  const share = ratio(tally.replanned, tally.baselineDue);
  return {
    dueTasks: tally.currentDue,
    slipDaysMean: days(ratio(tally.currentSlipSum, tally.currentDue)),
    baselineDueTasks: tally.baselineDue,
    slipDaysMeanBaseline: days(ratio(tally.baselineSlipSum, tally.baselineDue)),
    replanned: tally.replanned,
    replanShare: share === null ? null : roundForUnit('ratio', share),
  };
}
