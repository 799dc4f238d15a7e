import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectsDoc, QualityDoc } from '../../functions/contract/documents.ts';
import { buildSite } from '../../site/build.ts';
import { doneDatingTable } from '../../site/src/lib/done-dating.ts';
import { pmFromSummary, pmFromText } from '../../site/src/lib/pm-from.ts';
import { fixtureDir, NASTY_ESCAPED, NASTY_NAME, outsideAttributes, readFixture, tempDir } from './helpers.ts';

/**
 * The data-quality page says how each source's done tasks were dated and what decided each
 * project's PM; a project page says what decided its PM and what was promised. The fixture
 * snapshot gets, by hand:
 *   doneDating  jira-cloud: 40 done = 30 resolution + 6 changelog + 3 status-category + 1 undated;
 *               asana: 12 done = 12 source time.
 *   pmFrom      jira:ENG projectRules[1] · jira:PAY fields.pm (Jira) · asana:1202 fields.pm (Asana, the
 *               escaped name) · jira:DATA and asana:1203 source · asana:1204 no PM · jira:OPS and
 *               asana:1201 do not say → 1 rule, 2 field, 2 source, 1 none, 2 not said.
 *   plan        jira:ENG: 3 due, slip 2.67 d; 4 first due, slip 13.75 d; 2 re-planned (50 %).
 */
type Json = Record<string, unknown>;
type ProjectJson = Json & { id: string };

const DATING = [
  { source: 'jira-cloud', done: 40, resolution: 30, changelog: 6, statusCategoryChange: 3, sourceTime: 0, undated: 1 },
  { source: 'asana', done: 12, resolution: 0, changelog: 0, statusCategoryChange: 0, sourceTime: 12, undated: 0 },
];
const PM_FROM: Record<string, { pmFrom: string | null; pmId?: null }> = {
  'jira:ENG': { pmFrom: 'projectRules[1]' },
  'jira:PAY': { pmFrom: 'fields.pm' },
  'asana:1202': { pmFrom: 'fields.pm' },
  'jira:DATA': { pmFrom: 'source' },
  'asana:1203': { pmFrom: 'source' },
  'asana:1204': { pmFrom: null, pmId: null },
};
const PLAN = { dueTasks: 3, slipDaysMean: 2.67, baselineDueTasks: 4, slipDaysMeanBaseline: 13.75, replanned: 2, replanShare: 0.5 };

