import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { createDirReportStore, openReportStore, publishSnapshot, readLatest, readSnapshot, type ReportStore } from '../../functions/publish/index.ts';
import { redactorFor } from '../../functions/privacy/redaction-rules.ts';
import { sweepReports } from '../../functions/privacy/report-sweep.ts';
import { findSubject } from '../../functions/privacy/subject.ts';
import { overrides, people } from '../fixtures/kpi/small-org.ts';
import { AS_OF, sampleDocuments } from '../publish/sample-documents.ts';
import { BUCKET, CREDENTIALS, startS3 } from '../publish/s3-server.ts';

const config = parseConfig({ sources: [{ type: 'jira', name: 'jira', baseUrl: 'https://acme.atlassian.net', email: 'bot@acme.com', tokenEnv: 'T' }, { type: 'asana', name: 'asana', tokenEnv: 'A' }], people: overrides }, 'test.json');
const subject = findSubject(config, people, 'ann@corp.com')!;
const TOKEN = 'erased-0000aaaa';
const TRACES = ['Ann Lee', 'ann@corp.com', '"jira:ann"', '"asana:ann"'];

async function everything(store: ReportStore): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const key of await store.list('')) texts.set(key, JSON.stringify(await store.getJson(key)));
  return texts;
}

function sweepContract(open: () => Promise<ReportStore>) {
  it('rewrites every document naming the person, keeps each valid, and leaves the rest alone', async () => {
    const store = await open();
    let now = new Date('2026-03-31T20:00:00Z');
    for (let i = 0; i < 2; i++) {
      await publishSnapshot(store, sampleDocuments(), { now: () => now, asOf: AS_OF });
      now = new Date(now.getTime() + 60_000);
    }
    const before = await everything(store);
    const naming = [...before].filter(([, text]) => TRACES.some((trace) => text.toLowerCase().includes(trace.toLowerCase()))).map(([key]) => key);
    expect(naming.length).toBeGreaterThan(0);

    const sweep = await sweepReports(store, redactorFor(subject, TOKEN));

    expect(sweep.rewritten).toEqual(naming.sort());
    const after = await everything(store);
    for (const [key, text] of after) {
      for (const trace of TRACES) expect(text.toLowerCase(), key).not.toContain(trace.toLowerCase());
      if (!naming.includes(key)) expect(text, key).toBe(before.get(key));
    }
    expect([...after.keys()].filter((key) => key.startsWith('schemas/')).every((key) => after.get(key) === before.get(key))).toBe(true);
    const latest = (await readLatest(store))!;
    const managers = (await readSnapshot(store, latest))['managers.json'].managers;
    expect(managers.some((manager) => manager.id === `asana:${TOKEN}` && manager.name === 'Former user')).toBe(true);
    // A second run finds nothing left to do.
    expect((await sweepReports(store, redactorFor(subject, TOKEN))).rewritten).toEqual([]);
  });
}

describe('sweepReports on a directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmpulse-sweep-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  sweepContract(async () => createDirReportStore(dir));
});

describe('sweepReports on S3', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(async () => {
    await s3?.stop();
  });
  sweepContract(async () => openReportStore({ type: 's3', bucket: BUCKET, prefix: 'erasure', endpoint: s3.endpoint }, { credentials: CREDENTIALS }));
});
