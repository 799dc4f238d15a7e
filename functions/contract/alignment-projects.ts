import * as z from 'zod';

/**
 * Each project's hours per theme over the window: the rows of a portfolio's projects × themes
 * matrix, so a reader can see which projects pull the portfolio's mix away from its targets.
 * A project's portfolio and name are in projects.json.
 */
export const ProjectMixSchema = z.object({
  /** The project's id, as in projects.json. */
  id: z.string(),
  totalHours: z.number(),
  unalignedHours: z.number(),
  /** Distinct people who logged its hours in the window (per theme: on that theme). */
  people: z.number().int().optional(),
  /** Distinct people behind `unalignedHours`. */
  unalignedPeople: z.number().int().optional(),
  /** Hours per theme, in the order of `themes`; themes without hours on the project are left out. */
  themes: z.array(z.object({ id: z.string(), hours: z.number(), people: z.number().int().optional() })),
});

/** Projects with hours in the window, by id. Absent in snapshots published before it existed. */
export const ProjectMixesSchema = z.array(ProjectMixSchema).optional();

export type ProjectMix = z.infer<typeof ProjectMixSchema>;
