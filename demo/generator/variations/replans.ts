import type { DemoProject, DemoReplan, DemoTask, PersonaId } from '../model.ts';
import type { IdSource } from '../ids.ts';
import type { Random } from '../random.ts';
import { DAY_MS, HOUR_MS, dayOf, floorToDay, startOfDay } from '../time.ts';

/**
 * Re-planned work: some tasks were promised earlier than their due date says today. The date
 * (and, often, the original estimate with it) was moved shortly before the first promise would
 * have been missed, so slip against today's date looks better than slip against the baseline.
 * A few tasks got their first due date only after creation (not a re-plan), and some were moved
 * twice. The generated due date stays the current one, so no figure against it changes.
 */

/** Share of a PM's dated tasks that were re-planned: the late and the under-estimating PMs move dates rather than admit slip. */
const REPLAN_SHARE: Record<PersonaId, number> = {
  steady: 0.04,
  'late-but-cheap': 0.3,
  'fast-over-budget': 0.05,
  'theme-drifter': 0.15,
  'small-sample': 0.1,
  'under-estimator': 0.45,
  typical: 0.1,
};

export interface ReplanContext {
  random: Random;
  ids: IdSource;
  projects: readonly DemoProject[];
  tasks: DemoTask[];
  personaOf: ReadonlyMap<string, PersonaId>;
  now: number;
}

export function addReplans(context: ReplanContext): void {
  const { random, now } = context;
  const projects = new Map(context.projects.map((project) => [project.id, project]));
  // Story gids of their own range: drawing from the shared id source would move every gid issued after.
  let storyGid = 1_209_000_000_000_000;
  for (const task of context.tasks) {
    if (task.dueOn === null) continue;
    const project = projects.get(task.projectId) as DemoProject;
    const share = REPLAN_SHARE[context.personaOf.get(project.pmId) ?? 'typical'];
    const replans: DemoReplan[] = [];
    const edit = (at: number, change: Omit<DemoReplan, 'id' | 'gid' | 'at' | 'authorId'>): void => {
      replans.push({ id: context.ids.jiraHistoryId(), gid: String((storyGid += 7)), at, authorId: project.pmId, ...change });
    };
    // Dated a little after creation instead of at it: the first value set is the baseline, not a re-plan.
    const datedLater = random.chance(0.08);
    if (random.chance(share)) {
      const current = startOfDay(task.dueOn);
      const drawnTwice = random.chance(0.25);
      const baseline = Math.max(current - random.int(3, 20) * DAY_MS, floorToDay(task.createdAt) + DAY_MS);
      if (baseline >= current) continue;
      const twice = drawnTwice && current - baseline >= 2 * DAY_MS;
      const middle = twice ? baseline + Math.round((current - baseline) / DAY_MS / 2) * DAY_MS : current;
      // Moved in the days before the promise would have been missed, never after the work was done.
      const latest = Math.min(task.doneAt ?? now, now, baseline + 12 * HOUR_MS);
      const first = Math.max(task.createdAt + HOUR_MS, latest - random.int(1, 5) * DAY_MS);
      if (first >= latest) continue;
      if (datedLater) edit(task.createdAt + HOUR_MS / 2, { due: { from: null, to: dayOf(baseline) } });
      const estimate = task.estimateHours !== null && random.chance(0.5) ? raisedFrom(random, task.estimateHours) : undefined;
      edit(first, { due: { from: dayOf(baseline), to: dayOf(middle) }, ...(estimate ? { estimate } : {}) });
      if (twice) edit(Math.round((first + latest) / 2), { due: { from: dayOf(middle), to: task.dueOn } });
    } else if (datedLater) {
      edit(task.createdAt + random.int(1, 48) * HOUR_MS, { due: { from: null, to: task.dueOn } });
    }
    if (replans.length === 0) continue;
    task.replans = replans.filter((replan) => replan.at <= now);
    task.updatedAt = Math.max(task.updatedAt, ...task.replans.map((replan) => replan.at));
    project.modifiedAt = Math.max(project.modifiedAt, task.updatedAt);
  }
}

/** The estimate first given: 60–85 % of today's, on a quarter hour. */
function raisedFrom(random: Random, hours: number): { from: number; to: number } | undefined {
  const from = Math.round(hours * random.between(0.6, 0.85) * 4) / 4;
  return from > 0 && from < hours ? { from, to: hours } : undefined;
}
