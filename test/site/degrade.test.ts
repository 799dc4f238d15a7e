import { readFile, rm, writeFile, cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { fixtureDir, readFixture, tempDir } from './helpers.ts';

type Json = Record<string, unknown>;

/** The fixture as a snapshot from before the optional fields and portfolios.json existed. */
async function stripOptional(dir: string): Promise<void> {
  const managers = (await readFixture('managers.json')) as Json & { managers: Json[]; company: Record<string, Json> };
  delete managers.areas;
  delete managers.companyMonths;
  for (const pm of managers.managers) for (const key of ['areas', 'months', 'quarters', 'drivers']) delete pm[key];
  for (const stat of Object.values(managers.company)) for (const key of ['p25', 'p75', 'n', 'funnel']) delete stat[key];
  // Before noise limits were published: no pooled target, no deviation, no signal.
  for (const pm of managers.managers) {
    for (const value of Object.values(pm.values as Record<string, Json>)) for (const key of ['target', 'se', 'deviation', 'limit95', 'limit998', 'signal', 'beyond998']) delete value[key];
  }
  const projects = (await readFixture('projects.json')) as Json & { projects: Json[] };
  delete projects.portfolios;
  for (const p of projects.projects) for (const key of ['health', 'healthReason']) delete p[key];
  const alignment = (await readFixture('alignment.json')) as Json;
  for (const key of ['months', 'managers', 'unalignedWork', 'definitions']) delete alignment[key];
  await writeFile(path.join(dir, 'managers.json'), JSON.stringify(managers));
  await writeFile(path.join(dir, 'projects.json'), JSON.stringify(projects));
  await writeFile(path.join(dir, 'alignment.json'), JSON.stringify(alignment));
  const latest = (await readFixture('latest.json')) as Json & { documents: string[] };
  latest.documents = latest.documents.filter((name) => name !== 'portfolios.json');
  await writeFile(path.join(dir, 'latest.json'), JSON.stringify(latest));
  await rm(path.join(dir, 'portfolios.json'));
}

describe('buildSite with a snapshot lacking the optional fields', () => {
  let work: string;
  const page = (p: string) => readFile(path.join(work, 'out', p), 'utf8');

  beforeAll(async () => {
    work = await tempDir('degrade');
    await cp(fixtureDir, work, { recursive: true });
    await stripOptional(work);
    await buildSite({ snapshotDir: work, outDir: path.join(work, 'out') });
  });

  afterAll(() => rm(work, { recursive: true, force: true }));

  it('still draws the KPI charts and says what is missing on the overview', async () => {
    for (const kpi of ['onTimeRate', 'cycleTime', 'spi', 'hoursLogged']) expect((await page(`kpi/${kpi}/index.html`)).split('<figure').length - 1, kpi).toBe(1);
    const overview = await page('index.html');
    expect(overview).toContain('no monthly history');
    expect(overview).toContain('carries no portfolio health');
    expect(overview).toContain('defines no competency areas');
    expect(overview).toContain('fewer than two complete months');
  });

  it('explains the missing funnel plots, mix, unaligned work and PM details', async () => {
    expect(await page('compare/index.html')).toContain('carries no funnel limits');
    const alignment = await page('alignment/index.html');
    for (const text of ['no monthly theme mix', 'does not list unaligned work', 'no alignment per PM']) expect(alignment).toContain(text);
    const ada = await page('pm/pm-ada/index.html');
    for (const text of ['No competency area scores', 'No monthly KPI history', 'Not reported']) expect(ada).toContain(text);
    expect(await page('definitions/index.html')).toContain('defines no competency areas');
  });
});
