import type { DemoOrg, DemoPortfolio, DemoScale, DemoTheme } from './model.ts';
import { assignIds } from './assign-ids.ts';
import { createIdSource } from './ids.ts';
import { portfolioSeeds } from './names.ts';
import { makePeople } from './people.ts';
import { personaFor } from './personas.ts';
import { makeProjects } from './projects.ts';
import { createRandom } from './random.ts';
import { scaleSizes } from './scales.ts';
import { makeProjectWork } from './tasks.ts';
import { levelWorklogs } from './level.ts';
import { themeSeeds } from './themes.ts';
import { DAY_MS, HOUR_MS, startOfDay } from './time.ts';
import { applyOwnershipVariation } from './variations/project-ownership.ts';
import { markTeamManagedProject } from './variations/team-managed.ts';
import { withFormerUsers } from './variations/former-users.ts';
import { addPlanAndDoneVariations } from './variations/plan-and-done.ts';

export interface GenerateOptions {
  seed: number;
  scale: DemoScale;
  /** The last day of the demo year, `YYYY-MM-DD`. */
  asOf: string;
}

const COMPANY = { name: 'Northwind Labs', domain: 'northwind.example' };

/** A whole company over the twelve months that end on `asOf`; the same options give the same company. */
export function generateOrg(options: GenerateOptions): DemoOrg {
  const size = scaleSizes[options.scale];
  if (!size) throw new RangeError(`unknown scale "${String(options.scale)}"`);
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  const now = startOfDay(options.asOf) + 17 * HOUR_MS;
  const windowStart = startOfDay(options.asOf) - 364 * DAY_MS;
  const random = createRandom(options.seed);
  const ids = createIdSource(random.fork('ids'));
  const personaRandom = random.fork('personas');
  const personas = Array.from({ length: size.pms }, (_, i) => personaFor(i, personaRandom));
  const { admin, pms, members, workloads } = makePeople(random.fork('people'), ids, COMPANY.domain, personas, size.members);
  const portfolios: DemoPortfolio[] = portfolioSeeds.map((seed, index) => ({
    ...seed,
    jiraCategoryId: String(10000 + index),
    asanaGid: ids.asanaGid(),
  }));
  const themes: DemoTheme[] = themeSeeds.map((seed) => ({ ...seed, asanaOptionGid: ids.asanaGid() }));
  const drafts = makeProjects({ random: random.fork('projects'), size, pms, personas, members, portfolios, windowStart, now });
  const workRandom = random.fork('work');
  const works = drafts.map((draft) => makeProjectWork({ random: workRandom.fork(draft.project.id), themes, windowStart, now }, draft));
  const projects = drafts.map((draft) => draft.project);
  const tasks = works.flatMap((work) => work.tasks);
  const worklogs = works.flatMap((work) => work.worklogs);
  levelWorklogs({ random: random.fork('leveling'), projects, tasks, worklogs, workloads });
  for (const draft of drafts) draft.project.modifiedAt = Math.max(draft.project.createdAt, ...lastUpdates(tasks, draft.project.id));
  assignIds(ids, projects, tasks, worklogs);
  addPlanAndDoneVariations({ random: random.fork('replans'), ids, projects, tasks, pms, personas, now });
  markTeamManagedProject(projects, tasks);
  tasks.sort((a, b) => a.createdAt - b.createdAt || Number(a.sourceId) - Number(b.sourceId));
  const org: DemoOrg = withFormerUsers({
    seed: options.seed,
    scale: options.scale,
    asOf: options.asOf,
    now,
    company: { ...COMPANY, asanaWorkspaceGid: ids.asanaGid() },
    adminId: admin.id,
    people: [admin, ...pms, ...members],
    portfolios,
    themes,
    projects,
    tasks,
    worklogs,
  });
  applyOwnershipVariation(org);
  return org;
}

function lastUpdates(tasks: readonly { projectId: string; updatedAt: number }[], projectId: string): number[] {
  let latest = 0;
  for (const task of tasks) if (task.projectId === projectId && task.updatedAt > latest) latest = task.updatedAt;
  return [latest];
}
