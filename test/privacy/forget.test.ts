import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoPerson } from '../../demo/generator/index.ts';
import type { TimeEntry } from '../../functions/domain/index.ts';
import { openRuntime, runCompute, runPublish, runSync } from '../../functions/pipeline/index.ts';
import { createDirReportStore, readLatest, readSnapshot } from '../../functions/publish/index.ts';
import { runCli, type CliResult } from '../cli/run-cli.ts';
import { digest, quietLog, reportFiles, startDemoWorld, storeItems, TOKEN_ENV, type DemoWorld } from './demo-world.ts';

/**
 * `pmpulse forget` on the small demo: a PM and a contributor who left (Jira shows them as
 * "Former user") are erased; a brute text search over every store item and every report file
 * finds none of their names, e-mails or account ids; project totals are what they were; and a
 * full re-sync from the demo servers, which still serve both people, brings neither back.
 */

const AS_OF = '2026-11-01';

interface Totals {
  hoursByProject: Record<string, number>;
  tasksByProject: Record<string, number>;
  entries: number;
  statusChanges: number;
}

async function storeTotals(world: DemoWorld): Promise<Totals & { entriesOf: (personIds: readonly string[]) => number }> {
  const runtime = await openRuntime(world.config(), { log: quietLog });
  try {
    const totals: Totals = { hoursByProject: {}, tasksByProject: {}, entries: 0, statusChanges: 0 };
    const people = new Map<string, number>();
    for await (const page of runtime.store.scanRecords('timeEntry')) {
      for (const entry of page as TimeEntry[]) {
        totals.hoursByProject[entry.projectId] = (totals.hoursByProject[entry.projectId] ?? 0) + entry.hours;
        totals.entries += 1;
        people.set(entry.personId, (people.get(entry.personId) ?? 0) + 1);
      }
    }
    for await (const page of runtime.store.scanRecords('task')) for (const task of page) totals.tasksByProject[task.projectId] = (totals.tasksByProject[task.projectId] ?? 0) + 1;
    for await (const page of runtime.store.scanRecords('statusChange')) totals.statusChanges += page.length;
    for (const project of Object.keys(totals.hoursByProject)) totals.hoursByProject[project] = Math.round(totals.hoursByProject[project]! * 100) / 100;
    return { ...totals, entriesOf: (ids) => ids.reduce((sum, id) => sum + (people.get(id) ?? 0), 0) };
  } finally {
    await runtime.close();
  }
}

async function syncComputePublish(world: DemoWorld, options: { since?: Date } = {}): Promise<string> {
  const config = world.config();
  const runtime = await openRuntime(config, { log: quietLog });
  try {
    const sync = await runSync(config, { runtime, ...options });
    expect(sync.runs.map((run) => run.error ?? 'ok')).toEqual(['ok', 'ok']);
    await runCompute(config, { asOf: AS_OF, runtime });
    return (await runPublish(config, { runtime })).snapshot;
  } finally {
    await runtime.close();
  }
}

/** What must be gone: full and bare account ids, e-mail, name. */
function traces(person: DemoPerson): string[] {
  return [person.name, person.email, person.jiraAccountId, person.asanaGid, `jira:${person.jiraAccountId}`, `asana:${person.asanaGid}`];
}

/** Every (trace, place) pair still found, by a case-insensitive text search. */
async function found(world: DemoWorld, people: readonly DemoPerson[]): Promise<string[]> {
  const places: [string, string][] = [...(await storeItems(world)).map((item, i): [string, string] => [`store item ${i}`, item]), ...(await reportFiles(world))];
  const hits: string[] = [];
  for (const trace of people.flatMap(traces)) {
    const needle = trace.toLowerCase();
    const where = places.filter(([, text]) => text.toLowerCase().includes(needle)).map(([place]) => place);
    if (where.length) hits.push(`${trace}: ${where.slice(0, 3).join(', ')}${where.length > 3 ? ` and ${where.length - 3} more` : ''}`);
  }
  return hits;
}

const forget = (world: DemoWorld, person: string): Promise<CliResult> =>
  runCli(['forget', '--person', person, '--config', world.configFile], { env: TOKEN_ENV, timeoutMs: 120_000 });

