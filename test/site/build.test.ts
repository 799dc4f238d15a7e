import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import type { BuildSiteResult } from '../../site/build.ts';
import { fixtureDir, NASTY_ESCAPED, pagePaths, readFixture, tempDir } from './helpers.ts';

describe('buildSite', () => {
  let outDir: string;
  let result: BuildSiteResult;
  const html = new Map<string, string>();

  beforeAll(async () => {
    // Prepare: build from an unrelated working directory, into a folder inside it (the hard case).
    const cwd = process.cwd();
    const work = await tempDir('build');
    outDir = path.join(work, 'out');
    process.chdir(work);
    try {
      result = await buildSite({ snapshotDir: path.relative(work, fixtureDir), outDir: 'out' });
    } finally {
      process.chdir(cwd);
    }
    for (const page of pagePaths) html.set(page, await readFile(path.join(outDir, page), 'utf8'));
  });

  afterAll(async () => {
    if (outDir) await rm(path.dirname(outDir), { recursive: true, force: true });
  });

  it('writes one HTML file per page and reports the count and time', () => {
    for (const page of pagePaths) expect(existsSync(path.join(outDir, page)), page).toBe(true);
    expect(result.pages).toBe(pagePaths.length);
    expect(result.ms).toBeGreaterThan(0);
    expect(existsSync(path.join(outDir, '.prerender'))).toBe(false);
  });

  it('renders an SVG inside every chart figure: one per KPI plus theme alignment', async () => {
    const managers = (await readFixture('managers.json')) as { kpis: unknown[] };
    const figures = (html.get('index.html') ?? '').split('<figure').slice(1);
    expect(figures).toHaveLength(managers.kpis.length + 1);
    for (const figure of figures) {
      expect(figure).toContain('<figcaption');
      expect(figure).toMatch(/role="img" aria-label="[^"]+"/);
      expect(figure).toContain('<svg');
      expect(figure).toContain('<details');
    }
  });

  it('escapes source names everywhere and ships no script', () => {
    const overview = html.get('index.html') ?? '';
    expect(overview).toContain(NASTY_ESCAPED);
    expect(overview).toContain('&lt;script&gt;alert(1)');
    for (const [page, text] of html) {
      expect(text, page).not.toContain('<script>alert');
      expect(text, page).not.toMatch(/<script\b/i);
    }
    expect(html.get('quality/index.html')).toContain('got -30 &lt;script&gt;x&lt;/script&gt;');
  });

  it('shows data as of, the snapshot id, the gap score and the portfolios', () => {
    const overview = html.get('index.html') ?? '';
    expect(overview).toContain('Data as of <time datetime="2025-11-23">2025-11-23</time>');
    expect(overview).toContain('2025-11-24T06-00-00Z');
    expect(overview).toMatch(/Gap score <strong>0\.16<\/strong>/);
    expect(overview).toContain('Growth &amp; Payments');
  });

  it('lists sources, quarantined records with reasons and unmatched identities', () => {
    const quality = html.get('quality/index.html') ?? '';
    for (const text of ['jira-cloud', 'failed: HTTP 401', 'ENG-412', 'unknown status id 10999', 'Former Contractor']) {
      expect(quality).toContain(text);
    }
  });

  it('marks every page built from a snapshot older than 48 h as stale', () => {
    for (const [page, text] of html) expect(text, page).toContain('data-stale-banner');
  });
});
