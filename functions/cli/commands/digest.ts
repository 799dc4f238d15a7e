import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { openReportStore } from '../../publish/open.ts';
import { audienceName, buildDigest, DigestInputError, everyAudience, readSnapshotPair, renderText, UnknownPmError, writeDigestFiles, type Audience } from '../../digest/index.ts';
import { deliverDigests } from '../../digest/send/index.ts';
import { configOption, UsageError, type Command } from '../command.ts';
import { printReport, SEND_USAGE, sendOptions, sendSetup, unknownPmRecipients } from '../send-setup.ts';

/** `leadership`, `strategy`, `pm:ID`; undefined for `all`. */
export function parseAudience(text: string): Audience | undefined {
  if (text === 'all') return undefined;
  if (text === 'leadership' || text === 'strategy') return { kind: text };
  if (text.startsWith('pm:') && text.length > 3) return { kind: 'pm', pmId: text.slice(3) };
  throw new UsageError(`--audience must be leadership, strategy, pm:ID or all, got "${text}"`);
}

export const digestCommand: Command = {
  name: 'digest',
  summary: 'Render the weekly digests from the published snapshots',
  usage: `pmpulse digest [--audience leadership|strategy|pm:ID|all] [--out DIR] [--send [--ses-endpoint URL]] [--snapshot ID] [--since ID] [--config FILE]

Compares the current published snapshot (latest.json's, or --snapshot) with the one about a week
earlier (config digest.sinceDays, or --since) in the configured report store. Without --out the
plain-text digest is printed; with it each audience gets <audience>.html, <audience>.txt and
<audience>.slack.json (pm:ID writes pm-<ID>.*). --audience all (the default) renders leadership,
strategy and every PM in the snapshot. Links point under config digest.siteUrl.

${SEND_USAGE} An audience with no recipient and no channel is skipped and said so.`,
  options: { ...configOption, audience: { type: 'string', default: 'all' }, out: { type: 'string' }, snapshot: { type: 'string' }, since: { type: 'string' }, ...sendOptions },
  async run(values) {
    const requested = parseAudience(values.audience as string);
    const config = await loadConfig(values.config as string);
    const send = values.send === true ? sendSetup(config, values) : undefined;
    const store = openReportStore(config.reports);
    let pair;
    try {
      pair = await readSnapshotPair(store, { snapshot: values.snapshot as string | undefined, since: values.since as string | undefined, sinceDays: config.digest.sinceDays });
    } catch (error) {
      if (error instanceof DigestInputError) throw new UsageError(error.message);
      throw error;
    }
    const audiences = requested ? [requested] : everyAudience(pair);
    const out = values.out === undefined ? undefined : resolve(values.out as string);
    const settings = { ...config.digest, minGroup: config.privacy.minGroup };
    try {
      if (requested) buildDigest(pair, requested, settings);
    } catch (error) {
      if (error instanceof UnknownPmError) throw new UsageError(`--audience ${audienceName(requested!)}: ${error.message}`);
      throw error;
    }
    if (out) {
      await writeDigestFiles(out, pair, audiences, settings);
      process.stdout.write(`wrote ${audiences.length} digest(s) of snapshot ${pair.current.id} against ${pair.earlier?.id ?? 'no earlier snapshot'} into ${out}\n`);
    }
    // Sending replaces the printed digests: its report is what the run has to say.
    if (send) {
      for (const line of unknownPmRecipients(config, pair.current.documents['managers.json'].managers.map((m) => m.id))) process.stderr.write(`${line}\n`);
      return printReport(await deliverDigests(pair, audiences, settings, send.targets, send.senders), 'digest');
    }
    if (!out) for (const audience of audiences) process.stdout.write(`${renderText(buildDigest(pair, audience, settings), config.digest.siteUrl)}\n`);
    return 0;
  },
};
