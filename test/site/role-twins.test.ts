import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { ANONYMISED_PREFIX, decideAccess, NO_ACCESS_PATH, ROLE_RULES, ROLES, matchesPattern } from '../../functions/access/role-rules.ts';
import type { ManagersDoc, QualityDoc } from '../../functions/contract/documents.ts';
import { fixtureDir, readFixture, tempDir } from './helpers.ts';
import { requestPath, servedFile, textOf } from './served-pages.ts';

/**
 * The anonymised twins and the no-access page, built once from the fixture snapshot: the role
 * table alone decides which twins exist, and no twin gives a PM's or a person's name back.
 */
const CONTACT = 'the PMO at pmo@acme.example';

let work: string;
let dist: string;
let files: string[];
let managers: ManagersDoc;
let quality: QualityDoc;

const fileOf = (served: string) => servedFile(dist, served);


/** Every name of a person the snapshot carries: PMs, people in findings, unmatched and suggested accounts. */
function personNames(): string[] {
  const names = new Set<string>(managers.managers.map((pm) => pm.name));
  for (const p of quality.unmatchedIdentities) names.add(p.name);
  for (const f of quality.findings ?? []) {
    const r = f.records as Record<string, unknown>;
    for (const key of ['personName', 'pmName']) if (typeof r[key] === 'string') names.add(r[key]);
  }
  for (const s of quality.identitySuggestions ?? []) for (const a of s.accounts) names.add(a.name);
  for (const a of quality.identities?.formerAccounts ?? []) names.add(a.name);
  return [...names];
}

