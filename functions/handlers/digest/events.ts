import * as z from 'zod';

/**
 * What the digest function is asked to do. The pipeline's state machine sends
 * `{ mode: 'alerts', snapshot }` once the snapshot it published is on the site; the weekly
 * schedule sends `{ mode: 'digest', scheduledAt }`. Either may name a snapshot by hand; without
 * one, latest.json's.
 */
const snapshot = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'a snapshot id (the folder under snapshots/)').optional();

export const DigestEventSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('alerts'), snapshot }),
  z.strictObject({ mode: z.literal('digest'), snapshot, scheduledAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional() }),
]);

export type DigestEvent = z.infer<typeof DigestEventSchema>;
