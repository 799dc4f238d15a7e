/**
 * When a sync should stop so that its run ends cleanly: a Lambda before its timeout, a terminal
 * run after `--max-minutes`. The sync asks after each checkpoint it stores, so it stops where the
 * next run can go on; the margin a caller leaves must cover one more page of its slowest source.
 */
export interface SyncDeadline {
  /** True once the run should stop at its next checkpoint. */
  isNear(): boolean;
}

/** A deadline `ms` from now, on a monotonic clock (the wall clock may jump). */
export function deadlineIn(ms: number, clock: () => number = () => performance.now()): SyncDeadline {
  const at = clock() + ms;
  return { isNear: () => clock() >= at };
}

/**
 * What a Lambda leaves itself: it stops at its next checkpoint once less than this remains. One
 * Jira page (100 issues, their changelogs and long worklogs) under the vendor's rate limits, the
 * confirming searches that end a reconcile listing, and the run record fit well within it.
 */
export const lambdaMarginMs = 120_000;

/** The deadline of a Lambda invocation: its remaining time less the margin. */
export function lambdaDeadline(remainingMs: () => number, marginMs = lambdaMarginMs): SyncDeadline {
  return { isNear: () => remainingMs() <= marginMs };
}
