/** `startAt` / `maxResults` as Jira's offset-paged endpoints read them; a string is the 400 message. */
export function pageParams(
  query: URLSearchParams,
  defaultSize: number,
  maxSize: number,
): { startAt: number; maxResults: number } | string {
  const startAt = Number(query.get('startAt') || 0);
  const requested = Number(query.get('maxResults') || defaultSize);
  if (!Number.isInteger(startAt) || startAt < 0) return `The value '${query.get('startAt')}' is invalid for startAt.`;
  if (!Number.isInteger(requested) || requested < 0) return `The value '${query.get('maxResults')}' is invalid for maxResults.`;
  return { startAt, maxResults: Math.min(maxSize, Math.max(1, requested)) };
}