describe('pmpulse forget', () => {
  let world: DemoWorld;
  let pm: DemoPerson;
  let leaver: DemoPerson;
  let before: Awaited<ReturnType<typeof storeTotals>>;
  let forgotPm: CliResult;
  let forgotLeaver: CliResult;

  beforeAll(async () => {
    world = await startDemoWorld(AS_OF);
    const ruled = new Set(world.raw.projectRules.map((rule) => rule.pm));
    // Two snapshots retained, both naming everyone.
    await syncComputePublish(world);
    const latest = await syncComputePublish(world);
    const managers = JSON.parse(await readFile(join(world.dir, 'reports', 'snapshots', latest, 'managers.json'), 'utf8')) as { managers: { id: string }[] };
    const pms = new Set(managers.managers.map((manager) => manager.id));
    pm = world.org.people.find((person) => pms.has(person.email) && !ruled.has(person.email))!;
    before = await storeTotals(world);
    // The leaver with the most time entries: their hours must stay in the project totals.
    const leavers = world.org.people.filter((person) => person.formerInJira && !pms.has(person.email));
    const entries = (person: DemoPerson) => before.entriesOf([`jira:${person.jiraAccountId}`, `asana:${person.asanaGid}`]);
    leaver = leavers.sort((a, b) => entries(b) - entries(a))[0]!;
    expect(entries(leaver)).toBeGreaterThan(0);
    expect((await found(world, [pm, leaver])).length).toBeGreaterThan(0);
    forgotPm = await forget(world, pm.email);
    // The leaver by one of their accounts: it stands for the configured person behind it.
    forgotLeaver = await forget(world, `jira:${leaver.jiraAccountId}`);
  }, 600_000);

  afterAll(async () => {
    await world?.close();
  });

  it('erases both and says what it changed', () => {
    expect(forgotPm.stderr).toBe('');
    expect(forgotPm.code).toBe(0);
    expect(forgotPm.stdout).toContain(`erased ${pm.email} (people[`);
    expect(forgotPm.stdout).toMatch(/project \d+/);
    expect(forgotPm.stdout).toMatch(/documents rewritten\s+[1-9]/);
    expect(forgotPm.stdout).toContain('snapshots/');
    expect(forgotPm.stdout).toContain('pmpulse site build');
    expect(forgotLeaver.code).toBe(0);
    expect(forgotLeaver.stdout).toMatch(/person records removed\s+2/);
    expect(forgotLeaver.stdout).toMatch(/timeEntry \d+/);
  });

  it('tells what the config still names, and does not edit it', async () => {
    expect(forgotPm.stdout).toMatch(/people\[\d+\] \(id [^)]+\): remove the entry/);
    expect(await readFile(world.configFile, 'utf8')).toContain(pm.email);
  });

  it('leaves no name, e-mail or account id in any store item or report file', async () => {
    expect(await found(world, [pm, leaver])).toEqual([]);
  });

  it('keeps every project total: hours, tasks, time entries, status changes', async () => {
    const after = await storeTotals(world);
    expect(after.hoursByProject).toEqual(before.hoursByProject);
    expect(after.tasksByProject).toEqual(before.tasksByProject);
    expect(after.entries).toBe(before.entries);
    expect(after.statusChanges).toBe(before.statusChanges);
  });

  it('keeps every rewritten snapshot readable against its schema', async () => {
    const files = await reportFiles(world);
    const latest = JSON.parse(files.get('latest.json')!) as { snapshot: string };
    const managers = JSON.parse(files.get(`snapshots/${latest.snapshot}/managers.json`)!) as { managers: { id: string; name: string }[] };
    const erased = managers.managers.filter((manager) => manager.name === 'Former user');
    expect(erased).toHaveLength(1);
    expect(erased[0]!.id).toMatch(/^asana:erased-[0-9a-f]{8}$/);
    // The one validated reader: every document of every snapshot still matches its schema.
    const reports = createDirReportStore(join(world.dir, 'reports'));
    const pointer = (await readLatest(reports))!;
    const snapshots = new Set([...files.keys()].filter((key) => key.startsWith('snapshots/')).map((key) => key.split('/')[1]!));
    expect(snapshots.size).toBe(2);
    for (const id of snapshots) await expect(readSnapshot(reports, { ...pointer, snapshot: id })).resolves.toHaveProperty(['managers.json']);
  });

  it('does not bring them back on a full re-sync from the servers, which still serve them', async () => {
    // As the output asked: their people[] entries and the rules naming them go from the config.
    const erased = new Set([pm.email, leaver.email]);
    await world.write({
      ...world.raw,
      people: world.raw.people.filter((person) => !erased.has(person.id)),
      projectRules: world.raw.projectRules.filter((rule) => !erased.has(rule.pm ?? '')),
    });
    const snapshot = await syncComputePublish(world, { since: new Date('2000-01-01T00:00:00Z') });
    expect(await found(world, [pm, leaver])).toEqual([]);
    const after = await storeTotals(world);
    expect(after.hoursByProject).toEqual(before.hoursByProject);
    expect(after.tasksByProject).toEqual(before.tasksByProject);
    const quality = JSON.parse(await readFile(join(world.dir, 'reports', 'snapshots', snapshot, 'quality.json'), 'utf8')) as {
      identities: { formerAccounts: { recordId: string; name: string }[] };
    };
    const anonymous = quality.identities.formerAccounts.filter((account) => /:erased-[0-9a-f]{8}$/.test(account.recordId));
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.every((account) => account.name.startsWith('Former user'))).toBe(true);
  }, 300_000);

  it('refuses an unknown id with exit 2 and changes nothing', async () => {
    const storeBefore = digest(await storeItems(world));
    const reportsBefore = digest((await reportFiles(world)).values());
    const result = await forget(world, 'jira:no-such-account');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no person "jira:no-such-account"');
    expect(result.stdout).toBe('');
    expect(digest(await storeItems(world))).toBe(storeBefore);
    expect(digest((await reportFiles(world)).values())).toBe(reportsBefore);
    // Asked again once the config no longer names them: the erasure list still knows the accounts.
    const again = await forget(world, `asana:${pm.asanaGid}`);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('was erased before');
    expect(digest(await storeItems(world))).toBe(storeBefore);
  }, 120_000);
});
