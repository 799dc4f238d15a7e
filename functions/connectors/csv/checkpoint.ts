import * as z from 'zod';
import { CsvStateSchema } from './schema.ts';

/**
 * Where an unfinished CSV read goes on (kit/checkpoint.ts): the files it finished (as the next
 * cursor will name them) and, in the file it was reading, the last line stored and the lines that
 * mapped so far. The part-read file is read on from that line unless it changed since (then again
 * whole); a finished file is not read again by this read (a later change is the next read's).
 */
export const CsvCheckpointSchema = z.object({
  v: z.literal(1),
  done: CsvStateSchema.shape.files,
  /** The file being read, as it was when its reading began. */
  file: z.object({ key: z.string(), size: z.number(), mtimeMs: z.number(), line: z.number().int().nonnegative(), lines: z.string() }).optional(),
});
export type CsvCheckpoint = z.output<typeof CsvCheckpointSchema>;
