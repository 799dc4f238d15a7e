import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOrg } from '../../demo/generator/index.ts';
import type { StoreRuntime } from '../../functions/pipeline/index.ts';
import { startCountingWorld, type CountingWorld } from './counting-world.ts';
import { afterCheckpoints, stateOf, syncOnce, syncUntilComplete, withStore } from './cut-sync.ts';
import { tally } from './store-state.ts';

/**
 * The listing of every issue id that finds deleted Jira issues (due once a day) may outlast a run
 * on a large site. Here Jira serves ids 4 to a page, so the listing of the trimmed org takes tens
 * of pages, and a deadline comes after every stored checkpoint: the listing goes on run after run
 * and applies the same deletions as one uninterrupted listing.
 */
const ID_PAGE = 4;
const DAY_MS = 24 * 60 * 60_000;
const jiraOnly = ['jira'];

let clock = Date.now();
const now = () => new Date(clock);
/** What the demo Jira serves now: the tests run in order, each on the store the one before left. */
let served: DemoOrg;

function jiraTasks(org: DemoOrg) {
  const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
  return org.tasks.filter((task) => jiraProjects.has(task.projectId));
}

/** The org without `gone` (issues and their worklogs), as after someone deleted those issues. */
function withoutIssues(org: DemoOrg, gone: ReadonlySet<string>): DemoOrg {
  return { ...org, tasks: org.tasks.filter((task) => !gone.has(task.id)), worklogs: org.worklogs.filter((worklog) => !gone.has(worklog.taskId)) };
}

async function reconcileStep(runtime: StoreRuntime): Promise<boolean> {
  const kept = await runtime.store.getCheckpoint('jira');
  return kept !== undefined && (JSON.parse(kept.checkpoint) as { step?: string }).step === 'reconcile';
}

