import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { openReportStore } from '../../publish/open.ts';
import { audienceName, buildDigest, DigestInputError, readSnapshotPair, renderHtml, renderSlack, renderText, slug, UnknownPmError, type Audience } from '../../digest/index.ts';
import { configOption, UsageError, type Command } from '../command.ts';

/** `leadership`, `strategy`, `pm:ID`; undefined for `all`. */
export function parseAudience(text: string): Audience | undefined {
  if (text === 'all') return undefined;
  if (text === 'leadership' || text === 'strategy') return { kind: text };
  if (text.startsWith('pm:') && text.length > 3) return { kind: 'pm', pmId: text.slice(3) };
  throw new UsageError(`--audience must be leadership, strategy, pm:ID or all, got "${text}"`);
}

/** The file name an audience's digest gets: `leadership`, `strategy`, `pm-<slug of the id>`. */
export const fileBase = (audience: Audience): string => (audience.kind === 'pm' ? `pm-${slug(audience.pmId)}` : audience.kind);

export const digestCommand: Command = {
  name: 'digest',
  summary: 'Render the weekly digests from the published snapshots',
  usage: `pmpulse digest [--audience leadership|strategy|pm:ID|all] [--out DIR] [--snapshot ID] [--since ID] [--config FILE]

Compares the current published snapshot (latest.json's, or --snapshot) with the one about a week
earlier (config digest.sinceDays, or --since) in the configured report store. Without --out the
plain-text digest is printed; with it each audience gets <audience>.html, <audience>.txt and
<audience>.slack.json (pm:ID writes pm-<ID>.*). --audience all (the default) renders leadership,
strategy and every PM in the snapshot. Links point under config digest.siteUrl.`,
  options: { ...configOption, audience: { type: 'string', default: 'all' }, out: { type: 'string' }, snapshot: { type: 'string' }, since: { type: 'string' } },
  async run(values) {
    const requested = parseAudience(values.audience as string);
    const config = await loadConfig(values.config as string);
    const store = openReportStore(config.reports);
    let pair;
    try {
      pair = await readSnapshotPair(store, { snapshot: values.snapshot as string | undefined, since: values.since as string | undefined, sinceDays: config.digest.sinceDays });
    } catch (error) {
      if (error instanceof DigestInputError) throw new UsageError(error.message);
      throw error;
    }
    const audiences: Audience[] = requested
      ? [requested]
      : [{ kind: 'leadership' }, { kind: 'strategy' }, ...pair.current.documents['managers.json'].managers.map((m): Audience => ({ kind: 'pm', pmId: m.id }))];
    const out = values.out === undefined ? undefined : resolve(values.out as string);
    if (out) await mkdir(out, { recursive: true });
    const siteUrl = config.digest.siteUrl;
    for (const audience of audiences) {
      let digest;
      try {
        digest = buildDigest(pair, audience, config.digest);
      } catch (error) {
        if (error instanceof UnknownPmError) throw new UsageError(`--audience ${audienceName(audience)}: ${error.message}`);
        throw error;
      }
      if (!out) {
        process.stdout.write(`${renderText(digest, siteUrl)}\n`);
        continue;
      }
      const base = join(out, fileBase(audience));
      await writeFile(`${base}.html`, renderHtml(digest, siteUrl));
      await writeFile(`${base}.txt`, renderText(digest, siteUrl));
      await writeFile(`${base}.slack.json`, `${JSON.stringify(renderSlack(digest, siteUrl), null, 2)}\n`);
    }
    if (out) {
      const since = pair.earlier ? `${pair.earlier.id}` : 'no earlier snapshot';
      process.stdout.write(`wrote ${audiences.length} digest(s) of snapshot ${pair.current.id} against ${since} into ${out}\n`);
    }
    return 0;
  },
};
