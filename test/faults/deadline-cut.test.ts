import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOrg } from '../../demo/generator/index.ts';
import { startCountingWorld, type CountingWorld } from './counting-world.ts';
import { afterCheckpoints, stateOf, syncOnce, syncUntilComplete, withStore } from './cut-sync.ts';
import { tally } from './store-state.ts';

/**
 * A first sync that cannot finish in one run (a Lambda's 15 minutes against a large site) stops
 * at its deadline and goes on in the next run. The deadline here comes after every stored
 * checkpoint (a page or so of API calls), so the cuts land in the same places on any machine.
 */
const CHECKPOINTS_PER_RUN = 1;
const PROJECTS_PER_SYSTEM = 2;
/**
 * The clock the syncs and the servers read. In the test of changes it moves on 10 minutes before
 * each run, as the runs of a Lambda looped by a state machine may be spread out: more than the
 * overlap an incremental read re-reads (5 minutes), so a read that forgot when it began, and took
 * the start of its last run instead, would miss what changed.
 */
let clock = Date.now();
const now = () => new Date(clock);
const RUN_GAP_MS = 10 * 60_000;

/**
 * What people do while a long first sync runs, to records the sync has already stored: log time
 * on an old Jira issue (its `updated` does not move, so only the worklog feed shows it) and rename
 * an issue; rename an Asana task.
 */
function editJira(org: DemoOrg, at: number) {
  const edited = structuredClone(org);
  const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
  const [oldIssue, renamedIssue] = edited.tasks.filter((task) => jiraProjects.has(task.projectId)).sort((a, b) => a.updatedAt - b.updatedAt);
  renamedIssue!.title = 'Renamed while the first sync ran';
  renamedIssue!.updatedAt = at;
  const worklog = { id: '990001', taskId: oldIssue!.id, personId: oldIssue!.reporterId, day: '2026-03-30', startedAt: at - 3_600_000, hours: 2, updatedAt: at };
  edited.worklogs.push(worklog);
  return { edited, oldIssue: oldIssue!, renamedIssue: renamedIssue!, worklog };
}

function editAsana(org: DemoOrg, at: number) {
  const edited = structuredClone(org);
  const asanaProject = org.projects.find((project) => project.system === 'asana')!;
  const renamedTask = edited.tasks.filter((task) => task.projectId === asanaProject.id).sort((a, b) => a.updatedAt - b.updatedAt)[0]!;
  renamedTask.title = 'Asana task renamed while the first sync ran';
  renamedTask.updatedAt = at;
  return { edited, renamedTask };
}

describe('a first sync cut by deadlines', () => {
  let world: CountingWorld;
  beforeAll(async () => {
    world = await startCountingWorld({ scale: 'small', projects: PROJECTS_PER_SYSTEM, now });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('converges to the uninterrupted result, nothing lost or doubled, within 1.1x its API calls', { timeout: 300_000 }, async () => {
    // Prepare: one uninterrupted sync, counted.
    const before = world.requests();
    const expected = await withStore(world, 'whole', async (runtime) => {
      const summary = await syncOnce(world, runtime);
      expect(summary.complete).toBe(true);
      return stateOf(runtime);
    });
    const wholeRequests = world.requests() - before;

    // Act: the same first sync, stopped at every checkpoint and run again until complete.
    const { cut, state } = await withStore(world, 'cut', async (runtime) => ({
      cut: await syncUntilComplete(world, runtime, () => afterCheckpoints(CHECKPOINTS_PER_RUN)),
      state: await stateOf(runtime),
    }));

    // Assess: the store is the uninterrupted one, record for record; the demo org agrees on the counts.
    console.log(`uninterrupted: ${wholeRequests} API calls; cut every ${CHECKPOINTS_PER_RUN} checkpoints: ${cut.runs} runs, ${cut.requests} API calls (${(cut.requests / wholeRequests).toFixed(3)}x)`);
    expect(cut.runs).toBeGreaterThan(5);
    expect(state).toEqual(expected);
    const { counts, duplicates } = tally(state);
    expect(duplicates).toEqual([]);
    expect(counts.task).toBe(world.org.tasks.length);
    expect(counts.timeEntry).toBe(world.org.worklogs.length);
    expect(cut.requests).toBeLessThanOrEqual(1.1 * wholeRequests);
  });

  it('misses no change made while the resumed first sync ran: the next incremental sync, itself cut, reads it', { timeout: 300_000 }, async () => {
    const original = world.org;
    let served = original;
    let jira: ReturnType<typeof editJira> | undefined;
    let asana: ReturnType<typeof editAsana> | undefined;
    const runsAfter = { jira: 0, asana: 0 };
    let incrementalRuns = 0;
    try {
      // Act: a cut first sync; while each source is part-read, it changes (just after the run before
      // began, so the end of its read is well past the change); then one incremental sync.
      const state = await withStore(
        world,
        'midway',
        async (runtime) => {
          const partRead = async (source: string) => (await runtime.store.getCheckpoint(source)) !== undefined;
          await syncUntilComplete(world, runtime, () => afterCheckpoints(CHECKPOINTS_PER_RUN), async () => {
            const changedAt = clock + 60_000;
            clock += RUN_GAP_MS;
            if (jira) runsAfter.jira += 1;
            if (asana) runsAfter.asana += 1;
            if (!jira && (await partRead('jira'))) {
              jira = editJira(served, changedAt);
              served = jira.edited;
            } else if (!asana && (await partRead('asana'))) {
              asana = editAsana(served, changedAt);
              served = asana.edited;
            } else return;
            await world.serve(served);
          });
          // The incremental reads are cut too, after every checkpoint (Jira: its issue page, each
          // worklog feed page), one source at a time as a state machine loops each source's sync.
          for (const source of ['jira', 'asana']) {
            const incremental = await syncUntilComplete(world, runtime, () => ((clock += RUN_GAP_MS), afterCheckpoints(1)), undefined, [source]);
            incrementalRuns += incremental.runs;
          }
          return stateOf(runtime);
        },
        now,
      );
      // Prepare the reference: one uninterrupted sync of the changed sources.
      const expected = await withStore(world, 'changed-whole', async (runtime) => {
        await syncOnce(world, runtime);
        return stateOf(runtime);
      }, now);

      // Assess: each change came while its source was part-read, and is in the store by name; the
      // store equals a fresh sync of the changed sources.
      if (!jira || !asana) throw new Error(`a source was never seen part-read (jira: ${Boolean(jira)}, asana: ${Boolean(asana)})`);
      expect(runsAfter.jira).toBeGreaterThanOrEqual(1);
      expect(runsAfter.asana).toBeGreaterThanOrEqual(1);
      expect(incrementalRuns).toBeGreaterThan(2);
      const { renamedIssue, worklog, oldIssue } = jira;
      const { renamedTask } = asana;
      const tasks = state.records.task as { sourceId: string; title: string }[];
      expect(tasks.find((task) => task.sourceId === renamedIssue.sourceId)?.title).toBe(renamedIssue.title);
      expect(tasks.find((task) => task.sourceId === renamedTask.sourceId)?.title).toBe(renamedTask.title);
      expect(state.records.timeEntry).toContainEqual(expect.objectContaining({ sourceId: worklog.id, taskId: `jira:${oldIssue.sourceId}`, hours: 2 }));
      expect(state).toEqual(expected);
      expect(tally(state).duplicates).toEqual([]);
    } finally {
      await world.serve(original);
    }
  });
});
