import type { DemoPerson } from './model.ts';
import type { Random } from './random.ts';

/**
 * How much one team member works: a contracted weekly capacity (40 h, or fewer for part-timers)
 * and how full they usually run. Most people log close to their capacity; a few are chronically
 * overloaded, which is what the overtime KPI is there to show.
 */
export interface WorkloadProfile {
  capacity: number;
  /** Usual hours logged ÷ capacity. */
  load: number;
}

const PART_TIME_SHARE = 0.12;
const OVERLOADED_SHARE = 0.08;

export function drawWorkload(random: Random): WorkloadProfile {
  const capacity = random.chance(PART_TIME_SHARE) ? random.pick([20, 24, 32]) : 40;
  const overloaded = capacity === 40 && random.chance(OVERLOADED_SHARE);
  return { capacity, load: overloaded ? round2(random.between(1.3, 1.45)) : round2(random.between(0.8, 1.02)) };
}

/** The capacity the demo config states for a person (PMs and the admin work full time). */
export function capacityOf(person: DemoPerson): number {
  return person.capacityHoursPerWeek ?? 40;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
