import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../cli/run-cli.ts';

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

interface Latest { snapshot: string; asOf: string; documents: string[] }
interface Managers { managers: { name: string; values: Record<string, { value: number | null }> }[] }

describe('pmpulse demo', () => {
  let dir: string;
  let first: CliResult;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-demo-'));
    first = await runCli(['demo', '--scale', 'small', '--no-serve', '--as-of', '2026-11-01', '--dir', dir], { timeoutMs: 240_000 });
  }, 300_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the whole pipeline and builds the site', async () => {
    expect(first.stderr).not.toMatch(/^error/m);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('site built in');
    expect(existsSync(join(dir, 'site', 'index.html'))).toBe(true);
    // The overview is a table of PMs by area; the charts sit one click away, on each KPI's page.
    const overview = await readFile(join(dir, 'site', 'index.html'), 'utf8');
    expect(overview).toContain('data-area-grid');
    const kpiPage = await readFile(join(dir, 'site', 'kpi', 'onTimeRate', 'index.html'), 'utf8');
    expect(kpiPage).toContain('<svg');
  });

  it('publishes a snapshot whose documents name every PM with KPI values', async () => {
    const latest = await readJson<Latest>(join(dir, 'reports', 'latest.json'));
    expect(latest.asOf).toBe('2026-11-01');
    for (const name of ['managers.json', 'projects.json', 'portfolios.json', 'alignment.json', 'quality.json']) {
      expect(latest.documents).toContain(name);
      expect(existsSync(join(dir, 'reports', 'snapshots', latest.snapshot, name))).toBe(true);
    }
    const managers = await readJson<Managers>(join(dir, 'reports', 'snapshots', latest.snapshot, 'managers.json'));
    expect(managers.managers.length).toBeGreaterThanOrEqual(4);
    const withHours = managers.managers.filter((pm) => (pm.values.hoursLogged?.value ?? 0) > 0);
    expect(withHours.length).toBe(managers.managers.length);
  });

  it('publishes portfolios.json with the figures of projects.json, and its JSON Schema', async () => {
    const latest = await readJson<Latest>(join(dir, 'reports', 'latest.json'));
    expect(latest.documents).toContain('portfolios.json');
    const snapshot = join(dir, 'reports', 'snapshots', latest.snapshot);
    const portfolios = await readJson<{ asOf: string; portfolios: { name: string }[] }>(join(snapshot, 'portfolios.json'));
    const projects = await readJson<{ portfolios: unknown[] }>(join(snapshot, 'projects.json'));
    expect(portfolios.asOf).toBe('2026-11-01');
    expect(portfolios.portfolios.map((p) => p.name)).toEqual(expect.arrayContaining(['Growth', 'Platform', 'Operations']));
    expect(portfolios.portfolios).toEqual(projects.portfolios);
    expect(existsSync(join(dir, 'reports', 'schemas', 'v1', 'portfolios.schema.json'))).toBe(true);
  });

  it('fires the config\'s alert rules once: what the published documents say, and nothing on the rerun', async () => {
    const latest = await readJson<Latest>(join(dir, 'reports', 'latest.json'));
    const snapshot = join(dir, 'reports', 'snapshots', latest.snapshot);
    // Counted straight from the documents, by the rules the demo config carries.
    const projects = await readJson<{ projects: { health: string }[] }>(join(snapshot, 'projects.json'));
    const alignment = await readJson<{ portfolios: { gapScore: number }[] }>(join(snapshot, 'alignment.json'));
    const forecasts = await readJson<Record<'projects' | 'portfolios', { status: string; probabilityByDue?: number | null }[]>>(join(snapshot, 'forecasts.json'));
    const offTrack = projects.projects.filter((p) => p.health === 'off_track').length;
    const gaps = alignment.portfolios.filter((p) => p.gapScore > 0.25).length;
    const low = [...forecasts.projects, ...forecasts.portfolios].filter((f) => f.status === 'ok' && typeof f.probabilityByDue === 'number' && f.probabilityByDue < 0.25).length;
    expect(offTrack).toBeGreaterThan(0);
    const runs = await readFile(join(dir, 'reports', 'alerts', 'runs.txt'), 'utf8');
    expect(runs).toBe(
      `run 1: fired ${offTrack + gaps + low} alert(s) of 4 rule(s) on snapshot ${latest.snapshot} (projectOffTrack ${offTrack}, portfolioGapAbove:0.25 ${gaps}, forecastBelow:0.25 ${low}, sourceStale:48 0)\n` +
        `run 2: fired 0 alert(s) of 4 rule(s) on snapshot ${latest.snapshot} (projectOffTrack 0, portfolioGapAbove:0.25 0, forecastBelow:0.25 0, sourceStale:48 0)\n`,
    );
    expect(first.stdout).toContain(`alerts: ${offTrack + gaps + low} fired by 4 rule(s); run again on the same snapshot, 0`);
    const text = await readFile(join(dir, 'reports', 'alerts', 'alerts.txt'), 'utf8');
    expect(text.split('\n').filter((line) => line.startsWith('* ')).length).toBe(offTrack + gaps + low);
    expect(existsSync(join(dir, 'reports', 'alerts', 'alerts.html'))).toBe(true);
    expect(existsSync(join(dir, 'reports', 'digests', 'leadership.html'))).toBe(true);
  });

  it('converges on a rerun over the same store: the same figures', async () => {
    const before = await readJson<Latest>(join(dir, 'reports', 'latest.json'));
    const managersBefore = await readFile(join(dir, 'reports', 'snapshots', before.snapshot, 'managers.json'), 'utf8');
    const second = await runCli(['demo', '--scale', 'small', '--no-serve', '--as-of', '2026-11-01', '--dir', dir], { timeoutMs: 240_000 });
    expect(second.code).toBe(0);
    // The alert state is in the store it reuses: the same snapshot's alerts do not fire again.
    expect(second.stdout).toContain('alerts: 0 fired by 4 rule(s)');
    const after = await readJson<Latest>(join(dir, 'reports', 'latest.json'));
    const managersAfter = await readFile(join(dir, 'reports', 'snapshots', after.snapshot, 'managers.json'), 'utf8');
    expect(JSON.parse(managersAfter)).toEqual(JSON.parse(managersBefore));
  }, 300_000);
});
