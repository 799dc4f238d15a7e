import type * as z from 'zod';
import type { Logger, RecordBatch } from './connector.ts';

/**
 * A read that outlasts one run (the first sync of a large site, paced by rate limits) goes on in
 * the next run from a checkpoint: JSON saying which step of the read it was in, where in that step
 * (a page position: a token, an offset, the last `updated` seen on a sorted listing), and what the
 * read fixed when it began and must keep, above all the end of its incremental window (the instant
 * the next cursor will name), so records changed while a read spans several runs are caught by the
 * next incremental read. The pipeline keeps the checkpoint of a batch only once that batch and
 * every one before it are stored, and hands it back as `context.checkpoint`.
 */

/**
 * The longest checkpoint a connector yields. The store keeps it as one item (DynamoDB: at most
 * 400 KB, with the item's key, stamps and attribute names); a position that would not fit is not
 * offered, so a run cannot stop there and goes on to the next one that fits or to the end.
 */
export const maxCheckpointChars = 350_000;

export function encodeCheckpoint(state: object): string {
  return JSON.stringify(state);
}

/** Attaches a checkpoint to a batch: after this batch is stored, the read may resume from `state`. */
export function withCheckpoint(batch: RecordBatch, state: object): RecordBatch {
  return { ...batch, checkpoint: encodeCheckpoint(state) };
}

/**
 * The checkpoint the context carries, read by `schema`; undefined when there is none, and when it
 * cannot be read (an older format, a changed config): the read then starts over, never crashes.
 */
export function decodeCheckpoint<S extends z.ZodType>(schema: S, context: { checkpoint?: string; log: Logger; source: { name: string } }): z.output<S> | undefined {
  if (context.checkpoint === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(context.checkpoint);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  context.log.warn('ignoring an unreadable checkpoint: this read starts over', { source: context.source.name, checkpoint: context.checkpoint.slice(0, 120) });
  return undefined;
}

/**
 * A read made of steps in a fixed order (Jira: projects, issues, worklog changes). `runs(step)`
 * says whether a step still has work: those before the checkpoint's step are done and skipped;
 * the checkpoint's own step continues from its position; the rest run whole.
 */
export function resumeSteps<S extends string>(order: readonly S[], at: S | undefined) {
  const from = at === undefined ? 0 : Math.max(0, order.indexOf(at));
  return {
    runs: (step: S): boolean => order.indexOf(step) >= from,
    /** True for the step the checkpoint names: the one that resumes mid-way. */
    resumes: (step: S): boolean => at === step,
  };
}
