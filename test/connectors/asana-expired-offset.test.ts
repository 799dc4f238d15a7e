import { afterEach, describe, expect, it } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer, type RunningAsanaServer } from '../../demo/servers/index.ts';
import type { AsanaSourceConfig } from '../../functions/config/index.ts';
import { asanaConnector } from '../../functions/connectors/asana/index.ts';
import type { RecordBatch } from '../../functions/connectors/kit/connector.ts';
import type { Task, TimeEntry } from '../../functions/domain/index.ts';
import { trimOrg } from '../faults/world.ts';
import { drain } from './helpers/drain.ts';

/**
 * Asana lets a page offset expire. A read stopped mid-project (a run at its deadline) keeps that
 * project's next offset in its checkpoint; when the next run comes after the offset expired, the
 * demo Asana answers 400 as Asana does, and the read lists that project again from its first
 * page, leaving out the tasks the first run stored: together the two runs hold every task and
 * entry of one whole read, none twice, and end with the same cursor.
 */
const OFFSET_TTL_MS = 10 * 60_000;
const org = trimOrg(generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' }), 2);
let clock = org.now;
const now = () => new Date(clock);

let server: RunningAsanaServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function reading(url: string, warnings: string[], checkpoint?: string) {
  const source: AsanaSourceConfig = { type: 'asana', name: 'asana', baseUrl: url, tokenEnv: 'ASANA_TOKEN' };
  const log = { info() {}, warn: (message: string) => void warnings.push(message), error() {} };
  return asanaConnector.read({ source, token: demoCredentials.asana.token, fetch, now, log, sleep: async () => {}, random: () => 0, ...(checkpoint ? { checkpoint } : {}) });
}

/** Reads until a checkpoint that stops inside a project (it names an offset), as a run that stops at its deadline there. */
async function readToMidProject(url: string): Promise<{ batches: RecordBatch[]; checkpoint: string }> {
  const reader = reading(url, []);
  const batches: RecordBatch[] = [];
  for (let step = await reader.next(); !step.done; step = await reader.next()) {
    batches.push(step.value);
    const checkpoint = step.value.checkpoint;
    if (checkpoint !== undefined && JSON.parse(checkpoint).offset !== undefined) {
      await reader.return(undefined);
      return { batches, checkpoint };
    }
  }
  throw new Error('the read never stopped inside a project: no page offset to expire');
}

/** Records as the store keeps them: one per id, the last read wins. */
function byId<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((record) => [record.id, record]));
}

describe('an Asana read resumed after its page offset expired', () => {
  it('lists that project again from its first page: nothing lost, nothing twice, the same cursor', async () => {
    server = await startAsanaServer(org, { now, offsetTtlMs: OFFSET_TTL_MS });
    const whole = await drain(reading(server.url, []));

    // Act: a run stops inside a project; the next comes after the offset expired.
    const first = await readToMidProject(server.url);
    const stoppedIn = JSON.parse(first.checkpoint) as { projects: string[]; offset: string };
    clock += OFFSET_TTL_MS + 60_000;
    const warnings: string[] = [];
    const before = server.requests;
    const rest = await drain(reading(server.url, warnings, first.checkpoint));

    // Assess: the offset was refused and the project read again; the two runs hold the whole read's records, once each by id.
    expect(warnings.some((warning) => warning.includes('refused a page offset'))).toBe(true);
    expect(server.requests - before).toBeGreaterThan(0);
    const firstTasks = first.batches.flatMap((batch) => batch.tasks ?? []);
    const firstEntries = first.batches.flatMap((batch) => batch.timeEntries ?? []);
    // The project's first pages come again, but their tasks were stored by the first run: the read leaves them out.
    const firstIds = new Set(firstTasks.map((task) => task.id));
    expect(rest.tasks.filter((task) => firstIds.has(task.id))).toEqual([]);
    const inProject = (tasks: readonly Task[]) => tasks.filter((task) => task.projectId === `asana:${stoppedIn.projects[0]}`).map((task) => task.id).sort();
    expect([...inProject(firstTasks), ...inProject(rest.tasks)].sort()).toEqual(inProject(whole.tasks));
    expect(inProject(rest.tasks).length).toBeGreaterThan(0);
    const tasks = [...firstTasks, ...rest.tasks];
    const entries = [...firstEntries, ...rest.timeEntries];
    expect(byId<Task>(tasks)).toEqual(byId(whole.tasks));
    expect(byId<TimeEntry>(entries)).toEqual(byId(whole.timeEntries));
    expect(tasks).toHaveLength(whole.tasks.length);
    expect(entries).toHaveLength(whole.timeEntries.length);
    expect(JSON.parse(rest.cursor!)).toEqual({ ...JSON.parse(whole.cursor!), fullAt: expect.any(Number) });
  });

  it('lists a project again when its offset expires between two pages of one run, losing and doubling nothing', async () => {
    server = await startAsanaServer(org, { now });
    const whole = await drain(reading(server.url, []));

    // Act: every offset handed out so far expires just after the first page with a next page is read.
    const warnings: string[] = [];
    const reader = reading(server.url, warnings);
    const batches: RecordBatch[] = [];
    let expired = false;
    for (let step = await reader.next(); !step.done; step = await reader.next()) {
      batches.push(step.value);
      if (!expired && step.value.checkpoint !== undefined && JSON.parse(step.value.checkpoint).offset !== undefined) {
        server.expireOffsets();
        expired = true;
      }
    }

    // Assess: the offset was refused once and the read went on to the same records, none twice.
    expect(expired).toBe(true);
    expect(warnings.filter((warning) => warning.includes('refused a page offset'))).toHaveLength(1);
    const tasks = batches.flatMap((batch) => batch.tasks ?? []);
    expect(tasks).toHaveLength(whole.tasks.length);
    expect(byId<Task>(tasks)).toEqual(byId(whole.tasks));
    expect(batches.flatMap((batch) => batch.timeEntries ?? [])).toHaveLength(whole.timeEntries.length);
  });

  it('answers an expired offset 400, as Asana does, once its time is up or on demand', async () => {
    server = await startAsanaServer(org, { now, offsetTtlMs: OFFSET_TTL_MS });
    const headers = { authorization: `Bearer ${demoCredentials.asana.token}` };
    const project = org.projects.find((candidate) => candidate.system === 'asana')!.sourceId;
    const firstPage = (await (await fetch(`${server.url}/tasks?project=${project}&limit=2`, { headers })).json()) as { next_page: { offset: string } };
    const next = `${server.url}/tasks?project=${project}&limit=2&offset=${firstPage.next_page.offset}`;
    expect((await fetch(next, { headers })).status).toBe(200);
    clock += OFFSET_TTL_MS + 1;
    const expired = await fetch(next, { headers });
    expect(expired.status).toBe(400);
    expect(JSON.stringify(await expired.json())).toContain('offset');

    const again = (await (await fetch(`${server.url}/tasks?project=${project}&limit=2`, { headers })).json()) as { next_page: { offset: string } };
    const fresh = `${server.url}/tasks?project=${project}&limit=2&offset=${again.next_page.offset}`;
    expect((await fetch(fresh, { headers })).status).toBe(200);
    server.expireOffsets();
    expect((await fetch(fresh, { headers })).status).toBe(400);
  });
});
