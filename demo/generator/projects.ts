import type { AsanaSection, DemoPerson, DemoPortfolio, DemoProject } from './model.ts';
import type { Persona } from './personas.ts';
import type { Random } from './random.ts';
import type { ScaleSize } from './scales.ts';
import { ASANA_SHARE } from './scales.ts';
import { componentNames, projectAreas, projectKinds } from './names.ts';
import { portfolioThemes } from './themes.ts';
import { DAY_MS, floorToDay } from './time.ts';

/** A project before the ids of its system are assigned, with how much work it holds. */
export interface ProjectDraft {
  project: DemoProject;
  persona: Persona;
  taskCount: number;
  /** Tasks are created inside [activeFrom, activeTo]. */
  activeFrom: number;
  activeTo: number;
}

export interface ProjectContext {
  random: Random;
  size: ScaleSize;
  pms: readonly DemoPerson[];
  personas: readonly Persona[];
  members: readonly DemoPerson[];
  portfolios: readonly DemoPortfolio[];
  windowStart: number;
  now: number;
}

export function makeProjects(context: ProjectContext): ProjectDraft[] {
  const { random, size } = context;
  const owners = assignOwners(context);
  const asanaIndexes = new Set(random.shuffle(owners.map((_, i) => i)).slice(0, Math.round(owners.length * ASANA_SHARE)));
  const usedNames = new Set<string>();
  const usedKeys = new Set<string>();
  const projectsOfPm = new Map<number, number>();
  const rankInPm = owners.map((pmIndex) => {
    const rank = projectsOfPm.get(pmIndex) ?? 0;
    projectsOfPm.set(pmIndex, rank + 1);
    return rank;
  });
  return owners.map((pmIndex, index) => {
    const pm = context.pms[pmIndex] as DemoPerson;
    const persona = context.personas[pmIndex] as Persona;
    const portfolio = random.chance(0.8) ? (context.portfolios[pmIndex % context.portfolios.length] as DemoPortfolio) : random.pick(context.portfolios);
    const name = uniqueName(random, portfolio.id, usedNames);
    // Projects start before and during the year so that about as many run in every month: the
    // company is as busy in the first weeks of the year as in the last.
    // Each PM's projects take turns over the timeline; with up to four projects, the last starts
    // late enough to run into the last quarter, so every PM has recent work. The small-sample
    // PM's one project starts in the year.
    const count = projectsOfPm.get(pmIndex)!;
    const rank = rankInPm[index]!;
    const slot = (rank + random.next()) / count;
    const { activeFrom, plannedEnd } = drawRunningTime(random, context.windowStart, context.now, count === 1 ? 0.6 + 0.3 * slot : slot);
    const activeTo = Math.min(plannedEnd, context.now - DAY_MS);
    // Work in proportion to how long the project runs, so a week of any project asks about as much.
    const weight = random.between(0.8, 1.2) * ((activeTo - activeFrom) / (270 * DAY_MS));
    const project: DemoProject = {
      id: `project-${index + 1}`,
      system: asanaIndexes.has(index) ? 'asana' : 'jira',
      sourceId: '',
      key: uniqueKey(name, usedKeys),
      name,
      pmId: pm.id,
      portfolioId: portfolio.id,
      themeId: random.chance(0.1) ? null : random.pick(portfolioThemes[portfolio.id] ?? []),
      memberIds: random.shuffle(context.members).slice(0, random.int(...size.teamSize)).map((member) => member.id),
      components: random.shuffle(componentNames).slice(0, random.int(2, 4)),
      createdAt: activeFrom - random.int(1, 20) * DAY_MS + 10 * 3_600_000,
      modifiedAt: activeFrom,
      sectionGids: { 'To do': '', 'In progress': '', Done: '', Blocked: '' } satisfies Record<AsanaSection, string>,
    };
    const taskCount = Math.max(12, Math.round(size.tasksPerProject * persona.volume * weight));
    return { project, persona, taskCount, activeFrom, activeTo };
  });
}

/**
 * When a project's work is created: a start anywhere from 14 months before the window to just
 * before its end, and a length of 5 to 14 months. Starts are spread evenly over that span (a PM's
 * n-th project of k starts in the n-th k-th of it, `slot` in [0, 1)), which is longer than any
 * project, so about as many projects run in every week of the window. Some projects end before
 * the window: they are the company's past work, outside every report.
 */
function drawRunningTime(random: Random, windowStart: number, now: number, slot: number): { activeFrom: number; plannedEnd: number } {
  const span = now - windowStart;
  const activeFrom = floorToDay(windowStart + (-1.15 + 2.07 * slot) * span);
  return { activeFrom, plannedEnd: activeFrom + random.int(150, 420) * DAY_MS };
}

/** PM index per project: the small-sample PM runs one project; the others share the rest evenly. */
function assignOwners(context: ProjectContext): number[] {
  const smallSample = context.personas.findIndex((persona) => persona.id === 'small-sample');
  const regular = context.personas.map((_, i) => i).filter((i) => i !== smallSample);
  const owners: number[] = smallSample >= 0 ? [smallSample] : [];
  for (let i = 0; owners.length < context.size.projects; i++) owners.push(regular[i % regular.length] as number);
  return context.random.shuffle(owners);
}

function uniqueName(random: Random, portfolioId: string, used: Set<string>): string {
  const areas = projectAreas[portfolioId] ?? [];
  for (let attempt = 0; attempt < 500; attempt++) {
    const name = `${random.pick(areas)} ${random.pick(projectKinds)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  throw new RangeError(`ran out of project names for portfolio ${portfolioId}`);
}

/** Jira-style key from the name's initials, e.g. "Checkout Revamp" → "CHR", with a digit when taken. */
function uniqueKey(name: string, used: Set<string>): string {
  const words = name.toUpperCase().replace(/[^A-Z ]/g, '').split(' ').filter(Boolean);
  const stem = ((words[0] ?? 'P').slice(0, 2) + words.slice(1).map((word) => word[0]).join('')).slice(0, 5);
  let key = stem;
  for (let n = 2; used.has(key); n++) key = `${stem}${n}`;
  used.add(key);
  return key;
}
