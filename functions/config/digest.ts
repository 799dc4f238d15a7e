import * as z from 'zod';
import { digestDeliveryKeys, missingSender } from './digest-delivery.ts';

/** Hours without a sync after which the digest calls a source stale: the site's own freshness warning. */
export const DEFAULT_STALE_SOURCE_HOURS = 48;
/** A forecast whose chance to finish by its due date falls below this is news. */
export const DEFAULT_FORECAST_THRESHOLD = 0.5;
/** How far back the snapshot a digest compares with lies. */
export const DEFAULT_SINCE_DAYS = 7;

/**
 * `digest`: what the weekly digests compare and where their links point. `siteUrl` is the
 * published site's address (links are site paths without it); `forecastThreshold` the chance to
 * meet the due date below which a forecast is reported; `staleSourceHours` the hours without a
 * sync that make a source stale; `sinceDays` how many days before the current snapshot the one it
 * is compared with lies. `email`, `recipients` and `slack` say where `--send` delivers them
 * (config/digest-delivery.ts).
 */
export const DigestConfigSchema = z
  .object({
    siteUrl: z.url({ protocol: /^https?$/ }).optional(),
    forecastThreshold: z.number().gt(0).max(1).default(DEFAULT_FORECAST_THRESHOLD),
    staleSourceHours: z.number().positive().max(24 * 366).default(DEFAULT_STALE_SOURCE_HOURS),
    sinceDays: z.number().int().min(1).max(366).default(DEFAULT_SINCE_DAYS),
    ...digestDeliveryKeys,
  })
  .strict()
  .superRefine((block, ctx) => {
    if (missingSender(block)) ctx.addIssue({ code: 'custom', path: ['email', 'from'], message: 'required when digest.recipients names anyone: the SES-verified address the mail comes from' });
  });

export type DigestConfig = z.infer<typeof DigestConfigSchema>;

/** The `digest` key of the config: absent, every default. */
export const DigestBlockSchema = DigestConfigSchema.default({
  forecastThreshold: DEFAULT_FORECAST_THRESHOLD,
  staleSourceHours: DEFAULT_STALE_SOURCE_HOURS,
  sinceDays: DEFAULT_SINCE_DAYS,
});
