import * as z from 'zod';

/**
 * What was promised, per project (projects.json `projects[].plan`): slip against the current due
 * date beside slip against the baseline due date, and how many tasks were re-planned, over the
 * project's tasks due by the as-of date (docs/kpi-catalogue.md, "What was promised").
 */
export const ProjectPlanSchema = z.object({
  /** Tasks whose current due date is on or before asOf, and their mean slip in days (null without any). */
  dueTasks: z.number().int(),
  slipDaysMean: z.number().nullable(),
  /** Tasks whose baseline due date is on or before asOf, and their mean slip against it. */
  baselineDueTasks: z.number().int(),
  slipDaysMeanBaseline: z.number().nullable(),
  /** Of those, the tasks whose due date changed after the baseline, by asOf, and their share. */
  replanned: z.number().int(),
  replanShare: z.number().nullable(),
});
export type ProjectPlan = z.infer<typeof ProjectPlanSchema>;
