import { ZodError } from 'zod';
import { toDotPath, type $ZodIssue } from 'zod/v4/core';

/**
 * The one way pmpulse words a validation failure: `key.path: message` per zod issue. The path
 * is written by zod's own `toDotPath` (what `z.prettifyError` prints after "→ at"), so a config
 * key, a quarantined record's field and a published document's field all read the same way:
 * `sources[1].baseUrl`, `managers[0].values.spi.n`. Named imports, not the `z` namespace: through
 * `z.core` a Lambda bundle would keep all of zod (its locales too), more than twice its size.
 */
export interface KeyedIssue {
  /** Key path, or `(root)` for the value as a whole (`root` names it otherwise, e.g. `(event)`). */
  path: string;
  message: string;
}

type Issues = ZodError | readonly $ZodIssue[];

const issuesOf = (from: Issues): readonly $ZodIssue[] => (from instanceof ZodError ? from.issues : from);

export function keyedIssues(from: Issues, root = '(root)'): KeyedIssue[] {
  return issuesOf(from).map((issue) => ({ path: issue.path.length === 0 ? root : toDotPath(issue.path), message: issue.message }));
}

/** `path: message` per issue; with `limit`, the first `limit` and a `(+N more)` line. */
export function issueLines(from: Issues, options: { limit?: number; root?: string } = {}): string[] {
  const lines = keyedIssues(from, options.root).map(({ path, message }) => `${path}: ${message}`);
  const limit = options.limit ?? lines.length;
  return lines.length > limit ? [...lines.slice(0, limit), `(+${lines.length - limit} more)`] : lines;
}
