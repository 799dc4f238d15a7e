import type { PersonOverride, Theme } from '../config/schema.ts';
import type { Person, Project, Task, TimeEntry } from '../domain/records.ts';
import { SCHEMA_VERSION, type AlignmentDoc, type ManagersDoc, type ProjectsDoc } from '../publish/documents.ts';
import { AlignmentTally, NO_PORTFOLIO } from './alignment.ts';
import { DEFAULT_WINDOW_DAYS } from './definitions.ts';
import { KpiInputError } from './errors.ts';
import { createIdentityResolver, type Identity, type IdentityResolver } from './identity.ts';
import { emptyTally, tallyEntry, tallyTask, type ProjectTally } from './project-tally.ts';
import { buildManagersDoc, buildProjectsDoc } from './reports.ts';
import { createThemeMatcher, type ThemeMatcher } from './themes.ts';
import { inWindow, windowEndingOn, type Window } from './window.ts';

export interface KpiEngineInput {
  /** Last day of the reporting window, YYYY-MM-DD. */
  asOf: string;
  /** Length of the window in calendar days, ending on asOf inclusive. */
  windowDays?: number;
  projects: readonly Project[];
  people: readonly Person[];
  themes: readonly Theme[];
  overrides: readonly PersonOverride[];
}

export interface KpiResults {
  managers: ManagersDoc;
  projects: ProjectsDoc;
  alignment: AlignmentDoc;
  /** Identities seen as PMs or in time entries that no person override vouches for, by id. */
  unmatchedIdentities: { id: string; name: string }[];
}

/**
 * Records stream in page by page. All tasks must be added before the first time entry, because an
 * entry's theme is that of its task; adding tasks afterwards throws a KpiInputError.
 */
export interface KpiEngine {
  addTasks(tasks: readonly Task[]): void;
  addTimeEntries(entries: readonly TimeEntry[]): void;
  finish(): KpiResults;
}

export function createKpiEngine(input: KpiEngineInput): KpiEngine {
  return new StreamingKpiEngine(input);
}

interface TaskPlace {
  projectId: string;
  theme: number;
}

/** Memory: one tally per project, one bucket per portfolio, and the task → place map. */
class StreamingKpiEngine implements KpiEngine {
  readonly #input: KpiEngineInput;
  readonly #window: Window;
  readonly #identities: IdentityResolver;
  readonly #matcher: ThemeMatcher;
  readonly #projects: ReadonlyMap<string, Project>;
  readonly #tallies: ReadonlyMap<string, ProjectTally>;
  readonly #alignment: AlignmentTally;
  readonly #taskPlaces = new Map<string, TaskPlace>();
  readonly #projectThemes = new Map<string, number>();
  readonly #seenPeople = new Set<string>();
  readonly #unmatched = new Map<string, Identity>();
  #entriesStarted = false;

  constructor(input: KpiEngineInput) {
    this.#input = input;
    this.#window = windowEndingOn(input.asOf, input.windowDays ?? DEFAULT_WINDOW_DAYS);
    this.#identities = createIdentityResolver(input.people, input.overrides);
    this.#matcher = createThemeMatcher(input.themes);
    this.#projects = new Map(input.projects.map((project) => [project.id, project]));
    this.#tallies = new Map(input.projects.map((project) => [project.id, emptyTally()]));
    this.#alignment = new AlignmentTally(input.themes, input.projects.map((project) => this.#portfolioOf(project.id)));
  }

  addTasks(tasks: readonly Task[]): void {
    if (this.#entriesStarted) throw new KpiInputError('addTasks', 'every task must be added before the first time entry');
    for (const task of tasks) {
      if (this.#taskPlaces.has(task.id)) continue; // a task seen twice (overlapping pages) counts once
      const theme = this.#matcher.match(task.tags, this.#projects.get(task.projectId));
      this.#taskPlaces.set(task.id, { projectId: task.projectId, theme });
      const tally = this.#tallies.get(task.projectId);
      if (tally) tallyTask(tally, task, this.#input.asOf, this.#window);
    }
  }

  addTimeEntries(entries: readonly TimeEntry[]): void {
    this.#entriesStarted = true;
    for (const entry of entries) {
      this.#noteIdentity(entry.personId);
      if (entry.date > this.#input.asOf) continue; // logged after the as-of date: not part of this report
      const tally = this.#tallies.get(entry.projectId);
      if (tally) tallyEntry(tally, entry, this.#window);
      if (!inWindow(entry.date, this.#window)) continue;
      const { projectId, theme } = this.#placeOf(entry);
      this.#alignment.add(this.#portfolioOf(projectId), theme, entry.hours);
    }
  }

  finish(): KpiResults {
    const { asOf } = this.#input;
    const tallied = this.#input.projects.map((project) => {
      if (project.pmId !== undefined) this.#noteIdentity(project.pmId);
      return {
        project,
        pm: project.pmId === undefined ? undefined : this.#identities.resolve(project.pmId),
        tally: this.#tallies.get(project.id) ?? emptyTally(),
      };
    });
    const unmatched = [...this.#unmatched.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      managers: buildManagersDoc(asOf, this.#window, tallied),
      projects: buildProjectsDoc(asOf, tallied),
      alignment: { schemaVersion: SCHEMA_VERSION, ...this.#alignment.finish(asOf, this.#window) },
      unmatchedIdentities: unmatched.map(({ id, name }) => ({ id, name })),
    };
  }

  #portfolioOf(projectId: string): string {
    return this.#projects.get(projectId)?.portfolio ?? NO_PORTFOLIO;
  }

  /** The entry's task decides its theme; an entry without a known task falls back on its project. */
  #placeOf(entry: TimeEntry): TaskPlace {
    const place = entry.taskId === undefined ? undefined : this.#taskPlaces.get(entry.taskId);
    if (place) return place;
    let theme = this.#projectThemes.get(entry.projectId);
    if (theme === undefined) {
      theme = this.#matcher.match([], this.#projects.get(entry.projectId));
      this.#projectThemes.set(entry.projectId, theme);
    }
    return { projectId: entry.projectId, theme };
  }

  #noteIdentity(recordId: string): void {
    if (this.#seenPeople.has(recordId)) return;
    this.#seenPeople.add(recordId);
    const identity = this.#identities.resolve(recordId);
    if (!identity.matched) this.#unmatched.set(identity.id, identity);
  }
}