describe('a Jira id listing cut by deadlines', () => {
  let world: CountingWorld;
  beforeAll(async () => {
    world = await startCountingWorld({ scale: 'small', projects: 2, now, maxIdPage: ID_PAGE });
    served = world.org;
  });
  afterAll(async () => {
    await world?.close();
  });

  it('goes on run after run and deletes exactly what an uninterrupted listing deletes, within 1.1x its API calls', { timeout: 300_000 }, async () => {
    // Prepare: two stores synced whole; then three issues are deleted and a day passes, so the next sync lists every id.
    const original = served;
    for (const name of ['whole', 'cut']) await withStore(world, name, async (runtime) => void (await syncOnce(world, runtime, undefined, jiraOnly)), now);
    const issues = jiraTasks(original);
    const gone = new Set([issues[0]!.id, issues[Math.floor(issues.length / 2)]!.id, issues.at(-1)!.id]);
    const edited = withoutIssues(original, gone);
    await world.serve(edited);
    served = edited;
    clock += DAY_MS + 60_000;

    const before = world.requests();
    const expected = await withStore(world, 'whole', async (runtime) => {
      expect((await syncOnce(world, runtime, undefined, jiraOnly)).complete).toBe(true);
      return stateOf(runtime);
    }, now);
    const wholeRequests = world.requests() - before;

    // Act: the same sync, stopped after every stored checkpoint, run again until complete.
    let listingRuns = 0;
    const { cut, state } = await withStore(world, 'cut', async (runtime) => ({
      cut: await syncUntilComplete(world, runtime, () => afterCheckpoints(1), async () => void (listingRuns += (await reconcileStep(runtime)) ? 1 : 0), jiraOnly),
      state: await stateOf(runtime),
    }), now);

    // Assess: the listing stopped mid-way run after run; both stores lost exactly the deleted issues and equal each other.
    const listingPages = Math.ceil((issues.length - gone.size) / ID_PAGE);
    console.log(`id listing of ${issues.length - gone.size} issues in ${listingPages} pages; uninterrupted: ${wholeRequests} API calls; cut at every checkpoint: ${cut.runs} runs (${listingRuns} inside the listing), ${cut.requests} API calls (${(cut.requests / wholeRequests).toFixed(3)}x)`);
    expect(listingRuns).toBeGreaterThanOrEqual(listingPages - 2);
    const storedIds = (records: unknown[]) => new Set(records.map((task) => (task as { sourceId: string }).sourceId));
    const goneIds = issues.filter((task) => gone.has(task.id)).map((task) => task.sourceId);
    for (const stored of [storedIds(expected.records.task!), storedIds(state.records.task!)]) {
      for (const id of goneIds) expect(stored.has(id)).toBe(false);
      expect(stored.size).toBe(issues.length - gone.size);
    }
    expect(state).toEqual(expected);
    expect(tally(state).duplicates).toEqual([]);
    expect(cut.requests).toBeLessThanOrEqual(1.1 * wholeRequests);
  });

  it('deletes no issue a page skipped because an issue went while the listing spanned runs; the next listing deletes that one', { timeout: 300_000 }, async () => {
    const issues = jiraTasks(served);
    // The first issue the listing (oldest first) shows: deleting it once listed moves every later issue one place up.
    const oldest = [...issues].sort((a, b) => a.createdAt - b.createdAt || Number(a.sourceId) - Number(b.sourceId))[0]!;
    const edited = withoutIssues(served, new Set([oldest.id]));
    clock += DAY_MS + 60_000;
    const state = await withStore(world, 'cut', async (runtime) => {
      let listingRuns = 0;
      await syncUntilComplete(world, runtime, () => afterCheckpoints(1), async () => {
        if ((await reconcileStep(runtime)) && ++listingRuns === 3) {
          await world.serve(edited);
          served = edited;
        }
      }, jiraOnly);
      expect(listingRuns).toBeGreaterThan(3);
      const afterCut = await stateOf(runtime);
      // A day on, an uninterrupted listing sees the issue gone.
      clock += DAY_MS + 60_000;
      await syncOnce(world, runtime, undefined, jiraOnly);
      return { afterCut, afterNext: await stateOf(runtime) };
    }, now);

    const ids = (records: unknown[]) => (records as { sourceId: string }[]).map((task) => task.sourceId).sort();
    const servedIds = issues.map((task) => task.sourceId).sort();
    // The listing had shown the deleted issue before it went, so it stays until the next listing; nothing else is lost.
    expect(ids(state.afterCut.records.task!)).toEqual(servedIds);
    expect(ids(state.afterNext.records.task!)).toEqual(servedIds.filter((id) => id !== oldest.sourceId));
  });

  it('starts the listing over when Jira refuses its saved page token, and still deletes exactly what an uninterrupted listing deletes', { timeout: 300_000 }, async () => {
    // Prepare: two more issues go; a day passes; the uninterrupted reference lists once.
    const issues = jiraTasks(served);
    const gone = new Set([issues[1]!.id, issues.at(-2)!.id]);
    served = withoutIssues(served, gone);
    await world.serve(served);
    clock += DAY_MS + 60_000;
    const expected = await withStore(world, 'whole', async (runtime) => (await syncOnce(world, runtime, undefined, jiraOnly), stateOf(runtime)), now);

    // Act: the listing is cut at every page; once it is well under way every token Jira handed out expires.
    let listingRuns = 0;
    const state = await withStore(world, 'cut', async (runtime) => {
      await syncUntilComplete(world, runtime, () => afterCheckpoints(1), async () => {
        if ((await reconcileStep(runtime)) && ++listingRuns === 10) world.expirePageTokens();
      }, jiraOnly);
      return stateOf(runtime);
    }, now);

    // Assess: the listing went on past the refusal (it listed again from the start), and the store is the uninterrupted one.
    expect(listingRuns).toBeGreaterThan(Math.ceil((issues.length - gone.size) / ID_PAGE) + 5);
    const stored = new Set((state.records.task as { sourceId: string }[]).map((task) => task.sourceId));
    for (const task of issues) expect(stored.has(task.sourceId)).toBe(!gone.has(task.id));
    expect(state).toEqual(expected);
  });
});
