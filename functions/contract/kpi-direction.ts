import * as z from 'zod';

/**
 * Which way a KPI is better, as the catalogue defines it: `higher`, `lower`, or `towardOne` (best at
 * 1, e.g. a work ratio: 1 means the estimates matched the hours, and both sides of it are worse).
 * `higherIsBetter` cannot say the last one, so the definitions publish the direction beside it.
 */
export const KpiDirectionSchema = z.enum(['higher', 'lower', 'towardOne']);
export type KpiDirection = z.infer<typeof KpiDirectionSchema>;

/**
 * KPIs best at 1 before definitions carried `direction`: the catalogue of those snapshots had one.
 * Only the upgrade of older snapshots reads this; newer ones say it themselves.
 */
const BEST_AT_ONE_BEFORE_DIRECTION: ReadonlySet<string> = new Set(['estimationAccuracy']);

interface Definition {
  id: string;
  higherIsBetter: boolean;
  direction?: KpiDirection | undefined;
}

/** The direction of a definition from a snapshot published before `direction` existed. */
export const legacyDirection = ({ id, higherIsBetter }: Definition): KpiDirection =>
  BEST_AT_ONE_BEFORE_DIRECTION.has(id) ? 'towardOne' : higherIsBetter ? 'higher' : 'lower';

/** The definitions with every `direction` filled in; a definition that has one keeps it. */
export const withDirections = <D extends Definition>(definitions: readonly D[]): (D & { direction: KpiDirection })[] =>
  definitions.map((d) => ({ ...d, direction: d.direction ?? legacyDirection(d) }));
