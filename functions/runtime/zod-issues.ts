import * as z from 'zod';

/**
 * The one way pmpulse words a validation failure: `key.path: message` per zod issue. The path
 * is written by zod's own `toDotPath` (what `z.prettifyError` prints after "→ at"), so a config
 * key, a quarantined record's field and a published document's field all read the same way:
 * `sources[1].baseUrl`, `managers[0].values.spi.n`.
 */
export interface KeyedIssue {
  /** Key path, or `(root)` for the value as a whole (`root` names it otherwise, e.g. `(event)`). */
  path: string;
  message: string;
}

type Issues = z.ZodError | readonly z.core.$ZodIssue[];

const issuesOf = (from: Issues): readonly z.core.$ZodIssue[] => (from instanceof z.ZodError ? from.issues : from);

export function keyedIssues(from: Issues, root = '(root)'): KeyedIssue[] {
  return issuesOf(from).map((issue) => ({ path: issue.path.length === 0 ? root : z.core.toDotPath(issue.path), message: issue.message }));
}

/** `path: message` per issue; with `limit`, the first `limit` and a `(+N more)` line. */
export function issueLines(from: Issues, options: { limit?: number; root?: string } = {}): string[] {
  const lines = keyedIssues(from, options.root).map(({ path, message }) => `${path}: ${message}`);
  const limit = options.limit ?? lines.length;
  return lines.length > limit ? [...lines.slice(0, limit), `(+${lines.length - limit} more)`] : lines;
}
