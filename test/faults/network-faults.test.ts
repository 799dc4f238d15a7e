import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '../../functions/pipeline/index.ts';
import { openRuntime } from '../../functions/pipeline/runtime.ts';
import type { Logger } from '../../functions/runtime/logger.ts';
import { generateOrg } from '../../demo/generator/index.ts';
import { startWorld, trimOrg, type World } from './world.ts';
import { storeState, tally, withoutRunTimes, type StoreState } from './store-state.ts';

/** Log lines kept, so the test can also check that no token ever reaches a log. */
function capturingLog(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: unknown) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') } as unknown as Logger;
}

async function syncAndRead(world: World, name: string, lines: string[]): Promise<{ state: StoreState; ok: boolean }> {
  const config = world.config(name);
  const runtime = await openRuntime(config, { env: world.env, log: capturingLog(lines) });
  try {
    const summary = await runSync(config, { runtime, env: world.env });
    return { state: await storeState(runtime.store, ['jira', 'asana']), ok: summary.ok };
  } finally {
    await runtime.close();
  }
}

// The five Jira issues updated last: a re-sync re-reads them (the cursor's overlap window), as it
// would re-read an issue someone edited to fix it.
const org = trimOrg(generateOrg({ seed: 11, scale: 'small', asOf: '2026-03-31' }), 3);
const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
const malformedIds = new Set(
  org.tasks.filter((task) => jiraProjects.has(task.projectId)).sort((a, b) => b.updatedAt - a.updatedAt).slice(0, 5).map((task) => task.sourceId),
);

describe('sync under injected network faults and malformed records', () => {
  let faulty: World;
  let clean: World;
  const lines: string[] = [];
  beforeAll(async () => {
    const kinds = ['rate-limit', 'server-error', 'timeout', 'truncated'] as const;
    faulty = await startWorld({ seed: 42, projects: 3, faults: { rate: 0.1, kinds, malformedIds } });
    clean = await startWorld({ seed: 42, projects: 3 });
  });
  afterAll(async () => {
    await faulty?.close();
    await clean?.close();
  });

  // Two syncs through faults (timeouts among them); the Asana sync reads each dated task's stories too (due-date history).
  it('stores exactly what the source holds: nothing lost, nothing doubled, bad records quarantined', { timeout: 120_000 }, async () => {
    // Prepare
    const reference = await syncAndRead(clean, 'reference', []);
    // Act
    const first = await syncAndRead(faulty, 'store', lines);
    faulty.jira.heal();
    faulty.asana.heal();
    const fixed = await syncAndRead(faulty, 'store', lines);
    // Assess: faults really happened, at about the rate asked for.
    const injected = Object.values(faulty.jira.injected).reduce((a, b) => a + b, 0) + Object.values(faulty.asana.injected).reduce((a, b) => a + b, 0);
    console.log('faults injected', { jira: faulty.jira.injected, asana: faulty.asana.injected });
    expect(injected).toBeGreaterThan(10);
    expect(reference.ok && first.ok && fixed.ok).toBe(true);
    const { counts, duplicates } = tally(first.state);
    expect(duplicates).toEqual([]);
    expect(counts.task).toBe(reference.state.records.task!.length - malformedIds.size);
    expect(first.state.quarantine.map((entry) => entry.recordId).sort()).toEqual([...malformedIds].sort());
    for (const entry of first.state.quarantine) {
      expect(entry.reason).toMatch(/status/);
      expect((entry.raw as { id: string }).id).toBe(entry.recordId);
    }
    // After the source is fixed, a re-sync releases the quarantine and the store equals the source.
    expect(withoutRunTimes(fixed.state)).toEqual(withoutRunTimes(reference.state));
  });

  it('never writes a token to a log line', () => {
    const tokens = [faulty.env.FAULTS_JIRA_TOKEN!, faulty.env.FAULTS_ASANA_TOKEN!];
    expect(lines.length).toBeGreaterThan(0);
    for (const token of tokens) expect(lines.filter((line) => line.includes(token))).toEqual([]);
  });
});
