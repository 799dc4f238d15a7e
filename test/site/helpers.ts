import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtureDir = fileURLToPath(new URL('../fixtures/snapshot/', import.meta.url));

/** The PM whose name tries to inject a script; it must only ever appear escaped. */
export const NASTY_NAME = '<script>alert(1)</script> & "Co"';
export const NASTY_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;';

export const pagePaths = [
  'index.html',
  'compare/index.html',
  'alignment/index.html',
  'forecasts/index.html',
  'quality/index.html',
  'definitions/index.html',
  'pm/pm-ada/index.html',
  'pm/pm-grace/index.html',
  'pm/pm-nasty/index.html',
  'pm/pm-linus/index.html',
  'pm/pm-marie/index.html',
  'portfolio/index.html',
  'portfolio/Platform/index.html',
  'portfolio/growth-payments-0xiz36z/index.html',
  'portfolio/none-14137kw/index.html',
  'portfolio/research-lab-0oe5c2r/index.html',
  'project/asana-1201-1fpuvjx/index.html',
  'project/asana-1202-1evw2h0/index.html',
  'project/asana-1203-1f5vo5z/index.html',
  'project/asana-1204-1ebwv32/index.html',
  'project/jira-data-1ln8u01/index.html',
  'project/jira-eng-1j0iyhv/index.html',
  'project/jira-ops-1k1np2v/index.html',
  'project/jira-pay-0uis1wd/index.html',
  'kpi/onTimeRate/index.html',
  'kpi/cycleTime/index.html',
  'kpi/spi/index.html',
  'kpi/hoursLogged/index.html',
  'anonymous/index.html',
  'anonymous/compare/index.html',
  'anonymous/kpi/onTimeRate/index.html',
  'anonymous/kpi/cycleTime/index.html',
  'anonymous/kpi/spi/index.html',
  'anonymous/kpi/hoursLogged/index.html',
  'anonymous/alignment/index.html',
  'anonymous/portfolio/index.html',
  'anonymous/portfolio/Platform/index.html',
  'anonymous/portfolio/growth-payments-0xiz36z/index.html',
  'anonymous/portfolio/none-14137kw/index.html',
  'anonymous/portfolio/research-lab-0oe5c2r/index.html',
  'anonymous/project/asana-1201-1fpuvjx/index.html',
  'anonymous/project/asana-1202-1evw2h0/index.html',
  'anonymous/project/asana-1203-1f5vo5z/index.html',
  'anonymous/project/asana-1204-1ebwv32/index.html',
  'anonymous/project/jira-data-1ln8u01/index.html',
  'anonymous/project/jira-eng-1j0iyhv/index.html',
  'anonymous/project/jira-ops-1k1np2v/index.html',
  'anonymous/project/jira-pay-0uis1wd/index.html',
  'no-access/index.html',
  '404.html',
] as const;

/**
 * The markup of a page with every quoted attribute value blanked. A quoted value cannot open
 * a tag, so this is what must never contain an injected one (Astro escapes & and " there).
 */
export function outsideAttributes(html: string): string {
  return html.replace(/="[^"]*"/g, '=""');
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `pmpulse-${prefix}-`));
}

export async function readFixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(fixtureDir, name), 'utf8'));
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * One page of each kind in a built site, as paths under its root: every top-level page, and the
 * first page of each folder of pages (pm/…, kpi/…), whatever kinds the site has; the anonymised
 * twins (anonymous/…) count as kinds of their own, sorted the same way below their folder.
 */
export async function pageKinds(dist: string): Promise<string[]> {
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('index.html')).sort();
  const kinds = new Map<string, string>();
  for (const file of files) {
    const dir = path.dirname(file);
    const all = dir === '.' ? [] : dir.split(path.sep);
    const twin = all[0] === 'anonymous';
    const parts = twin ? all.slice(1) : all;
    if (twin) {
      const kind = `anonymous/${parts.length <= 1 ? parts.join('/') : `${parts.slice(0, -1).join('/')}/*`}`;
      if (!kinds.has(kind)) kinds.set(kind, `${all.join('/')}/`);
      continue;
    }
    const kind = parts.length <= 1 ? dir : `${parts.slice(0, -1).join('/')}/*`;
    if (!kinds.has(kind)) kinds.set(kind, parts.length === 0 ? '' : `${parts.join('/')}/`);
  }
  return [...kinds.values()];
}
