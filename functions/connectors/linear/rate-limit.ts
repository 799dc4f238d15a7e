/**
 * Linear limits requests and query complexity per hour (leaky buckets, documented at
 * linear.app/developers/rate-limiting). Every answer carries the budgets:
 * `X-RateLimit-Requests-Limit|Remaining|Reset` and `X-RateLimit-Complexity-Limit|Remaining|Reset`
 * (resets in UTC epoch milliseconds) and `X-Complexity` (what the query cost). A request over
 * budget is refused with a GraphQL error whose `extensions.code` is `RATELIMITED`, under HTTP 400
 * (or 200, or 429 at the edge), and no `Retry-After`. This turns that answer into what the kit's
 * client knows how to wait out: a 429 with `Retry-After` until the exhausted budget refills.
 */

const budgets = ['requests', 'complexity'] as const;

/** Seconds until the exhausted budget resets (the later one when both or neither say they are empty), or undefined. */
export function retryAfterSeconds(headers: Headers, now: Date): number | undefined {
  const resets = budgets
    .map((budget) => ({
      remaining: numberHeader(headers, `x-ratelimit-${budget}-remaining`),
      reset: numberHeader(headers, `x-ratelimit-${budget}-reset`),
    }))
    .filter((budget): budget is { remaining: number | undefined; reset: number } => budget.reset !== undefined);
  const empty = resets.filter((budget) => budget.remaining !== undefined && budget.remaining <= 0);
  const chosen = (empty.length ? empty : resets).map((budget) => budget.reset);
  if (!chosen.length) return undefined;
  return Math.max(0, Math.max(...chosen) - now.getTime()) / 1000;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
