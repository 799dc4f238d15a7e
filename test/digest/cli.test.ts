import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { createDirReportStore } from '../../functions/publish/dir-report-store.ts';
import { snapshotKey } from '../../functions/contract/layout.ts';
import { readSnapshotPair } from '../../functions/digest/index.ts';
import { problemsOf } from '../config/config-problems.ts';
import { runCli } from '../cli/run-cli.ts';
import { fixtureDocs, withAsOf } from './pair.ts';

/**
 * A report store with four snapshots of the fixture, as-of 11-09, 11-16, 11-20 and 11-23, the
 * last one in latest.json: what a week of daily publishes leaves behind, thinned.
 */
const ids = { nov09: '20251109T060000Z-00000009', nov16: '20251116T060000Z-00000016', nov20: '20251120T060000Z-00000020', nov23: '20251123T060000Z-00000023' };
let dir: string;
let reports: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-digest-'));
  reports = join(dir, 'reports');
  const store = createDirReportStore(reports);
  for (const [key, id] of Object.entries(ids)) {
    const docs = withAsOf(await fixtureDocs(), `2025-11-${key.slice(3)}`);
    // The earlier snapshots had Payments v3 on track, so each digest has a change to report.
    if (id !== ids.nov23) docs['projects.json'].projects.find((p: any) => p.id === 'jira:PAY').health = 'on_track';
    for (const [name, doc] of Object.entries(docs)) await store.putJson(snapshotKey(id, name), doc);
  }
  await store.putJson('latest.json', { schemaVersion: 1, snapshot: ids.nov23, generatedAt: '2025-11-23T06:00:00Z', asOf: '2025-11-23', documents: Object.keys(await fixtureDocs()) });
  await writeFile(join(dir, 'config.json'), JSON.stringify({ reports: { type: 'dir', dir: reports }, digest: { siteUrl: 'https://pulse.example.com/reports/' } }));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('which snapshots a digest compares', () => {
  const store = () => createDirReportStore(reports);

  it('the latest one with the newest one at least a week older', async () => {
    const pair = await readSnapshotPair(store(), { sinceDays: 7 });
    expect([pair.current.id, pair.earlier?.id]).toEqual([ids.nov23, ids.nov16]);
  });

  it('an older current one, and an explicit one to compare with', async () => {
    expect((await readSnapshotPair(store(), { snapshot: ids.nov20, sinceDays: 7 })).earlier?.id).toBe(ids.nov09);
    expect((await readSnapshotPair(store(), { since: ids.nov20, sinceDays: 7 })).earlier?.id).toBe(ids.nov20);
  });

  it('the oldest earlier one when none is a week older, and none at all for the first', async () => {
    expect((await readSnapshotPair(store(), { snapshot: ids.nov20, sinceDays: 30 })).earlier?.id).toBe(ids.nov09);
    expect((await readSnapshotPair(store(), { snapshot: ids.nov09, sinceDays: 7 })).earlier).toBeUndefined();
  });

  it('by as-of date, not publish order: a backfill published after the current one still counts', async () => {
    const backfill = createDirReportStore(join(dir, 'backfill'));
    const publish = async (id: string, asOf: string) => {
      for (const [name, doc] of Object.entries(withAsOf(await fixtureDocs(), asOf))) await backfill.putJson(snapshotKey(id, name), doc);
    };
    await publish('20251123T060000Z-0000aaaa', '2025-11-23');
    await publish('20251201T060000Z-0000bbbb', '2025-11-16');
    await publish('20251201T060000Z-0000cccc', '2025-11-10');
    await backfill.putJson('latest.json', { schemaVersion: 1, snapshot: '20251123T060000Z-0000aaaa', generatedAt: '2025-11-23T06:00:00Z', asOf: '2025-11-23', documents: Object.keys(await fixtureDocs()) });
    expect((await readSnapshotPair(backfill, { sinceDays: 7 })).earlier?.id).toBe('20251201T060000Z-0000bbbb');
  });

  it('names what is missing', async () => {
    await expect(readSnapshotPair(store(), { snapshot: 'nope', sinceDays: 7 })).rejects.toThrow(/no snapshot "nope" \(published: 20251109/);
    await expect(readSnapshotPair(createDirReportStore(join(dir, 'empty')), { sinceDays: 7 })).rejects.toThrow(/no latest\.json/);
  });
});

describe('pmpulse digest', () => {
  it('writes html, text and Slack JSON for leadership, strategy and every PM', async () => {
    const out = join(dir, 'out');
    const result = await runCli(['digest', '--config', join(dir, 'config.json'), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`wrote 7 digest(s) of snapshot ${ids.nov23} against ${ids.nov16}`);
    const bases = ['leadership', 'strategy', 'pm-pm-ada', 'pm-pm-grace', 'pm-pm-nasty', 'pm-pm-linus', 'pm-pm-marie'];
    expect((await readdir(out)).sort()).toEqual(bases.flatMap((b) => [`${b}.html`, `${b}.slack.json`, `${b}.txt`]).sort());
    const text = await readFile(join(out, 'leadership.txt'), 'utf8');
    expect(text).toContain('Changes since 2025-11-16.');
    expect(text).toContain('* Payments v3: at risk (was on track): SPI 0.91 < 0.95\n  https://pulse.example.com/reports/project/jira-pay-0uis1wd/');
    const slack = JSON.parse(await readFile(join(out, 'pm-pm-grace.slack.json'), 'utf8'));
    expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'pmpulse weekly digest for Grace Hopper, 2025-11-23', emoji: false } });
  }, 120_000);

  it('prints one audience as text, and exits 2 on a bad audience or an unknown PM', async () => {
    const printed = await runCli(['digest', '--config', join(dir, 'config.json'), '--audience', 'strategy', '--since', ids.nov20]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^pmpulse weekly digest for strategy, 2025-11-23\nFigures as of 2025-11-23\. Changes since 2025-11-20\./);
    const bad = await runCli(['digest', '--config', join(dir, 'config.json'), '--audience', 'everyone']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--audience must be leadership, strategy, pm:ID or all')]);
    const unknown = await runCli(['digest', '--config', join(dir, 'config.json'), '--audience', 'pm:pm-nobody']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('no PM "pm-nobody"')]);
  }, 120_000);
});

describe('the digest config', () => {
  it('has defaults and names a bad key', () => {
    expect(parseConfig({}).digest).toEqual({ forecastThreshold: 0.5, staleSourceHours: 48, sinceDays: 7 });
    expect(problemsOf({ digest: { forecastThreshold: 1.5 } }).join('\n')).toContain('digest.forecastThreshold');
    expect(problemsOf({ digest: { siteUrl: 'javascript:alert(1)' } }).join('\n')).toContain('digest.siteUrl');
    expect(problemsOf({ digest: { sinceDays: 0 } }).join('\n')).toContain('digest.sinceDays');
    expect(problemsOf({ digest: { sitUrl: 'https://x.example' } }).join('\n')).toContain('digest');
  });
});
