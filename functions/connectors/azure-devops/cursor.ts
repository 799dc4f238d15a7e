import * as z from 'zod';

/**
 * What an Azure DevOps sync hands the next one: per Azure DevOps project (by id), the watermark
 * (`continuationToken`) its revisions feed ended at, so the next sync reads only newer revisions.
 * Deletions need no listing of ids: the recycle bin names deleted work items.
 */
export const AdoStateSchema = z.object({
  v: z.literal(1),
  tokens: z.record(z.string(), z.string().min(1)),
});
export type AdoState = z.output<typeof AdoStateSchema>;

/**
 * Where an unfinished read goes on (kit/checkpoint.ts): the projects still to read, the first one
 * from the watermark of the last batch stored; and the watermarks of the projects already read.
 */
export const AdoCheckpointSchema = z.object({
  v: z.literal(1),
  /** Project ids still to read, in listing order. */
  projects: z.array(z.string()),
  /** The watermark the first of `projects` goes on from; absent: where the cursor (or `since`) says. */
  token: z.string().optional(),
  /** Watermarks of the projects finished in this read. */
  done: z.record(z.string(), z.string().min(1)),
});
export type AdoCheckpoint = z.output<typeof AdoCheckpointSchema>;
