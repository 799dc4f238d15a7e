import * as z from 'zod';

/**
 * The events the pipeline Lambdas accept. EventBridge Scheduler sends the JSON input the stack
 * gives it (`{ kind: 'scheduled', scheduledAt }`); an EventBridge rule sends the classic
 * "Scheduled Event", which is read as the same thing.
 */

const isoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
/** When the schedule fired, so a retried compute still computes the day it was meant for. */
const scheduledAt = z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional();

export const ScheduledEventSchema = z.strictObject({ kind: z.literal('scheduled'), scheduledAt });

export const BackfillEventSchema = z
  .strictObject({
    kind: z.literal('backfill'),
    from: isoDate,
    to: isoDate,
    sources: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((event) => event.from <= event.to, { message: 'must not be before from', path: ['to'] });

/** `source`: sync that source only, what each branch of the pipeline's state machine sends (looping until it is complete). */
const ScheduledSyncEventSchema = ScheduledEventSchema.extend({ source: z.string().min(1).optional() });

export const SyncEventSchema = z.preprocess(
  (event) => withScheduledKind(fromClassicSchedule(event)),
  z.discriminatedUnion('kind', [ScheduledSyncEventSchema, BackfillEventSchema]),
);

export const ComputeEventSchema = z.preprocess(
  fromClassicSchedule,
  z.strictObject({ kind: z.literal('scheduled').optional(), scheduledAt, asOf: isoDate.optional() }),
);

export const PublishEventSchema = z.preprocess(
  fromClassicSchedule,
  z.strictObject({ kind: z.literal('scheduled').optional(), scheduledAt }),
);

export type SyncEvent = z.infer<typeof SyncEventSchema>;
export type ComputeEvent = z.infer<typeof ComputeEventSchema>;
export type PublishEvent = z.infer<typeof PublishEventSchema>;

/** A sync event without `kind` (`{}` or `{ source }`, as a state machine sends it) is a scheduled one. */
function withScheduledKind(event: unknown): unknown {
  if (event === null || typeof event !== 'object' || Array.isArray(event) || 'kind' in event) return event;
  return { kind: 'scheduled', ...event };
}

function fromClassicSchedule(event: unknown): unknown {
  if (event === null || typeof event !== 'object') return event;
  const record = event as Record<string, unknown>;
  if (record.source !== 'aws.events' || record['detail-type'] !== 'Scheduled Event') return event;
  return { kind: 'scheduled', ...(typeof record.time === 'string' ? { scheduledAt: record.time } : {}) };
}

