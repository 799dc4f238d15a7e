import type { PersonaId } from './model.ts';
import type { Random } from './random.ts';

/**
 * How a PM's projects behave. Each knob maps to one KPI so the demo shows PMs that differ
 * in ways the reports can measure: lateness → on-time delivery (and milestones), hours ratio → CPI and
 * estimation accuracy, reopens → reopen rate, unaligned share → theme alignment, volume → small-sample flags.
 */
export interface Persona {
  id: PersonaId;
  /** Probability that a task with a due date is finished after it. */
  lateProbability: number;
  /** Days past the due date when late. */
  lateDays: readonly [number, number];
  /** Days before the due date when on time. */
  earlyDays: readonly [number, number];
  /** Mean of hours logged ÷ original estimate. */
  hoursRatio: number;
  /** Share of tasks without a theme label at the start of the year and at its end. */
  unalignedShare: readonly [number, number];
  /** Multiplier on the number of tasks in the PM's projects. */
  volume: number;
  /** Probability that a finished task was reopened once on its way (reopen rate ≈ p ÷ (1 + p)). */
  reopenProbability: number;
}

const base: Omit<Persona, 'id'> = {
  lateProbability: 0.14,
  lateDays: [1, 6],
  earlyDays: [0, 4],
  hoursRatio: 1.0,
  unalignedShare: [0.08, 0.08],
  volume: 1,
  reopenProbability: 0.05,
};

export const namedPersonas: readonly Persona[] = [
  { ...base, id: 'steady', reopenProbability: 0.02 },
  { ...base, id: 'late-but-cheap', lateProbability: 0.55, lateDays: [2, 21], hoursRatio: 0.72 },
  { ...base, id: 'fast-over-budget', lateProbability: 0.05, earlyDays: [2, 9], hoursRatio: 1.55, reopenProbability: 0.2 },
  { ...base, id: 'theme-drifter', lateProbability: 0.2, hoursRatio: 1.05, unalignedShare: [0.1, 0.7] },
  { ...base, id: 'small-sample', lateProbability: 0.25, volume: 0.1 },
  { ...base, id: 'under-estimator', lateProbability: 0.4, lateDays: [2, 12], hoursRatio: 1.8, reopenProbability: 0.09 },
];

/** The persona of the n-th PM: the named ones first, then typical PMs with some spread. */
export function personaFor(index: number, random: Random): Persona {
  const named = namedPersonas[index];
  if (named) return named;
  return {
    ...base,
    id: 'typical',
    lateProbability: round2(random.between(0.1, 0.3)),
    hoursRatio: round2(random.between(0.85, 1.25)),
    unalignedShare: [0.05, round2(random.between(0.05, 0.2))],
    volume: round2(random.between(0.8, 1.2)),
    reopenProbability: round2(random.between(0.03, 0.1)),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
