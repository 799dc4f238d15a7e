import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { ANONYMISED_PREFIX, decideAccess } from '../../functions/access/role-rules.ts';
import type { AlignmentDoc, ManagersDoc, PortfoliosDoc, ProjectsDoc, QualityDoc } from '../../functions/contract/documents.ts';
import { formatHours } from '../../site/src/lib/format.ts';
import { slug } from '../../site/src/lib/slug.ts';
import { fixtureDir, readFixture, tempDir } from './helpers.ts';
import { requestPath, servedFile, textOf } from './served-pages.ts';

/**
 * The strategy role's pages: alignment, portfolios and projects, served from twins that leave out
 * every hours figure of fewer than privacy.minGroup people. The fixture's `people` counts put
 * Ops automation (4 people), Launch (3) and the Marie project (2) under 5, and the company's,
 * Platform's and Growth & Payments' security hours (4, 3, 2 people) too.
 *
 * Which figures are small is read here from the published counts alone; the pages' own cell
 * keys are not used to decide what to look for.
 */
const MIN_GROUP = 5;
const NOTE = `hidden: fewer than ${MIN_GROUP} people counted`;

let work: string;
let dist: string;
let files: string[];
let projects: ProjectsDoc;
let alignment: AlignmentDoc;
let portfolios: PortfoliosDoc;
let managers: ManagersDoc;
let quality: QualityDoc;

const fileOf = (served: string) => servedFile(dist, served);


/** What the edge serves a `role` asking for a named page's path: the file's markup, or undefined when denied. */
async function servedTo(role: string, file: string): Promise<string | undefined> {
  const decision = decideAccess(requestPath(file), { roles: [role] });
  return 'serve' in decision ? readFile(fileOf(decision.serve), 'utf8') : undefined;
}

