import type { DigestConfig } from '../../config/digest.ts';
import { namesAnyone, type WebhookRef } from '../../config/digest-delivery.ts';
import type { Audience } from '../model.ts';
import type { DeliveryTargets } from './deliver.ts';
import type { SlackPoster } from './slack-webhook.ts';

export interface ConfigTargetsOptions {
  /** The config's `people[]`: a PM's address when `digest.recipients.pmFromPeople` is set. */
  people?: readonly { id: string; email?: string | undefined }[];
  /** The poster for a configured channel; the caller finds its URL (environment, Secrets Manager). */
  slackPoster(audience: 'leadership' | 'strategy', ref: WebhookRef): SlackPoster;
}

/**
 * The targets the config's `digest` block names: each audience's addresses (`digest.recipients`;
 * a PM's from `recipients.pm`, else from `people[]` when `pmFromPeople`), the leadership and
 * strategy Slack channels (`digest.slack`), the sender (`digest.email.from`). Posters are made
 * once, here, so a missing webhook is found before anything is sent.
 */
export function configTargets(digest: DigestConfig, options: ConfigTargetsOptions): DeliveryTargets {
  const recipients = digest.recipients;
  const posters: Partial<Record<'leadership' | 'strategy', SlackPoster>> = {};
  for (const kind of ['leadership', 'strategy'] as const) {
    const ref = digest.slack?.[kind];
    if (ref) posters[kind] = options.slackPoster(kind, ref);
  }
  const peopleEmail = new Map((options.people ?? []).filter((p) => p.email).map((p) => [p.id, p.email!]));
  return {
    ...(digest.email ? { from: digest.email.from } : {}),
    mailTo(audience: Audience) {
      if (!recipients) return [];
      if (audience.kind !== 'pm') return recipients[audience.kind];
      const listed = recipients.pm[audience.pmId];
      if (listed) return listed;
      const own = recipients.pmFromPeople ? peopleEmail.get(audience.pmId) : undefined;
      return own ? [own] : [];
    },
    slack: (audience: Audience) => (audience.kind === 'pm' ? undefined : posters[audience.kind]),
  };
}

/** Whether any audience may get mail: a mail sender is needed only then. */
export const sendsMail = (digest: DigestConfig): boolean => namesAnyone(digest.recipients);
