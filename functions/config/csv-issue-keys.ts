import * as z from 'zod';

/**
 * A timesheet row that names an issue by its key (`ENG-123`: Tempo's "Issue Key", a Harvest task
 * named after the issue) is joined to that issue when the key's prefix is listed here, e.g.
 * `{"ENG": "linear-main"}`: the time entry's task is `linear-main:ENG-123`, the id under which a
 * source keyed by issue identifiers (Linear) stores the issue. The hours then count in the
 * issue's project, wherever the row's project column points. Each entry must name a linear source
 * (config check): Jira keeps issues under numeric ids, so a Jira issue key joins no task.
 */
export const csvIssueKeyFields = {
  issueKeys: z.record(z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'an issue-key prefix such as ENG'), z.string().min(1)).optional(),
};
