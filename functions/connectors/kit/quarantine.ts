import type { z } from 'zod';
import type { QuarantineEntry } from '../../domain/index.ts';
import { issueLines } from '../../runtime/zod-issues.ts';

/**
 * One malformed record must never stop a sync: each raw record is validated on its own and,
 * when it does not fit, set aside with the reason (kept by the store, shown on the data-quality
 * page) while the rest of its page maps as usual.
 */

export interface QuarantineContext {
  source: string;
  now: () => Date;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; entry: QuarantineEntry };

/** How many zod issues a reason names: enough to fix the record, short enough for a table cell. */
const issuesInReason = 3;

/**
 * Validates `raw` with `schema`, then maps it. A validation failure, or an error thrown by `map`,
 * becomes a QuarantineEntry instead of an exception.
 */
export function mapOrQuarantine<S extends z.ZodType, T>(
  context: QuarantineContext,
  kind: string,
  schema: S,
  raw: unknown,
  map: (parsed: z.output<S>) => T,
): Mapped<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, entry: entryFor(context, kind, raw, describeIssues(parsed.error.issues)) };
  try {
    return { ok: true, value: map(parsed.data) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, entry: entryFor(context, kind, raw, `cannot map: ${reason}`) };
  }
}

/** A collector for one page: map records, keep the entries of those that failed. */
export interface QuarantineBin {
  map<S extends z.ZodType, T>(kind: string, schema: S, raw: unknown, map: (parsed: z.output<S>) => T): T | undefined;
  /** The entries collected since the last drain. */
  drain(): QuarantineEntry[];
}

export function createQuarantineBin(context: QuarantineContext): QuarantineBin {
  let entries: QuarantineEntry[] = [];
  return {
    map(kind, schema, raw, map) {
      const result = mapOrQuarantine(context, kind, schema, raw, map);
      if (result.ok) return result.value;
      entries.push(result.entry);
      return undefined;
    },
    drain() {
      const drained = entries;
      entries = [];
      return drained;
    },
  };
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issueLines(issues, { limit: issuesInReason });
  // The "(+N more)" line closes the last named issue rather than standing as one of its own.
  const more = lines.length > issuesInReason ? lines.pop() : undefined;
  return more === undefined ? lines.join('; ') : `${lines.join('; ')} ${more}`;
}

function entryFor(context: QuarantineContext, kind: string, raw: unknown, reason: string): QuarantineEntry {
  return { source: context.source, kind, recordId: rawRecordId(raw), reason, raw, at: context.now().toISOString() };
}

/** Jira records carry `id`, Asana records `gid`; anything else is named by what it lacks. */
function rawRecordId(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null) {
    const record = raw as Record<string, unknown>;
    for (const key of ['id', 'gid']) {
      const value = record[key];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  }
  return '(no id)';
}
