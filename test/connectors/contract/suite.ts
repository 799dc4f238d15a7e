import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QuarantineEntrySchema, recordSchemas, type RecordKind } from '../../../functions/domain/index.ts';
import { latestPeople, type Drained } from '../helpers/drain.ts';

/**
 * The contract every connector runs: stored raw pages (test/fixtures/<source>/) in, the expected
 * domain records (test/fixtures/<source>/contract-expected.json) out, through the connector's own
 * paging against a local server; then its behaviour on a 429 and when resuming from its cursor.
 * On a mismatch the actual records are written beside the expected file as
 * `contract-expected.changed.json` for review; the expected file is never rewritten by a test.
 */

export interface ContractRun {
  result: Drained;
  /** Waits the connector asked for (a recording sleep). */
  delays: number[];
}

export interface ContractSpec {
  source: 'jira' | 'asana' | 'csv' | 'azure-devops' | 'linear';
  /** False for a source that gives no time entries (Linear: hours come from a timesheet source). */
  timeEntries?: false;
  /** One sync; `rateLimited` makes the local server answer 429 with `Retry-After` once. */
  sync(options: { cursor?: string; rateLimited?: boolean }): Promise<ContractRun>;
  /** The wait the 429 asks for, in ms; absent for sources without HTTP. */
  retryAfterMs?: number;
  /** Source-specific checks of a sync resumed from the first sync's cursor. */
  resumed?(first: Drained, second: Drained): void;
}

export function describeConnectorContract(spec: ContractSpec): void {
  describe(`${spec.source} connector contract`, () => {
    it('turns the stored raw pages into the expected domain records', async () => {
      const { result } = await spec.sync({});
      expectGolden(spec.source, summarise(result));
    });

    it('yields only records that pass the domain schemas, with `<source>:<sourceId>` ids', async () => {
      const { result } = await spec.sync({});
      for (const [kind, records] of recordLists(result)) {
        for (const record of records) {
          expect(recordSchemas[kind].safeParse(record).success, `${kind} ${JSON.stringify(record)}`).toBe(true);
          const { id, source, sourceId } = record as { id: string; source: string; sourceId: string };
          expect(id).toBe(`${source}:${sourceId}`);
        }
      }
    });

    it('quarantines bad records with source, id, reason and raw payload, and maps the rest', async () => {
      const { result } = await spec.sync({});
      expect(result.quarantined.length).toBeGreaterThan(0);
      for (const entry of result.quarantined) {
        expect(QuarantineEntrySchema.parse(entry)).toMatchObject({ source: expect.any(String), recordId: expect.any(String), reason: expect.any(String) });
        expect(entry.raw).toBeDefined();
      }
      if (spec.timeEntries !== false) expect(result.timeEntries.length).toBeGreaterThan(0);
      else expect(result.tasks.length).toBeGreaterThan(0);
    });

    it('reads the source page by page and hands records on in several batches', async () => {
      const { result } = await spec.sync({});
      expect(result.batches).toBeGreaterThan(1);
    });

    if (spec.retryAfterMs !== undefined) {
      it('waits as long as a 429 asks, then returns the same records', async () => {
        const calm = await spec.sync({});
        const limited = await spec.sync({ rateLimited: true });
        expect(limited.delays).toContain(spec.retryAfterMs);
        expect(summarise(limited.result)).toEqual(summarise(calm.result));
      });
    }

    it('resumes from its cursor', async () => {
      const first = await spec.sync({});
      expect(first.result.cursor).toBeDefined();
      const second = await spec.sync({ cursor: first.result.cursor! });
      expect(second.result.cursor).toBeDefined();
      spec.resumed?.(first.result, second.result);
    });
  });
}

function recordLists(result: Drained): [RecordKind, readonly unknown[]][] {
  return [
    ['person', result.people],
    ['project', result.projects],
    ['task', result.tasks],
    ['timeEntry', result.timeEntries],
    ['statusChange', result.statusChanges],
  ];
}

/** What a sync leaves in the store, order-independent: people last-sighting-wins, lists by id. */
export function summarise(result: Drained) {
  const byId = <T extends { id: string }>(records: readonly T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
  return {
    people: byId([...latestPeople(result.people).values()]),
    projects: byId(result.projects),
    tasks: byId(result.tasks),
    timeEntries: byId(result.timeEntries),
    statusChanges: byId(result.statusChanges),
    quarantined: result.quarantined.map(({ kind, recordId, reason }) => ({ kind, recordId, reason })),
    deletions: result.deletions,
  };
}

function expectGolden(source: string, actual: unknown): void {
  const expectedUrl = new URL(`../../fixtures/${source}/contract-expected.json`, import.meta.url);
  const changedUrl = new URL(`../../fixtures/${source}/contract-expected.changed.json`, import.meta.url);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  const expected = existsSync(expectedUrl) ? readFileSync(expectedUrl, 'utf8') : undefined;
  if (expected !== text) writeFileSync(changedUrl, text);
  expect(expected === undefined ? undefined : JSON.parse(expected), `see ${changedUrl.pathname}`).toEqual(actual);
}
