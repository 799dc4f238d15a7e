import { buildDigest } from '../build.ts';
import { audienceName, type Audience, type Digest, type DigestSettings, type SnapshotPair } from '../model.ts';
import { renderHtml } from '../render/html.ts';
import { renderSlack } from '../render/slack.ts';
import { renderText } from '../render/text.ts';
import type { MailSender } from './mail.ts';
import { emptyReport, errorText, settled, type Delivery, type DeliveryReport } from './report.ts';
import type { SlackPoster } from './slack-webhook.ts';
import { subjectOf } from './subject.ts';

/** Where each audience's messages go. */
export interface DeliveryTargets {
  /** The addresses that get the audience's mail; none, no mail. */
  mailTo(audience: Audience): readonly string[];
  /** The Slack channel the audience's message is posted to; undefined, none. */
  slack(audience: Audience): SlackPoster | undefined;
  /** The verified sender (config `digest.email.from`); needed when any audience has addresses. */
  from?: string;
}

export interface Senders {
  mail?: MailSender;
}

/**
 * Sends each audience's digest: the mail (HTML and text parts) to each of its addresses, the Block
 * Kit message to its Slack channel. Everything is tried: a failed send, or an audience whose
 * digest cannot be made, is reported and the rest go on. One mail per address, so recipients do
 * not see each other's addresses and one refused address does not stop the others.
 */
export async function deliverDigests(pair: SnapshotPair, audiences: readonly Audience[], settings: DigestSettings & { siteUrl?: string | undefined }, targets: DeliveryTargets, senders: Senders): Promise<DeliveryReport> {
  const report = emptyReport();
  for (const audience of audiences) {
    let digest: Digest;
    try {
      digest = buildDigest(pair, audience, settings);
    } catch (error) {
      report.unbuilt.push({ audience: audienceName(audience), error: errorText(error) });
      continue;
    }
    await deliverDigest(digest, settings.siteUrl, targets, senders, report);
  }
  return settled(report);
}

/** One digest to its audience's targets, into `report`. Shared with the alerts. */
export async function deliverDigest(digest: Digest, siteUrl: string | undefined, targets: DeliveryTargets, senders: Senders, report: DeliveryReport): Promise<void> {
  const audience = audienceName(digest.audience);
  const to = targets.mailTo(digest.audience);
  const slack = targets.slack(digest.audience);
  if (to.length === 0 && !slack) {
    report.unaddressed.push(audience);
    return;
  }
  const attempt = async (delivery: Omit<Delivery, 'status'>, send: () => Promise<void>) => {
    try {
      await send();
      report.deliveries.push({ ...delivery, status: 'sent' });
    } catch (error) {
      report.deliveries.push({ ...delivery, status: 'failed', error: errorText(error) });
    }
  };
  if (to.length > 0) {
    const mail = { subject: subjectOf(digest), html: renderHtml(digest, siteUrl), text: renderText(digest, siteUrl) };
    for (const address of to) {
      await attempt({ audience, channel: 'email', target: address }, async () => {
        if (!senders.mail) throw new Error('no mail sender configured');
        if (!targets.from) throw new Error('no sender address (config digest.email.from)');
        await senders.mail.send({ from: targets.from, to: [address], ...mail });
      });
    }
  }
  if (slack) {
    const label = slack.label ?? 'Slack webhook';
    await attempt({ audience, channel: 'slack', target: label }, () => slack.post(renderSlack(digest, siteUrl)));
  }
}
