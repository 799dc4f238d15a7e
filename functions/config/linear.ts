import * as z from 'zod';
import { sourceUrl } from './source-url.ts';

/**
 * A Linear workspace, read over its GraphQL API (functions/connectors/linear/). Linear has no
 * time tracking: hours come from a timesheet source whose rows name Linear issues
 * (`issueKeys` of a csv source), and `timesheetSource` names it. Without it the workspace's hours
 * are unavailable, and the figures built on hours say so instead of showing 0.
 */
export const LinearSourceSchema = z
  .object({
    type: z.literal('linear'),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
    /** The GraphQL endpoint. */
    baseUrl: sourceUrl.default('https://api.linear.app/graphql'),
    /** Holds a personal API key (sent as `Authorization: <key>`) or an OAuth token (`oauth: true`: `Bearer <token>`). */
    tokenEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
    oauth: z.boolean().optional(),
    /** Team keys to read (`["ENG", "OPS"]`); absent: every team the token sees. */
    teams: z.array(z.string().regex(/^[A-Z0-9_]{1,10}$/, 'a team key such as ENG')).min(1).optional(),
    /** The timesheet source (a csv source whose `issueKeys` name this source) that logs the hours of this workspace. */
    timesheetSource: z.string().min(1).optional(),
  })
  .strict();

export type LinearSourceConfig = z.infer<typeof LinearSourceSchema>;

/**
 * A `timesheetSource` names a csv source, and that source joins rows to this one (`issueKeys`
 * lists it): otherwise the hours it promises would never reach the Linear issues. And an
 * `issueKeys` entry names a Linear source: only Linear keeps issues under their keys (Jira keeps
 * its numeric ids), so a row joined to any other source would name no task.
 */
export function checkLinearTimesheets(sources: readonly { type: string; name: string; issueKeys?: Record<string, string> | undefined; timesheetSource?: string | undefined }[], ctx: z.RefinementCtx): void {
  sources.forEach((source, index) => {
    for (const [prefix, target] of Object.entries(source.issueKeys ?? {})) {
      if (sources.some((other) => other.name === target && other.type === 'linear')) continue;
      ctx.addIssue({ code: 'custom', path: ['sources', index, 'issueKeys', prefix], message: `"${target}" is not a linear source of this config (only Linear keeps issues under their keys)` });
    }
    if (source.type !== 'linear' || source.timesheetSource === undefined) return;
    const timesheet = sources.find((other) => other.name === source.timesheetSource);
    const path = ['sources', index, 'timesheetSource'];
    if (!timesheet || timesheet.type !== 'csv') ctx.addIssue({ code: 'custom', path, message: `"${source.timesheetSource}" is not a csv source of this config` });
    else if (!Object.values(timesheet.issueKeys ?? {}).includes(source.name)) ctx.addIssue({ code: 'custom', path, message: `csv source "${timesheet.name}" has no issueKeys entry naming "${source.name}", so its rows never join this source's issues` });
  });
}
