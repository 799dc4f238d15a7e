import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDigest } from './build.ts';
import { slug } from './links.ts';
import type { Audience, DigestSettings, SnapshotPair } from './model.ts';
import { renderHtml } from './render/html.ts';
import { renderSlack } from './render/slack.ts';
import { renderText } from './render/text.ts';

/** The file name an audience's digest gets: `leadership`, `strategy`, `pm-<slug of the id>` (no `:` in file names). */
export const fileBase = (audience: Audience): string => (audience.kind === 'pm' ? `pm-${slug(audience.pmId)}` : audience.kind);

/** Leadership, strategy and every PM of the current snapshot. */
export function everyAudience(pair: SnapshotPair): Audience[] {
  return [{ kind: 'leadership' }, { kind: 'strategy' }, ...pair.current.documents['managers.json'].managers.map((m): Audience => ({ kind: 'pm', pmId: m.id }))];
}

/** Writes `<audience>.html`, `<audience>.txt` and `<audience>.slack.json` per audience into `dir`; answers the bases written. */
export async function writeDigestFiles(dir: string, pair: SnapshotPair, audiences: readonly Audience[], settings: DigestSettings & { siteUrl?: string | undefined }): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const audience of audiences) {
    const digest = buildDigest(pair, audience, settings);
    const base = join(dir, fileBase(audience));
    await writeFile(`${base}.html`, renderHtml(digest, settings.siteUrl));
    await writeFile(`${base}.txt`, renderText(digest, settings.siteUrl));
    await writeFile(`${base}.slack.json`, `${JSON.stringify(renderSlack(digest, settings.siteUrl), null, 2)}\n`);
    written.push(fileBase(audience));
  }
  return written;
}