/** Whether the text prints these hours as a figure of its own (not the tail of a larger one: "60 h" in "560 h"). */
const printed = (text: string, hours: number) => new RegExp(`(?<![\\d,.])${formatHours(hours).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(text);
const namedPages = () => files.filter((f) => f.endsWith('.html') && !requestPath(f).startsWith(`${ANONYMISED_PREFIX}/`));
const projectFile = (id: string) => path.join('project', slug(id), 'index.html');

/** Every hours figure the documents publish with its count: [what, hours, people]. */
function hoursFigures(): [string, number, number | undefined][] {
  const figures: [string, number, number | undefined][] = [];
  for (const p of projects.projects) figures.push([`${p.id} window`, p.hours, p.people], [`${p.id} AC`, p.evm.ac, p.peopleToDate]);
  for (const r of portfolios.portfolios) figures.push([`${r.name} rollup`, r.hours, r.people], [`${r.name} AC`, r.evm.ac, r.peopleToDate]);
  const mix = (what: string, row: { totalHours: number; people?: number; unalignedHours: number; unalignedPeople?: number; themes: { id: string; hours: number; people?: number }[] }) => {
    figures.push([what, row.totalHours, row.people], [`${what} unaligned`, row.unalignedHours, row.unalignedPeople]);
    for (const t of row.themes) figures.push([`${what} ${t.id}`, t.hours, t.people]);
  };
  mix('company', alignment);
  for (const p of alignment.portfolios) mix(p.name, p);
  for (const m of alignment.managers ?? []) mix(m.id, m);
  for (const p of alignment.projects ?? []) mix(`${p.id} mix`, p);
  return figures;
}

beforeAll(async () => {
  work = await tempDir('strategy-twins');
  dist = path.join(work, 'site');
  await buildSite({ snapshotDir: fixtureDir, outDir: dist, privacy: { minGroup: MIN_GROUP } });
  files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html') || f.endsWith('.csv'));
  projects = (await readFixture('projects.json')) as ProjectsDoc;
  alignment = (await readFixture('alignment.json')) as AlignmentDoc;
  portfolios = (await readFixture('portfolios.json')) as PortfoliosDoc;
  managers = (await readFixture('managers.json')) as ManagersDoc;
  quality = (await readFixture('quality.json')) as QualityDoc;
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('strategy twins of the pages with hours', () => {
  it('serve strategy the alignment, portfolio and project pages from twins, and no CSV of them', () => {
    const hoursPaths = namedPages().map(requestPath).filter((p) => /^\/(alignment|portfolio|project)\//.test(p));
    expect(hoursPaths.length).toBeGreaterThanOrEqual(14);
    for (const p of hoursPaths) expect(decideAccess(p, { roles: ['strategy'] })).toEqual({ serve: `${ANONYMISED_PREFIX}${p}` });
    const csvs = files.filter((f) => f.endsWith('.csv')).map(requestPath).filter((p) => /^\/data\/(alignment|portfolio|project)/.test(p));
    expect(csvs.length).toBeGreaterThan(0);
    for (const p of csvs) expect(decideAccess(p, { roles: ['strategy'] })).toEqual({ deny: true });
    expect(decideAccess('/forecasts/', { roles: ['strategy'] })).toEqual({ serve: '/forecasts/' });
  });

  it('print no hours figure of fewer than minGroup people on any page strategy is served', async () => {
    const figures = hoursFigures();
    const small = figures.filter(([, hours, people]) => hours !== 0 && (people ?? 0) < MIN_GROUP);
    // A small figure whose printed form equals a large one's cannot be told apart in the text: counted, and there are few.
    const largeTexts = new Set(figures.filter(([, hours, people]) => (people ?? 0) >= MIN_GROUP).map(([, hours]) => formatHours(hours)));
    const checked = small.filter(([, hours]) => !largeTexts.has(formatHours(hours)));
    expect(small.length).toBeGreaterThanOrEqual(40);
    expect(checked.length).toBeGreaterThanOrEqual(30);
    let served = 0;
    for (const file of namedPages()) {
      const html = await servedTo('strategy', file);
      if (html === undefined) continue;
      served += 1;
      // Planned and earned value and the budget are estimates, not anyone's logged hours: left out of the search.
      const text = textOf(html).replace(/PV \/ EV \/ AC [^/]+ \/ [^/]+ \//g, 'AC').replace(/BAC \/ EAC [^/]+ \//g, 'EAC').replace(/BAC [\d,]+ h/g, 'BAC');
      for (const [what, hours] of checked) expect(printed(text, hours), `${what} (${formatHours(hours)}) on ${file}`).toBe(false);
    }
    expect(served).toBeGreaterThanOrEqual(15);
  });

  it('show the hours of large groups as the named pages do, and hold back the small ones with the note', async () => {
    for (const p of projects.projects) {
      const named = textOf((await servedTo('leadership', projectFile(p.id)))!);
      const twin = textOf((await servedTo('strategy', projectFile(p.id)))!);
      const namedFigure = `Hours in the window ${formatHours(p.hours)}`;
      expect(named).toContain(namedFigure);
      if ((p.people ?? 0) < MIN_GROUP) expect(twin).toContain(`Hours in the window ${NOTE}`);
    }
    // By hand: Growth & Payments has no small project, so both of its projects keep their hours. In
    // Platform, Ops automation (4 people) is hidden, and so is the smallest other project's hours
    // (asana:1203, 405 h), or Platform's 2,345 h minus the other three would give Ops' back; and
    // Engine rewrite's, or Ada's 1,240 h (shown: 9 people) minus it would give back Ops', her other project.
    const shown = ['jira:DATA', 'jira:PAY', 'asana:1201'];
    for (const id of shown) {
      const p = projects.projects.find((x) => x.id === id)!;
      expect(textOf((await servedTo('strategy', projectFile(id)))!), id).toContain(`Hours in the window ${formatHours(p.hours)}`);
    }
    for (const id of ['jira:OPS', 'asana:1203', 'jira:ENG', 'asana:1202', 'asana:1204']) expect(textOf((await servedTo('strategy', projectFile(id)))!), id).toContain(`Hours in the window ${NOTE}`);
    // The company's total is over 30 people: shown, equal to the named page's.
    const twinAlignment = textOf((await servedTo('strategy', path.join('alignment', 'index.html')))!);
    expect(twinAlignment).toContain(`${formatHours(alignment.totalHours)} logged`);
    expect(textOf((await readFile(path.join(dist, 'alignment', 'index.html'), 'utf8')))).toContain(`${formatHours(alignment.totalHours)} logged`);
    // The AC of a project of 4 people and the CPI beside its EV (EV / CPI would give AC back) are held back.
    const ops = textOf((await servedTo('strategy', projectFile('jira:OPS')))!);
    expect(ops).toContain(`CPI ${NOTE}`);
    expect(ops).not.toMatch(/CPI \d/);
  });

  it('keep PM names and show no other person, and serve leadership the named pages with every figure', async () => {
    const pmNames = managers.managers.map((pm) => pm.name);
    const others = new Set<string>(quality.unmatchedIdentities.map((p) => p.name));
    for (const f of quality.findings ?? []) {
      const name = (f.records as Record<string, unknown>)['personName'];
      if (typeof name === 'string') others.add(name);
    }
    for (const pm of pmNames) others.delete(pm);
    expect(others.size).toBeGreaterThan(0);
    const twinPortfolio = textOf((await servedTo('strategy', path.join('portfolio', 'Platform', 'index.html')))!);
    expect(twinPortfolio).toContain('Ada Lovelace');
    for (const file of namedPages()) {
      const decision = decideAccess(requestPath(file), { roles: ['strategy'] });
      if (!('serve' in decision) || !decision.serve.startsWith(`${ANONYMISED_PREFIX}/`)) continue;
      const html = await readFile(fileOf(decision.serve), 'utf8');
      for (const name of others) expect(textOf(html).includes(name), `${name} on ${file}`).toBe(false);
      // A twin links to no page its reader may not open (a PM's page, the CSVs).
      for (const href of html.matchAll(/href="([^"#]*)/g)) {
        const target = href[1]!;
        if (!target.startsWith('/') || target.startsWith('/_astro/')) continue;
        expect(decideAccess(target, { roles: ['strategy'] }), `${target} on ${file}`).not.toEqual({ deny: true });
      }
    }
    for (const p of projects.projects) {
      const named = await servedTo('leadership', projectFile(p.id));
      expect(named).toBe(await readFile(path.join(dist, projectFile(p.id)), 'utf8'));
      expect(textOf(named!)).not.toContain(NOTE);
      expect(textOf(named!)).toContain(`PV / EV / AC ${formatHours(p.evm.pv)} / ${formatHours(p.evm.ev)} / ${formatHours(p.evm.ac)}`);
    }
  });
});
