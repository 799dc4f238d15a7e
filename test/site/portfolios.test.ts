import { readFile, rm, writeFile, cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { fixtureDir, readFixture, tempDir } from './helpers.ts';

/** projects.json without its deprecated portfolios, as at schemaVersion 2: the overview still shows them. */
describe('buildSite with portfolios only in portfolios.json', () => {
  let work: string;
  let overview: string;

  beforeAll(async () => {
    work = await tempDir('portfolios');
    await cp(fixtureDir, work, { recursive: true });
    const projects = (await readFixture('projects.json')) as { portfolios?: unknown };
    delete projects.portfolios;
    await writeFile(path.join(work, 'projects.json'), JSON.stringify(projects));
    await buildSite({ snapshotDir: work, outDir: path.join(work, 'out') });
    overview = await readFile(path.join(work, 'out', 'index.html'), 'utf8');
  });

  afterAll(() => rm(work, { recursive: true, force: true }));

  it('shows portfolio health and project counts from portfolios.json', () => {
    expect(overview).not.toContain('carries no portfolio health');
    expect(overview).toContain('<table class="health-table"');
    for (const text of ['Research &lt;lab&gt;', '1 of 3 projects at risk (CPI 0.80)', 'CPI 0.81 &lt; 0.85']) expect(overview).toContain(text);
  });
});
