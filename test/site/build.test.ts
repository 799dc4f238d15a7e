import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import type { BuildSiteResult } from '../../site/build.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import { fixtureDir, NASTY_ESCAPED, NASTY_NAME, outsideAttributes, pagePaths, readFixture, tempDir } from './helpers.ts';

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

  it('draws no chart on the overview and every KPI\'s charts on its page: a funnel for a rate, a dot plot for each', async () => {
    const managers = (await readFixture('managers.json')) as { kpis: { id: string; comparison?: string }[] };
    expect(html.get('index.html')).not.toContain('<figure');
    for (const kpi of managers.kpis) {
      const figures = (html.get(`kpi/${kpi.id}/index.html`) ?? '').split('<figure').slice(1);
      expect(figures, kpi.id).toHaveLength(kpi.comparison === 'rate' ? 2 : 1);
      for (const figure of figures) {
        expect(figure).toContain('<figcaption');
        expect(figure).toMatch(/role="img" aria-label="[^"]+"/);
        // The wrapper names the chart; the SVG inside is decoration, with no graphics roles of its own.
        expect(figure).toContain('<svg aria-hidden="true"');
        const svg = figure.slice(figure.indexOf('<svg'), figure.indexOf('</svg>'));
        expect(svg).not.toMatch(/\srole="/);
        expect(figure).toContain('<details');
      }
    }
  });

  it('escapes source names everywhere', () => {
    const overview = html.get('index.html') ?? '';
    expect(overview).toContain(NASTY_ESCAPED);
    expect(overview).toContain('&lt;script&gt;alert(1)');
    for (const [page, text] of html) {
      const markup = outsideAttributes(text);
      expect(markup, page).not.toContain('<script>alert');
      expect(markup, page).not.toContain('<img src=x');
      expect(markup, page).not.toContain('<b>Launch');
    }
    expect(html.get('quality/index.html')).toContain('got -30 &lt;script&gt;x&lt;/script&gt;');
    expect(html.get('pm/pm-nasty/index.html')).toContain('&lt;img src=x onerror=alert(2)&gt; partner &quot;kit&quot;');
    expect(html.get('alignment/index.html')).toContain('&lt;b&gt;Launch&lt;/b&gt; &amp; &quot;Partners&quot;');
  });

  it('ships script only to the comparison page, as one module of its own', () => {
    for (const [page, text] of html) {
      // Attribute values are blanked, so the module script reads as type="".
      const scripts = outsideAttributes(text).match(/<script\b[^>]*>/gi) ?? [];
      expect(scripts, page).toEqual(page === 'compare/index.html' ? ['<script type="" src="">'] : []);
    }
    // A file, never inline: the CSP allows scripts from 'self' only (test/infra/security-csp-site.test.ts).
    const src = /<script type="module" src="(\/_astro\/[^"]+\.js)">/.exec(html.get('compare/index.html')!)?.[1];
    expect(src && existsSync(path.join(outDir, src))).toBe(true);
  });

  it('writes a CSV for every chart figure, with the same rows as its table', async () => {
    for (const [page, text] of html) {
      for (const [, id] of text.matchAll(/<figure class="chart" id="([^"]+)"/g)) {
        // A twin offers the CSV only where its readers may open it (role-twins.test.ts checks its links).
        if (!page.startsWith('anonymous/')) expect(text, page).toContain(`href="/data/${id}.csv"`);
        const rows = parseCsv(await readFile(path.join(outDir, 'data', `${id}.csv`), 'utf8'));
        expect(rows.length, id).toBeGreaterThan(1);
      }
    }
    const csv = parseCsv(await readFile(path.join(outDir, 'data', 'kpi-onTimeRate.csv'), 'utf8'));
    expect(csv[0]).toEqual(['Project manager', 'On-time delivery', 'n', 'Note']);
    expect(csv).toContainEqual([NASTY_NAME, '0%', '4', 'small sample']);
  });

  it('compares the last complete months on the tiles and marks the partial month on the overview, the trends and their CSV', async () => {
    // As of 2025-11-23, November is partial (published partial, to 2025-11-23): the tiles show
    // October against September. Company on-time (mean of PMs) 0.78 vs 0.77 → +1 pp, better;
    // hours 236 vs 232 → +4 h, a count of the book, not judged.
    const overview = html.get('index.html') ?? '';
    expect(overview).toContain('<span class="partial">November 2025 (partial: to 23 Nov)</span>');
    expect(overview).toContain('mean of PMs, October 2025 (complete month)');
    expect(overview).toContain('+1 pp vs September 2025 (better)');
    expect(overview).toContain('+4 h vs September 2025 (not judged');
    expect(overview).not.toContain('since 2025-10');
    const ada = html.get('pm/pm-ada/index.html') ?? '';
    expect(ada).toContain('2025-11 is partial (to 23 Nov)');
    const csv = parseCsv(await readFile(path.join(outDir, 'data', 'pm-pm-ada-trends.csv'), 'utf8'));
    expect(csv[0]).toEqual(['Month', 'KPI', 'Ada Lovelace', 'Mean of PMs', 'Partial']);
    expect(csv).toContainEqual(['2025-11', 'On-time delivery', '88%', '79%', 'partial: to 23 Nov']);
    expect(csv).toContainEqual(['2025-10', 'On-time delivery', '89%', '78%', '']); // 0.885 rounds to 89 %
    const mix = parseCsv(await readFile(path.join(outDir, 'data', 'alignment-mix.csv'), 'utf8'));
    expect(mix[0]).toEqual(['Month', 'Theme', 'Hours', 'Share', 'Partial']);
    expect(mix.filter((row) => row[0] === '2025-11').every((row) => row[4] === 'partial: to 23 Nov')).toBe(true);
    expect(mix.filter((row) => row[0] === '2025-10').every((row) => row[4] === '')).toBe(true);
    expect(html.get('alignment/index.html')).toContain('2025-11 is partial (to 23 Nov)');
  });

  it('builds one page per PM, linked from the comparison table', () => {
    const compare = html.get('compare/index.html') ?? '';
    for (const id of ['pm-ada', 'pm-grace', 'pm-nasty', 'pm-linus', 'pm-marie']) expect(compare).toContain(`href="/pm/${id}/"`);
    const ada = html.get('pm/pm-ada/index.html') ?? '';
    for (const id of ['pm-pm-ada-areas', 'pm-pm-ada-trends']) expect(ada).toContain(`id="${id}"`);
    for (const text of ['Engine rewrite', 'On track', 'Median cycle time']) expect(ada).toContain(text);
    // Ada is within the noise limits on every ranked KPI: no weakest KPI, and the page says why.
    expect(ada).toContain('Within noise on every ranked KPI');
    const grace = html.get('pm/pm-grace/index.html') ?? '';
    for (const text of ['3-D Secure challenge flow', 'done 12 days late', 'furthest beyond its 95 % noise limit']) expect(grace).toContain(text);
  });

  it('marks a PM only where a value lies beyond the noise limits, and never ranks a count', () => {
    const compare = html.get('compare/index.html') ?? '';
    // Linus's on-time 0.93 lies above the 95 % limit (better); Ada's 0.86 within it; Grace's 0.6 below (worse).
    const row = (id: string) => compare.slice(compare.indexOf(`href="/pm/${id}/"`), compare.indexOf('</tr>', compare.indexOf(`href="/pm/${id}/"`)));
    expect(row('pm-linus')).toContain('<td class="b">93%</td>');
    expect(row('pm-ada')).toContain('<td>86%</td>');
    expect(row('pm-grace')).toContain('<td class="w">60%</td>');
    // Hours logged grow with the size of the PM's work: no column in the comparison, no limits on its page.
    expect(compare).not.toContain('data-key="hoursLogged"');
    expect(compare).toMatch(/Counts that grow with the size of a PM(&#39;|')s work \(Hours logged/);
    const onTime = html.get('kpi/onTimeRate/index.html') ?? '';
    expect(onTime).toContain('above (better)');
    expect(onTime).toContain('below (worse)');
    expect(html.get('kpi/hoursLogged/index.html')).not.toContain('data-limits');
    const ada = html.get('pm/pm-ada/index.html') ?? '';
    expect(ada).toMatch(/Hours logged on PM(&#39;|')s projects<\/a><\/th>\s*<td class="num">[^<]*<\/td><td class="num">[^<]*<\/td><td>Not ranked: grows with size<\/td>/);
  });

  it('shows a note instead of a chart where a PM has no area scores, trends or drivers', () => {
    const marie = html.get('pm/pm-marie/index.html') ?? '';
    expect(marie).not.toContain('<figure');
    expect(marie).toContain('No competency area scores for this PM');
    expect(marie).toContain('No monthly KPI history for this PM');
    expect(marie).toContain('does not list the tasks behind');
  });

  it('links every chart to the definition of what it plots', () => {
    const definitions = html.get('definitions/index.html') ?? '';
    for (const [page, text] of html) {
      for (const [, anchor] of text.matchAll(/href="\/definitions\/#([^"]+)"/g)) expect(definitions, `${page} → #${anchor}`).toContain(`id="${anchor}"`);
    }
    expect(definitions).toContain('done on or before due / due in window');
  });

  it('shows data as of, the snapshot id, the gap score and the portfolios', () => {
    const overview = html.get('index.html') ?? '';
    expect(overview).toContain('Data as of <time datetime="2025-11-23">2025-11-23</time>');
    expect(overview).toContain('2025-11-24T06-00-00Z');
    expect(overview).toMatch(/Gap score <strong[^>]*>0\.16<\/strong>/);
    expect(overview).toContain('Growth &amp; Payments');
  });

  it('draws portfolio health from portfolios.json, worst first', () => {
    const overview = html.get('index.html') ?? '';
    const table = overview.slice(overview.indexOf('<table class="health-table"'), overview.indexOf('</table>', overview.indexOf('<table class="health-table"')));
    const names = [...table.matchAll(/<th scope="row"[^>]*><a href="([^"]*)"[^>]*>([^<]*)<\/a><\/th>/g)].map((m) => m[2]);
    expect(names).toEqual(['Growth &amp; Payments', 'Platform', 'Research &lt;lab&gt;']);
    // Each name opens its portfolio's page.
    expect([...table.matchAll(/<th scope="row"[^>]*><a href="([^"]*)"/g)].map((m) => m[1])).toEqual(['/portfolio/growth-payments-0xiz36z/', '/portfolio/Platform/', '/portfolio/research-lab-0oe5c2r/']);
    expect(table).toContain('CPI 0.81 &lt; 0.85');
  });

  it('lists sources, quarantined records with reasons and unmatched identities', () => {
    const quality = html.get('quality/index.html') ?? '';
    for (const text of ['jira-cloud', 'failed: HTTP 401', 'ENG-412', 'unknown status id 10999', 'Former Contractor']) {
      expect(quality).toContain(text);
    }
  });

  it('lists implausible inputs with the records behind them, and the people[] lines that join look-alike accounts', () => {
    const quality = html.get('quality/index.html') ?? '';
    expect(quality).toContain('Implausible inputs (2)');
    for (const text of ['2025-W45', '2025-11-03', 'asana:te:9917, asana:te:9918', 'Sources that never finish a task', '412']) expect(quality).toContain(text);
    // The config line, copyable as is from a <pre> (Astro escapes the quotes as &quot;).
    const pre = quality.match(/<pre class="config[^"]*"[^>]*>([^<]*)<\/pre>/)?.[1]?.replaceAll('&quot;', '"').replaceAll('&#34;', '"');
    expect(pre).toBe('{ "id": "r.bianchi@example.com", "aliases": ["asana:user:88120", "jira:acct:77aa"] }');
  });

  it('marks every page built from a snapshot older than 48 h as stale', () => {
    for (const [page, text] of html) expect(text, page).toContain('data-stale-banner');
  });
});
