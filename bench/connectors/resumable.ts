import type { DemoOrg } from '../../demo/generator/index.ts';
import { startCountingWorld, type CountingWorld } from '../../test/faults/counting-world.ts';
import { afterCheckpoints, stateOf, syncOnce, syncUntilComplete, withStore } from '../../test/faults/cut-sync.ts';
import { isDeepStrictEqual } from 'node:util';
import { jiraListingCheckpointSizes } from './checkpoint-size.ts';

/**
 * Resumable sync in API calls: a read stopped after every stored checkpoint (the harshest
 * deadline: a page or so per run) and run again until complete, against the same read
 * uninterrupted, on the small demo org trimmed to 2 projects per system behind a request-counting
 * relay (test/faults/counting-world.ts). Two reads: a first sync of both sources, and the daily
 * Jira id listing that finds deleted issues, served 4 ids a page so it takes as many pages as a
 * large site's. Request counts do not depend on the machine: one run of each suffices.
 */

export interface CutFigure {
  wholeCalls: number;
  cutCalls: number;
  runs: number;
  /** The cut read left the store as the uninterrupted one did, record for record. */
  sameStore: boolean;
}

const PROJECTS = 2;
const ID_PAGE = 4;
const DAY_MS = 24 * 60 * 60_000;

async function compare(world: CountingWorld, names: [string, string], sources?: string[], now?: () => Date): Promise<CutFigure> {
  const before = world.requests();
  const expected = await withStore(world, names[0], async (runtime) => (await syncOnce(world, runtime, undefined, sources), stateOf(runtime)), now);
  const wholeCalls = world.requests() - before;
  const { cut, state } = await withStore(world, names[1], async (runtime) => ({
    cut: await syncUntilComplete(world, runtime, () => afterCheckpoints(1), undefined, sources),
    state: await stateOf(runtime),
  }), now);
  return { wholeCalls, cutCalls: cut.requests, runs: cut.runs, sameStore: isDeepStrictEqual(state, expected) };
}

async function firstSync(): Promise<CutFigure> {
  const world = await startCountingWorld({ scale: 'small', projects: PROJECTS });
  try {
    return await compare(world, ['first-whole', 'first-cut']);
  } finally {
    await world.close();
  }
}

async function idListing(): Promise<CutFigure & { pages: number }> {
  let clock = Date.now();
  const now = () => new Date(clock);
  const world = await startCountingWorld({ scale: 'small', projects: PROJECTS, now, maxIdPage: ID_PAGE });
  try {
    const jira = ['jira'];
    for (const name of ['ids-whole', 'ids-cut']) await withStore(world, name, async (runtime) => void (await syncOnce(world, runtime, undefined, jira)), now);
    // Three issues go and a day passes: the next sync lists every id.
    const jiraProjects = new Set(world.org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
    const issues = world.org.tasks.filter((task) => jiraProjects.has(task.projectId));
    const gone = new Set([issues[0]!.id, issues[Math.floor(issues.length / 2)]!.id, issues.at(-1)!.id]);
    const edited: DemoOrg = { ...world.org, tasks: world.org.tasks.filter((task) => !gone.has(task.id)), worklogs: world.org.worklogs.filter((w) => !gone.has(w.taskId)) };
    await world.serve(edited);
    clock += DAY_MS + 60_000;
    return { ...(await compare(world, ['ids-whole', 'ids-cut'], jira, now)), pages: Math.ceil((issues.length - gone.size) / ID_PAGE) };
  } finally {
    await world.close();
  }
}

export async function benchResumableSync() {
  return { firstSync: await firstSync(), idListing: await idListing(), checkpointSizes: jiraListingCheckpointSizes() };
}
