/**
 * Which source statuses mean "waiting for a decision". Names differ per site and per Asana
 * section, so it is configuration; these defaults cover the usual Jira workflows and Asana
 * section names. A pattern ending in `*` matches any status that starts with it.
 */
export const defaultWaitingStatuses: readonly string[] = [
  'Blocked',
  'On Hold',
  'Waiting*',
  'Awaiting*',
  'Pending Approval',
  'Pending Decision',
  'In Review',
];

export function waitingMatcher(patterns: readonly string[]): (status: string | undefined) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const pattern of patterns) {
    const lower = pattern.trim().toLowerCase();
    if (lower.endsWith('*')) prefixes.push(lower.slice(0, -1));
    else exact.add(lower);
  }
  return (status) => {
    if (!status) return false;
    const lower = status.trim().toLowerCase();
    return exact.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix));
  };
}
