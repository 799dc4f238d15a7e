import type { Random } from './random.ts';

/**
 * Ids as each system issues them: Jira numeric ids from counters, Jira account ids as 24 hex
 * digits (older accounts) or `712020:<uuid>` (newer ones), Asana gids as 16-digit numbers that
 * grow with gaps.
 */
export interface IdSource {
  jiraProjectId(): string;
  jiraIssueId(): string;
  jiraWorklogId(): string;
  jiraHistoryId(): string;
  jiraAccountId(): string;
  asanaGid(): string;
}

export function createIdSource(random: Random): IdSource {
  let project = 10000;
  let issue = 10000;
  let worklog = 10000;
  let history = 100000;
  let gid = 1_204_000_000_000_000;
  const hex = (length: number): string => {
    let text = '';
    for (let i = 0; i < length; i++) text += Math.floor(random.next() * 16).toString(16);
    return text;
  };
  return {
    jiraProjectId: () => String(project++),
    jiraIssueId: () => String(issue++),
    jiraWorklogId: () => String(worklog++),
    jiraHistoryId: () => String(history++),
    jiraAccountId: () =>
      random.chance(0.5) ? hex(24) : `712020:${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    asanaGid: () => {
      gid += 1 + Math.floor(random.next() * 40);
      return String(gid);
    },
  };
}