async function editedFixtures() {
  const quality = (await readFixture('quality.json')) as Json & { sources: Json[] };
  quality.doneDating = DATING;
  (quality.sources[1] as Json).unavailable = { hours: 'Asana answered 402 Payment Required for time tracking entries' };
  quality.identities = { accounts: { byAlias: 3, byEmail: 4, unmatched: 1 }, formerAccounts: [] };
  const projects = (await readFixture('projects.json')) as Json & { projects: ProjectJson[] };
  for (const project of projects.projects) Object.assign(project, PM_FROM[project.id] ?? {});
  Object.assign(projects.projects.find((p) => p.id === 'jira:ENG')!, { plan: PLAN });
  return { quality, projects };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

describe('what decided a project PM, in words', () => {
  it('names the rule by its place in the file, counting from 1', () => {
    expect(pmFromText({ pmId: 'ana', pmFrom: 'projectRules[1]' }, 'jira')).toBe('PM set by the 2nd project rule of the config (projectRules[1]).');
    expect(pmFromText({ pmId: 'ana', pmFrom: 'projectRules[10]' }, 'jira')).toContain('the 11th project rule');
  });

  it('says which PM field and which source PM, by source type', () => {
    expect(pmFromText({ pmId: 'a', pmFrom: 'fields.pm' }, 'jira')).toMatch(/^PM from the issues' PM field \(fields\.pm\)/);
    expect(pmFromText({ pmId: 'a', pmFrom: 'fields.pm' }, 'asana')).toBe("PM from the project's PM field (fields.pm).");
    expect(pmFromText({ pmId: 'a', pmFrom: 'fields.pm' }, 'azure-devops')).toMatch(/^PM from the work items' PM field \(fields\.pm\): the person named most often/);
    expect(pmFromText({ pmId: 'a', pmFrom: 'source' }, 'jira')).toBe('PM is the Jira project lead.');
    expect(pmFromText({ pmId: 'a', pmFrom: 'source' }, 'asana')).toBe('PM is the Asana project owner.');
  });

  it('says nothing for a snapshot from before pmFrom', () => {
    expect(pmFromText({ pmId: 'a' }, 'jira')).toBeUndefined();
  });
});

describe('the summaries behind the quality page', () => {
  it('counts projects by what decided their PM and lists those a rule or field decided', async () => {
    const { quality, projects } = await editedFixtures();
    const summary = pmFromSummary(projects as unknown as ProjectsDoc, quality as unknown as QualityDoc);
    expect(summary.counts).toEqual({ rule: 1, field: 2, source: 2, none: 1 });
    expect(summary.unknown).toBe(2);
    expect(summary.decided.map((d) => d.id).sort()).toEqual(['asana:1202', 'jira:ENG', 'jira:PAY']);
  });

  it('tabulates done dating per source in the order of the document', async () => {
    const { quality } = await editedFixtures();
    expect(doneDatingTable(quality as unknown as QualityDoc).rows).toEqual([
      ['jira-cloud', '40', '30', '6', '3', '0', '1'],
      ['asana', '12', '0', '0', '0', '12', '0'],
    ]);
  });
});

describe('the data-quality and project pages on dating and ownership', () => {
  let quality: string;
  let project: string;
  let otherProject: string;

  beforeAll(async () => {
    const work = await tempDir('ownership');
    await cp(fixtureDir, work, { recursive: true });
    const edited = await editedFixtures();
    await writeFile(path.join(work, 'quality.json'), JSON.stringify(edited.quality));
    await writeFile(path.join(work, 'projects.json'), JSON.stringify(edited.projects));
    await buildSite({ snapshotDir: work, outDir: path.join(work, 'out'), logLevel: 'silent' });
    const page = (p: string) => readFile(path.join(work, 'out', p), 'utf8');
    quality = await page('quality/index.html');
    project = await page('project/jira-eng-1j0iyhv/index.html');
    otherProject = await page('project/jira-ops-1k1np2v/index.html');
  }, 240_000);

  it('shows each source done tasks by the rule that dated them, and links the definitions', () => {
    const plain = text(quality);
    expect(quality).toContain('id="done-dating"');
    expect(plain).toMatch(/jira-cloud 40 30 6 3 0 1/);
    expect(plain).toMatch(/asana 12 0 0 0 12 0/);
    expect(plain).toMatch(/A done task with no date counts as open \(1 here\)/);
    expect(quality).toMatch(/href="[^"]*definitions\/#kpis"/);
  });

  it('counts projects by what decided their PM and links the projects a rule or field decided', () => {
    const plain = text(quality);
    expect(plain).toMatch(/Of 8 projects, PM decided by a project rule: 1 · by a PM field: 2 · by the source \(Jira project lead, Asana project owner\): 2 · without a PM: 1 · not said: 2/);
    expect(quality).toMatch(/<a href="[^"]*project\/jira-eng-1j0iyhv\/">Engine rewrite<\/a>/);
    expect(quality).toMatch(/href="[^"]*project\/jira-pay-0uis1wd\/"/);
    expect(quality).toMatch(/href="[^"]*project\/asana-1202-1evw2h0\/"/);
    expect(quality).not.toMatch(/href="[^"]*project\/jira-data-1ln8u01\/"/);
    expect(plain).toContain('PM set by the 2nd project rule of the config (projectRules[1]).');
    expect(plain).toContain("PM from the project's PM field (fields.pm).");
  });

  it('still shows hours unavailable and how people were joined', () => {
    const plain = text(quality);
    expect(quality).toContain('id="hours-unavailable"');
    expect(plain).toMatch(/3 accounts joined by account id/);
  });

  it('escapes project names in the ownership table', () => {
    expect(outsideAttributes(quality)).not.toContain('<b>Launch</b>');
    expect(quality).toContain('&lt;b&gt;Launch&lt;/b&gt;');
    expect(outsideAttributes(quality)).not.toContain(NASTY_NAME);
    expect(quality).toContain(NASTY_ESCAPED);
  });

  it('says on the project page what decided its PM and what was promised', () => {
    const plain = text(project);
    expect(plain).toContain('PM set by the 2nd project rule of the config (projectRules[1]).');
    expect(project).toContain('id="plan"');
    expect(plain).toMatch(/Mean slip against the current due date 2\.67 d over 3 tasks due by 2025-11-23/);
    expect(plain).toMatch(/Mean slip against the baseline due date 13\.75 d over 4 tasks first due by 2025-11-23/);
    expect(plain).toMatch(/Re-planned 2 of 4 \(50%\)/);
  });

  it('leaves both out of a project page whose snapshot entry does not say', () => {
    expect(otherProject).not.toContain('id="plan"');
    expect(otherProject).not.toContain('data-pm-from');
  });
});

describe('the same pages from a snapshot published before doneDating, pmFrom and plan', () => {
  let quality: string;
  let project: string;

  beforeAll(async () => {
    const work = await tempDir('ownership-old');
    await buildSite({ snapshotDir: fixtureDir, outDir: path.join(work, 'out'), logLevel: 'silent' });
    quality = await readFile(path.join(work, 'out', 'quality', 'index.html'), 'utf8');
    project = await readFile(path.join(work, 'out', 'project', 'jira-eng-1j0iyhv', 'index.html'), 'utf8');
  }, 240_000);

  it('says the snapshot does not tell, instead of showing zeros', () => {
    expect(text(quality)).toContain('This snapshot does not say how done tasks were dated.');
    expect(text(quality)).toContain("This snapshot does not say what decided each project's PM.");
    expect(quality).not.toContain('Done tasks per source');
  });

  it('shows no plan and no PM sentence on a project page', () => {
    expect(project).not.toContain('id="plan"');
    expect(project).not.toContain('data-pm-from');
  });
});
