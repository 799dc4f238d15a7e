import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { fixtureDir, NASTY_ESCAPED, NASTY_NAME, outsideAttributes, readFixture, tempDir } from './helpers.ts';

/** The data-quality page says which source's hours are unavailable, how people were joined, and lists former users. */

type Json = Record<string, unknown>;
const REASON = 'Asana answered 402 Payment Required for time tracking entries';
const ESTIMATES_REASON = 'Linear estimates are points, not hours: no cost baseline';

describe('the data-quality page on source gaps', () => {
  let html: string;
  let plain: string;

  beforeAll(async () => {
    const work = await tempDir('gaps');
    await cp(fixtureDir, work, { recursive: true });
    const quality = (await readFixture('quality.json')) as Json & { sources: Json[] };
    (quality.sources[1] as Json).unavailable = { hours: REASON };
    (quality.sources[0] as Json).unavailable = { hourEstimates: ESTIMATES_REASON };
    quality.identities = {
      accounts: { byAlias: 7, byEmail: 12, unmatched: 2 },
      formerAccounts: [
        { recordId: 'jira:acc-f1', name: 'Former user …0000f1', personId: 'jira:acc-f1', matched: false, hoursInWindow: 31.5 },
        { recordId: 'jira:acc-f2', name: NASTY_NAME, personId: 'ada@corp.example', matched: true, hoursInWindow: 12 },
      ],
    };
    await writeFile(path.join(work, 'quality.json'), JSON.stringify(quality));
    await buildSite({ snapshotDir: work, outDir: path.join(work, 'out'), logLevel: 'silent' });
    html = await readFile(path.join(work, 'out', 'quality', 'index.html'), 'utf8');
    plain = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  }, 240_000);

  it('names the source whose hours are unavailable, with the reason, not as 0 h', () => {
    expect(html).toContain('id="hours-unavailable"');
    expect(plain).toContain(`${REASON}.`);
    expect(plain).toMatch(/never shown as 0 h/);
  });

  it('names the source without estimates in hours, with the reason, apart from the one without hours', () => {
    expect(html).toContain('id="hour-estimates-unavailable"');
    expect(plain).toContain('No estimates in hours (1)');
    expect(plain).toContain(`${ESTIMATES_REASON}.`);
    expect(plain).toContain('Hours unavailable (1)');
  });

  it('counts accounts joined by alias, by e-mail and not at all', () => {
    expect(plain).toMatch(/7 accounts joined by account id/);
    expect(plain).toMatch(/12 by e-mail/);
    expect(plain).toMatch(/2 not joined/);
  });

  it('lists every former user with the hours it keeps, names escaped', () => {
    expect(plain).toContain('Former users (2)');
    expect(plain).toMatch(/Former user …0000f1 jira:acc-f1 the account itself \(not in people\[\]\) 32 h/);
    expect(html).toContain(NASTY_ESCAPED);
    expect(outsideAttributes(html)).not.toContain(NASTY_NAME);
  });
});
