import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build.ts';
import { decideAccess, type SessionAccess } from '../../functions/access/role-rules.ts';
import type { ManagersDoc, QualityDoc } from '../../functions/contract/documents.ts';
import { fixtureDir, readFixture, tempDir } from './helpers.ts';
import { decodeEntities as decode, requestPath, servedFile } from './served-pages.ts';

/**
 * Per-person rows (a named person's hours: the data-quality findings, former accounts) reach only
 * pages leadership alone can open. Every page and CSV of the built site is asked for as each other
 * role would ask for it, through the role table's own decision, and read as served.
 */
let work: string;
let dist: string;
let files: string[];
let managers: ManagersDoc;
let quality: QualityDoc;

const fileOf = (served: string) => servedFile(dist, served);

/** Names of people the snapshot gives hours for, one person at a time, who are not PMs. */
function peopleWithPersonalRows(): string[] {
  const pms = new Set(managers.managers.map((pm) => pm.name));
  const names = new Set<string>();
  for (const f of quality.findings ?? []) if (f.kind === 'personWeekHours' || f.kind === 'entryHours') names.add(f.records.personName);
  for (const a of quality.identities?.formerAccounts ?? []) names.add(a.name);
  for (const p of quality.unmatchedIdentities) names.add(p.name);
  return [...names].filter((name) => !pms.has(name));
}

/** What a viewer with this session is served for every built page and CSV: the served file's text, by request path. */
async function servedTo(session: SessionAccess): Promise<Map<string, string>> {
  const served = new Map<string, string>();
  for (const file of files) {
    const request = requestPath(file);
    const decision = decideAccess(request, session);
    if ('serve' in decision) served.set(request, decode(await readFile(fileOf(decision.serve), 'utf8')));
  }
  return served;
}

beforeAll(async () => {
  work = await tempDir('personal-rows');
  dist = path.join(work, 'site');
  await buildSite({ snapshotDir: fixtureDir, outDir: dist });
  files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html') || f.endsWith('.csv'));
  managers = (await readFixture('managers.json')) as ManagersDoc;
  quality = (await readFixture('quality.json')) as QualityDoc;
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('per-person rows', () => {
  it('are published on the data-quality page, which only leadership opens', async () => {
    const finding = quality.findings?.find((f) => f.kind === 'personWeekHours');
    expect(finding?.kind).toBe('personWeekHours');
    if (finding?.kind !== 'personWeekHours') return;
    const page = decode(await readFile(fileOf('/quality/'), 'utf8'));
    expect(page).toContain(finding.records.personName);
    expect(decideAccess('/quality/', { roles: ['leadership'] })).toEqual({ serve: '/quality/' });
    for (const roles of [['strategy'], ['pm'], []]) expect(decideAccess('/quality/', { roles, person: 'pm-ada' }), roles.join()).toEqual({ deny: true });
  });

  it('reach nothing a strategy viewer is served', async () => {
    const served = await servedTo({ roles: ['strategy'] });
    expect([...served.keys()]).toEqual(expect.arrayContaining(['/alignment/', '/portfolio/', '/forecasts/', '/']));
    const names = peopleWithPersonalRows();
    expect(names.length).toBeGreaterThan(0);
    for (const [request, text] of served) for (const name of names) expect(text.includes(name), `${request} names ${name}`).toBe(false);
  });

  it('reach nothing a PM is served, and a PM sees no other PM by name', async () => {
    const own = managers.managers.find((pm) => pm.id === 'pm-ada')!;
    const served = await servedTo({ roles: ['pm'], person: own.id });
    expect([...served.keys()]).toEqual(expect.arrayContaining(['/pm/pm-ada/', '/', '/compare/', '/kpi/onTimeRate/']));
    const others = managers.managers.filter((pm) => pm.id !== own.id).map((pm) => pm.name);
    for (const [request, text] of served) {
      for (const name of [...peopleWithPersonalRows(), ...others]) expect(text.includes(name), `${request} names ${name}`).toBe(false);
    }
  });
});
