import * as z from 'zod';

/**
 * The part of Jira Cloud REST v3 pmpulse reads (docs/source-api-subset.md). Envelopes are
 * checked whole; records one by one, so a bad issue is quarantined and its page still maps.
 */

/**
 * Jira writes `2026-03-17T21:15:00.000-0400`, in the zone of the user the API acts as. The offset is
 * kept (as `-04:00`, the ISO 8601 form the domain wants): the date it was written on is the day the
 * source meant, and converting to UTC would move a 21:15 New York resolution to the next day.
 */
export const jiraDateTime = z.string().transform((value, ctx) => {
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    ctx.addIssue({ code: 'custom', message: `not a date-time: ${value}` });
    return z.NEVER;
  }
  return withColonOffset(value) ?? new Date(at).toISOString();
});

const OFFSET_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(?:(Z)|([+-]\d{2}):?(\d{2}))$/;

/** `…-0400` → `…-04:00`, `…Z` as it is; undefined for a shape without an offset (read as UTC then). */
export function withColonOffset(value: string): string | undefined {
  const match = OFFSET_DATE_TIME.exec(value);
  if (!match) return undefined;
  return match[2] ? value : `${match[1]}${match[3]}:${match[4]}`;
}

const jiraDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const id = z.union([z.string(), z.number()]).transform(String);

export const JiraUserSchema = z.object({
  accountId: z.string().min(1),
  displayName: z.string().default(''),
  /** Hidden by the user's privacy settings on many sites; blank for a deleted account. */
  emailAddress: z.string().optional(),
  /** False for a deactivated or deleted account (a deleted one shows as "Former user"). */
  active: z.boolean().optional(),
  /** `atlassian`, `app`, `customer` or `unknown`. */
  accountType: z.string().optional(),
});
export type JiraUser = z.output<typeof JiraUserSchema>;

/**
 * The account id Jira gives a corrupted or unavailable user record (UserDetails in Jira's OpenAPI
 * document): shared by every such user, so it names nobody and must never become one person.
 */
export const UNKNOWN_ACCOUNT_ID = 'unknown';

/** A user who may stand for nobody: the corrupted record (accountId "unknown") reads as absent. */
const someUser = JiraUserSchema.nullish().transform((user) => (user && user.accountId !== UNKNOWN_ACCOUNT_ID ? user : undefined));

/** A worklog's author: the person its hours count for, so it must name one account. */
const worklogAuthor = JiraUserSchema.refine((user) => user.accountId !== UNKNOWN_ACCOUNT_ID, {
  message: `is Jira's "${UNKNOWN_ACCOUNT_ID}" account (a corrupted or unavailable user record), which names no one person`,
  path: ['accountId'],
});

export const JiraFieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  /** `type` (number, string, array...) and, on a custom field, `custom` (its plugin type). */
  schema: z.object({ type: z.string().optional(), custom: z.string().optional() }).optional(),
});
export type JiraField = z.output<typeof JiraFieldSchema>;
export const JiraFieldListSchema = z.array(z.unknown());

export const JiraProjectSchema = z.object({
  id,
  key: z.string(),
  name: z.string(),
  lead: someUser,
  projectCategory: z.object({ name: z.string() }).nullish(),
});
export type JiraProject = z.output<typeof JiraProjectSchema>;

export const JiraProjectPageSchema = z.object({
  values: z.array(z.unknown()),
  startAt: z.number().optional(),
  total: z.number().optional(),
  isLast: z.boolean().optional(),
});

export const JiraWorklogSchema = z.object({
  id,
  issueId: id.optional(),
  author: worklogAuthor,
  /** Kept as Jira wrote it: its day part is the day in the API user's zone. */
  started: z.string().regex(/^\d{4}-\d{2}-\d{2}T/, 'expected a date-time'),
  timeSpentSeconds: z.number().nonnegative(),
  updated: jiraDateTime.optional(),
});
export type JiraWorklog = z.output<typeof JiraWorklogSchema>;

export const JiraWorklogPageSchema = z.object({
  startAt: z.number().default(0),
  maxResults: z.number().optional(),
  total: z.number(),
  worklogs: z.array(z.unknown()),
});

const statusCategoryKey = z.enum(['new', 'indeterminate', 'done', 'undefined']);

export const JiraIssueFieldsSchema = z.looseObject({
  summary: z.string(),
  project: z.object({ id, key: z.string().optional() }),
  issuetype: z.object({ name: z.string() }).nullish(),
  status: z.object({ name: z.string(), statusCategory: z.object({ key: statusCategoryKey }) }),
  assignee: someUser,
  created: jiraDateTime,
  updated: jiraDateTime,
  duedate: jiraDate.nullish(),
  resolutiondate: jiraDateTime.nullish(),
  statuscategorychangedate: jiraDateTime.nullish(),
  timeoriginalestimate: z.number().nonnegative().nullish(),
  timespent: z.number().nonnegative().nullish(),
  parent: z.object({ id }).nullish(),
  labels: z.array(z.string()).nullish(),
  components: z.array(z.object({ name: z.string() })).nullish(),
  worklog: JiraWorklogPageSchema.nullish(),
});

export const JiraIssueSchema = z.object({ id, key: z.string(), fields: JiraIssueFieldsSchema });
export type JiraIssue = z.output<typeof JiraIssueSchema>;

/** `/status`: every workflow status of the site with its category, to normalise changelog moves. */
export const JiraStatusSchema = z.object({ id, name: z.string(), statusCategory: z.object({ key: statusCategoryKey }) });
export const JiraListSchema = z.array(z.unknown());

/** `/worklog/updated` and `/worklog/deleted`: ids changed since an instant, `until` is the next `since`. */
export const JiraWorklogChangePageSchema = z.object({
  values: z.array(z.object({ worklogId: id, updatedTime: z.number().optional() })),
  since: z.number(),
  until: z.number(),
  lastPage: z.boolean(),
  nextPage: z.string().nullish(),
});

export const JiraChangelogBulkSchema = z.object({
  issueChangeLogs: z.array(z.object({ issueId: id, changeHistories: z.array(z.unknown()) })),
  nextPageToken: z.string().nullish(),
});

/**
 * Read through a copy without a prototype: an item that leaves out `toString` would otherwise show
 * zod the inherited Object.prototype.toString, a function, and the whole history would be quarantined.
 */
const ownKeys = (raw: unknown): unknown => (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? Object.assign(Object.create(null), raw) : raw);
const historyItem = z.preprocess(ownKeys, z.object({
  field: z.string(),
  fieldId: z.string().optional(),
  from: z.string().nullish(),
  fromString: z.string().nullish(),
  to: z.string().nullish(),
  toString: z.string().nullish(),
}));
export const JiraHistorySchema = z.object({ id, created: jiraDateTime, items: z.array(historyItem) });
export type JiraHistory = z.output<typeof JiraHistorySchema>;

export const JiraIdPageSchema = z.object({ issues: z.array(z.object({ id })), nextPageToken: z.string().nullish() });

export const JiraSearchPageSchema = z.object({
  issues: z.array(z.unknown()),
  nextPageToken: z.string().nullish(),
});

/** The issue fields the search asks for, besides the story-point fields found at run time. */
export const issueFields = [
  'summary', 'project', 'issuetype', 'status', 'assignee', 'created', 'updated', 'duedate',
  'resolutiondate', 'statuscategorychangedate', 'timeoriginalestimate', 'timespent', 'parent',
  'labels', 'components', 'worklog',
] as const;

/** Names Jira gives the story-points field (company-managed and team-managed projects). */
export const storyPointsFieldNames = ['Story Points', 'Story point estimate'] as const;
