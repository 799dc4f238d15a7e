import * as z from 'zod';

/**
 * Where an unfinished Jira read goes on (kit/checkpoint.ts). The issue listing is sorted by
 * `updated`, so it resumes at the newest `updated` stored, skipping the issues already stored at
 * that instant: no page token has to outlive a run. The worklog feeds resume at the `since` of
 * their next page. The ids-only listing that finds deleted issues (reconcile.ts) resumes at its
 * next page token, with the ids it has listed so far. The start of the read is kept: it is the
 * next worklog cursor of a first read, so worklogs added while the read spans runs are read by
 * the next sync.
 */
export const jiraSteps = ['projects', 'issues', 'worklogsUpdated', 'worklogsDeleted', 'reconcile'] as const;
export type JiraStep = (typeof jiraSteps)[number];

export const JiraCheckpointSchema = z.object({
  v: z.literal(1),
  /** When the read began, epoch ms. */
  startedAt: z.number(),
  /** The read's lower bound on `updated`, epoch ms; absent: every issue in scope. */
  issuesFrom: z.number().optional(),
  step: z.enum(jiraSteps),
  /** Newest `updated` stored so far, epoch ms: where the listing resumes, and the next cursor's. */
  newest: z.number().optional(),
  /** Issues stored whose `updated` is `newest`: the resumed listing starts with them again. */
  atNewest: z.array(z.string()).optional(),
  /** The worklog feed of `step`: the `since` of its next page. */
  worklogsAt: z.number().optional(),
  /** How far the updated-worklog feed has read, for the next worklog cursor. */
  worklogsUntil: z.number().optional(),
  /** The id listing of step `reconcile`: the `nextPageToken` of its next page. */
  idsAt: z.string().optional(),
  /** The ids that listing has shown so far (kit/id-set.ts). */
  idsFound: z.string().optional(),
});
export type JiraCheckpoint = z.output<typeof JiraCheckpointSchema>;

/** What every checkpoint of one read repeats. */
export type JiraReadMarks = Pick<JiraCheckpoint, 'v' | 'startedAt' | 'issuesFrom'>;
