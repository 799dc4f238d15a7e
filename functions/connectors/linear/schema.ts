import * as z from 'zod';

/**
 * Zod schemas of the GraphQL answers the connector reads (queries.ts), and nothing more. The
 * envelope of each page is checked whole (a wrong one stops the sync: the API changed); each node
 * on its own (a bad one is quarantined). Dates are ISO date-times; `dueDate` a plain day.
 */

const instant = z.iso.datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A GraphQL answer: `data`, and `errors` when anything went wrong (even with HTTP 200). */
export const GraphqlEnvelopeSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z.array(z.object({ message: z.string().optional(), path: z.array(z.union([z.string(), z.number()])).optional(), extensions: z.object({ code: z.string().optional() }).loose().optional() }).loose()).optional(),
});
export type GraphqlErrorEntry = NonNullable<z.output<typeof GraphqlEnvelopeSchema>['errors']>[number];

export const PageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** `{ <root>: { nodes: [...], pageInfo } }`: the nodes are checked one by one later. */
export function connectionPage(root: string) {
  return z.object({ [root]: z.object({ nodes: z.array(z.unknown()), pageInfo: PageInfoSchema }) });
}

export const IssueHistoryPageSchema = z.object({
  issue: z.object({ history: z.object({ nodes: z.array(z.unknown()), pageInfo: PageInfoSchema }) }),
});

export const LinearTeamSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });
export type LinearTeam = z.output<typeof LinearTeamSchema>;

export const LinearUserSchema = z.object({ id: z.string(), name: z.string(), displayName: z.string().optional(), email: z.string().nullish(), active: z.boolean() });
export type LinearUser = z.output<typeof LinearUserSchema>;

const names = z.object({ nodes: z.array(z.object({ name: z.string() })) });

export const LinearProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: instant,
  updatedAt: instant,
  archivedAt: instant.nullish(),
  trashed: z.boolean().nullish(),
  lead: z.object({ id: z.string() }).nullish(),
  initiatives: names,
  labels: names,
  teams: z.object({ nodes: z.array(z.object({ key: z.string() })) }),
});
export type LinearProject = z.output<typeof LinearProjectSchema>;

/** Linear's workflow state types; `triage` is the inbox some teams use before `backlog`. */
export const StateTypeSchema = z.enum(['triage', 'backlog', 'unstarted', 'started', 'completed', 'canceled']);
const state = z.object({ name: z.string(), type: StateTypeSchema });

export const LinearHistorySchema = z.object({
  id: z.string(),
  createdAt: instant,
  fromState: state.nullish(),
  toState: state.nullish(),
  fromDueDate: day.nullish(),
  toDueDate: day.nullish(),
});
export type LinearHistory = z.output<typeof LinearHistorySchema>;

export const LinearIssueSchema = z.object({
  id: z.string(),
  identifier: z.string().regex(/^[A-Z0-9_]+-\d+$/, 'an identifier such as ENG-123'),
  title: z.string(),
  createdAt: instant,
  updatedAt: instant,
  startedAt: instant.nullish(),
  completedAt: instant.nullish(),
  canceledAt: instant.nullish(),
  archivedAt: instant.nullish(),
  trashed: z.boolean().nullish(),
  dueDate: day.nullish(),
  estimate: z.number().nonnegative().nullish(),
  previousIdentifiers: z.array(z.string()).default([]),
  state,
  team: LinearTeamSchema,
  project: z.object({ id: z.string() }).nullish(),
  assignee: z.object({ id: z.string() }).nullish(),
  parent: z.object({ identifier: z.string() }).nullish(),
  labels: names,
  history: z.object({ nodes: z.array(LinearHistorySchema), pageInfo: PageInfoSchema }),
});
export type LinearIssue = z.output<typeof LinearIssueSchema>;
