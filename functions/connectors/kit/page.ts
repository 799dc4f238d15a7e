import type { z } from 'zod';
import { SchemaMismatchError } from './errors.ts';
import { describeIssues } from './quarantine.ts';

/**
 * Checks the envelope of one answer (paging keys, the list of records) before any record is read.
 * Unlike a single bad record, a page of the wrong shape means the API or the path changed: the
 * sync stops with SchemaMismatchError rather than treating it as an empty page.
 */
export function parsePage<S extends z.ZodType>(schema: S, body: unknown, source: string, request: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new SchemaMismatchError({ source, request, issues: [describeIssues(parsed.error.issues)] });
}

/** `base` + `path` with the given query keys; undefined values are left out. */
export function buildUrl(base: string, path: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}
