import * as z from 'zod';

/**
 * Where the digests and alerts are sent (`pmpulse digest --send`, `pmpulse alerts --send`, the
 * digest function on AWS), the `email`, `recipients` and `slack` keys of the `digest` block:
 *
 * - `email.from`: the address the mail comes from, an identity verified in Amazon SES;
 * - `recipients.leadership` / `recipients.strategy`: the addresses that get that audience's mail;
 * - `recipients.pm`: a PM's addresses by their `people[]` id; with `recipients.pmFromPeople` a PM
 *   not listed there gets the mail at the `email` of their `people[]` entry (off by default, so
 *   nobody is mailed who was not named for it);
 * - `slack.leadership` / `slack.strategy`: `{"webhookUrlEnv": "NAME"}`, the environment variable
 *   that holds the channel's incoming-webhook URL. The URL is a secret: it never sits in the config.
 */
const EmailListSchema = z.array(z.email()).default([]);

export const WebhookRefSchema = z
  .object(
    {
      webhookUrlEnv: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'the name of the environment variable that holds the webhook URL (the URL itself is a secret and never goes in the config)'),
    },
    { error: 'an object {"webhookUrlEnv": "<environment variable>"}: the webhook URL is a secret and never goes in the config' },
  )
  .strict();

export const DigestEmailSchema = z.object({ from: z.email() }).strict();

export const DigestRecipientsSchema = z
  .object({
    leadership: EmailListSchema,
    strategy: EmailListSchema,
    pm: z.record(z.string().min(1), z.array(z.email())).default({}),
    pmFromPeople: z.boolean().default(false),
  })
  .strict();

export const DigestSlackSchema = z.object({ leadership: WebhookRefSchema.optional(), strategy: WebhookRefSchema.optional() }).strict();

/** The delivery keys, spread into the digest block's schema (config/digest.ts). */
export const digestDeliveryKeys = {
  email: DigestEmailSchema.optional(),
  recipients: DigestRecipientsSchema.optional(),
  slack: DigestSlackSchema.optional(),
};

export type DigestRecipients = z.infer<typeof DigestRecipientsSchema>;
export type DigestSlack = z.infer<typeof DigestSlackSchema>;
export type WebhookRef = z.infer<typeof WebhookRefSchema>;

/** Whether the recipients name anyone at all: then mail is sent, and a sender is needed. */
export function namesAnyone(recipients: DigestRecipients | undefined): boolean {
  const r = recipients;
  return !!r && (r.leadership.length > 0 || r.strategy.length > 0 || Object.keys(r.pm).length > 0 || r.pmFromPeople);
}

/** Mail is addressed but no sender is set: the key to fix. Checked with the block (config/digest.ts). */
export function missingSender(block: { email?: unknown; recipients?: DigestRecipients | undefined }): boolean {
  return namesAnyone(block.recipients) && block.email === undefined;
}