/** Whether a page carries a name in its text or in any attribute or embedded chart (raw and escaped). */
function carriesName(html: string, name: string): boolean {
  const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return textOf(html).includes(name) || html.includes(name) || html.includes(escaped);
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

beforeAll(async () => {
  work = await tempDir('role-twins');
  dist = path.join(work, 'site');
  await buildSite({ snapshotDir: fixtureDir, outDir: dist, privacy: { minGroup: 5, accessContact: CONTACT } });
  files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html') || f.endsWith('.csv'));
  managers = (await readFixture('managers.json')) as ManagersDoc;
  quality = (await readFixture('quality.json')) as QualityDoc;
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const twinFiles = () => files.filter((f) => requestPath(f).startsWith(`${ANONYMISED_PREFIX}/`));

describe('anonymised twins', () => {
  it('exist for every named page a role sees anonymised, where the edge rewrites it', () => {
    let checked = 0;
    for (const role of ROLES) {
      for (const pattern of ROLE_RULES[role].anonymised) {
        const named = files.filter((f) => f.endsWith('.html') && !requestPath(f).startsWith(`${ANONYMISED_PREFIX}/`));
        const reached = named.flatMap((f) => [requestPath(f), `/${f}`]).filter((p) => matchesPattern(pattern, p, 'pm-ada'));
        expect(reached.length, `${role} ${pattern}`).toBeGreaterThan(0);
        for (const request of reached) {
          const decision = decideAccess(request, { roles: [role], person: 'pm-ada' });
          expect(decision, `${role} ${request}`).toEqual({ serve: `${ANONYMISED_PREFIX}${request}` });
          expect(existsSync(fileOf(`${ANONYMISED_PREFIX}${request}`)), `${role} ${request}`).toBe(true);
          checked++;
        }
      }
    }
    // The overview (as / and /index.html), the comparison and a page per KPI, for pm; the overview for strategy.
    expect(checked).toBeGreaterThanOrEqual(2 + 2 + 2 * managers.kpis.length + 2);
  });

  it('carry no PM or person name, in the text, the attributes or the charts', async () => {
    const names = personNames();
    expect(names).toEqual(expect.arrayContaining(['Ada Lovelace', 'Marie Curie', 'Rita Bianchi', 'Former Contractor']));
    // The alignment, portfolio and project twins keep the PMs' names (strategy compares them): strategy-twins.test.ts.
    const nameless = twinFiles().filter((f) => !/^\/anonymous\/(alignment|portfolio|project)\//.test(requestPath(f)));
    expect(nameless.length).toBe(2 + managers.kpis.length);
    for (const file of nameless) {
      const html = await readFile(path.join(dist, file), 'utf8');
      for (const name of names) expect(carriesName(html, name), `${file} names ${name}`).toBe(false);
      for (const pm of managers.managers) expect(html, file).not.toContain(`data-pm="${pm.id}"`);
    }
  });

  it('link only to pages every role they are served to may open, at their ordinary paths', async () => {
    for (const file of twinFiles()) {
      const twin = requestPath(file);
      const original = twin.slice(ANONYMISED_PREFIX.length);
      const readers = ROLES.filter((role) => {
        const decision = decideAccess(original, { roles: [role], person: 'pm-ada' });
        return 'serve' in decision && decision.serve === twin;
      });
      expect(readers.length, file).toBeGreaterThan(0);
      const html = await readFile(path.join(dist, file), 'utf8');
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!).filter((h) => h.startsWith('/'));
      for (const href of hrefs) {
        expect(href, file).not.toMatch(new RegExp(`^${ANONYMISED_PREFIX}/`));
        for (const role of readers) expect(decideAccess(href.replace(/#.*$/, ''), { roles: [role], person: 'pm-ada' }), `${file} → ${href} for ${role}`).not.toEqual({ deny: true });
      }
      const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
      const navLinks = [...nav.matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1]);
      expect(['Overview', 'PM comparison', 'Portfolios', 'Portfolio alignment', 'Forecasts', 'KPI definitions'], file).toEqual(expect.arrayContaining(navLinks));
      expect(navLinks, file).toContain('KPI definitions');
    }
    // The comparison is a PM's alone, so it links to every KPI's page; the overview, served to strategy too, to none.
    const compare = await readFile(path.join(dist, 'anonymous/compare/index.html'), 'utf8');
    for (const kpi of managers.kpis) expect(compare).toContain(`href="/kpi/${kpi.id}/"`);
    expect(await readFile(path.join(dist, 'anonymous/index.html'), 'utf8')).not.toContain('href="/kpi/');
  });

  it('carry the company figures: each KPI\'s median is the median of the PMs\' values in managers.json', async () => {
    const written = (kpiId: string, v: number) => {
      const unit = managers.kpis.find((k) => k.id === kpiId)!.unit;
      if (unit === 'ratio') return `${Math.round(v * 100)}%`;
      if (unit === 'index') return v.toFixed(2);
      if (unit === 'days') return `${Math.round(v * 100) / 100} d`;
      throw new Error(`no hand format for ${unit}`);
    };
    const compare = await readFile(path.join(dist, 'anonymous/compare/index.html'), 'utf8');
    for (const kpiId of ['onTimeRate', 'cycleTime', 'spi']) {
      const values = managers.managers.map((pm) => pm.values[kpiId]?.value).filter((v): v is number => typeof v === 'number');
      const expected = written(kpiId, median(values));
      const kpiPage = await readFile(path.join(dist, `anonymous/kpi/${kpiId}/index.html`), 'utf8');
      expect(kpiPage.match(/data-median>([^<]*)</)?.[1], kpiId).toBe(expected);
      const row = compare.slice(compare.indexOf(`data-kpi="${kpiId}"`));
      expect(row.match(/data-median>([^<]*)</)?.[1], kpiId).toBe(expected);
      // Every PM with a value is on the page, unlabelled, smallest first.
      const listed = textOf(kpiPage.match(/data-peer-values>([^<]*)</)?.[1] ?? '').replace('Smallest first: ', '').split(' · ');
      expect(listed, kpiId).toEqual([...values].sort((a, b) => a - b).map((v) => written(kpiId, v)));
      expect(kpiPage.match(/class="dots"/g), kpiId).toHaveLength(1);
      expect((kpiPage.match(/ 12h0/g) ?? []).length, kpiId).toBe(values.length);
    }
  });

  it('hold back hours logged where the people behind them are not counted, with a note', async () => {
    const page = await readFile(path.join(dist, 'anonymous/kpi/hoursLogged/index.html'), 'utf8');
    expect(textOf(page)).toContain('hidden: fewer than 5 people counted');
    expect(page).not.toContain('data-median');
    expect(page).not.toContain('h0');
    for (const pm of managers.managers) {
      const hours = pm.values['hoursLogged']?.value;
      if (typeof hours === 'number') expect(textOf(page)).not.toMatch(new RegExp(`\\b${hours.toLocaleString('en-GB').replace(/,/g, ',?')} h\\b`));
    }
    // The overview's portfolio hours are held back too; the named overview keeps them for leadership.
    const twin = textOf(await readFile(path.join(dist, 'anonymous/index.html'), 'utf8'));
    const named = textOf(await readFile(path.join(dist, 'index.html'), 'utf8'));
    expect(twin).toContain('hidden: people not counted');
    expect(named).not.toContain('hidden:');
  });
});

describe('the no-access page', () => {
  it('says why, whom to ask, offers sign-out by POST and shows nothing else', async () => {
    const file = fileOf(NO_ACCESS_PATH);
    const html = await readFile(file, 'utf8');
    const text = textOf(html);
    expect(text).toContain('You are signed in, but your account is in no pmpulse group');
    expect(text).toContain(`ask ${CONTACT}`);
    expect(html).toMatch(/<form method="post" action="\/_auth\/logout"[^>]*>\s*<button type="submit">Sign out<\/button>/);
    // Its menu offers only what anyone signed in may open: the KPI definitions.
    const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
    expect([...nav.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['/definitions/']);
    for (const name of personNames()) expect(carriesName(html, name), name).toBe(false);
    // Anyone signed in is served it, whatever their groups.
    expect(decideAccess(NO_ACCESS_PATH, { roles: [] })).toEqual({ serve: NO_ACCESS_PATH });
  });
});
