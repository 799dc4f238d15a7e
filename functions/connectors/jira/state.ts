import * as z from 'zod';
import type { JiraSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import { decodeState } from '../kit/sync-state.ts';
import { parseCursor } from './jql.ts';

/**
 * What a Jira sync hands the next one: the newest issue `updated` seen, where the worklog change
 * feeds resume, when ids were last reconciled, and the ids then known (kit/id-set.ts).
 */
export const JiraStateSchema = z.object({
  v: z.literal(1),
  issuesUpdated: z.number().optional(),
  worklogsSince: z.number().optional(),
  fullAt: z.number().optional(),
  syncsSinceFull: z.number().int().nonnegative().optional(),
  ids: z.string().optional(),
});
export type JiraState = z.output<typeof JiraStateSchema>;

export function readJiraState(context: SyncContext<JiraSourceConfig>): JiraState | undefined {
  // A bare number is the cursor of earlier versions: resume from it, reconcile on this sync.
  const legacy = parseCursor(context.cursor);
  if (legacy !== undefined) return { v: 1, issuesUpdated: legacy };
  return decodeState(JiraStateSchema, context.cursor, context.log, context.source.name);
}
