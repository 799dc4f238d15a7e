import * as z from 'zod';

/**
 * quality.json `doneDating`: per source, how its done tasks were dated, so a reader sees how much
 * of the completion dates rest on the fallbacks (docs/kpi-catalogue.md, "Done").
 */
export const DoneDatingSchema = z.object({
  source: z.string(),
  /** Tasks in a done status. */
  done: z.number().int(),
  /** Dated by the resolution date (Jira). */
  resolution: z.number().int(),
  /** Dated by the last move into a done-category status in the changelog (Jira, no resolution). */
  changelog: z.number().int(),
  /** Dated by `statuscategorychangedate` (Jira, no resolution and no move in the changelog). */
  statusCategoryChange: z.number().int(),
  /** Dated by the source's own completion time (Asana `completed_at`). */
  sourceTime: z.number().int(),
  /** Done without any date: counted as open. */
  undated: z.number().int(),
});
export type DoneDating = z.infer<typeof DoneDatingSchema>;
