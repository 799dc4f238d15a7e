import type { KpiConfig, PersonOverride, PortfolioTargets, Theme } from '../../config/schema.ts';
import type { Person, Project, StatusChange, Task, TimeEntry } from '../../domain/records.ts';
import { SCHEMA_VERSION, type AlignmentDoc, type IdentityReport, type IdentitySuggestion, type ManagersDoc, type ProjectsDoc, type QualityFinding } from '../../contract/documents.ts';
import { AlignmentTally, NO_PORTFOLIO } from '../alignment/alignment.ts';
import { periodFields } from './period-fields.ts';
import { Calendar, DAY_MS, dateOfDay } from './calendar.ts';
import { KpiInputError } from './errors.ts';
import { EntryTally } from './entry-tally.ts';
import { countEstimation } from './estimation-pass.ts';
import { countFlow } from './finish-pass.ts';
import { GroupOrder } from '../structures/group-order.ts';
import { createIdentityResolver, type Identity, type IdentityResolver } from './identity.ts';
import { instantMs } from '../structures/instant.ts';
import { C } from './manager-tally.ts';
import { Org } from './org.ts';
import { People, weekOf } from './people.ts';
import { PlausibilityTally } from '../quality/plausibility.ts';
import { DoneDatingTally } from '../quality/done-dating.ts';
import type { DoneDating } from '../../contract/done-dating.ts';
import { suggestIdentities } from '../quality/identity-suggestions.ts';
import { IdentityReportTally } from '../quality/identity-report.ts';
import { buildProjectsDoc } from '../compare/projects-report.ts';
import { buildManagersDoc } from '../compare/reports.ts';
import { MONTHS, QUARTERS, resolveKpiSettings, type KpiSettings } from './settings.ts';
import { offerDrivers } from './task-drivers.ts';
import { TargetTable } from '../alignment/targets.ts';
import { TaskCards } from './task-cards.ts';
import { TaskIndex } from './task-index.ts';
import { TaskThemes } from '../alignment/task-themes.ts';
import { blankFacts, factsOf, tallyManagerTask, tallyProjectTask, type TaskFacts } from './task-tally.ts';
import { createThemeMatcher } from '../alignment/themes.ts';
import { unalignedWork } from '../alignment/unaligned.ts';
import { projectMixes } from '../alignment/project-mix.ts';
import { PeopleCounts } from './people-counts.ts';
import { ProjectLateTasks } from './project-late.ts';
import { ProjectEvmMonths } from './project-evm-months.ts';
import { ProjectUnalignedTasks } from '../alignment/project-unaligned-tasks.ts';
import { UNALIGNED } from '../alignment/themes.ts';
import { dayReader, type DayOf } from './zone-day.ts';

export interface KpiEngineInput {
  /** Last day of the reporting window, YYYY-MM-DD. */
  asOf: string;
  /** Length of the window in calendar days, ending on asOf inclusive; overrides `settings.windowDays`. */
  windowDays?: number;
  /** The config's `kpi` key; every field has a default. */
  settings?: KpiConfig;
  projects: readonly Project[];
  people: readonly Person[];
  themes: readonly Theme[];
  /** The config's `portfolioTargets`: a portfolio's own theme targets (default: the company's). */
  portfolioTargets?: PortfolioTargets;
  overrides: readonly PersonOverride[];
  /** Sources that cannot give hours, by source name, with the reason (a sync run's `unavailable.hours`). */
  hoursUnavailable?: Readonly<Record<string, string>>;
  /** Sources without estimates in hours (no cost baseline), by source name, with the reason (a sync run's `unavailable.hourEstimates`). */
  hourEstimatesUnavailable?: Readonly<Record<string, string>>;
}

export interface KpiResults {
  managers: ManagersDoc;
  projects: ProjectsDoc;
  alignment: AlignmentDoc;
  /** Identities seen as PMs or in time entries that no person override vouches for, by id. */
  unmatchedIdentities: { id: string; name: string }[];
  /** Implausible inputs (plausibility.ts), and how many past the cap per kind were left out. */
  findings: QualityFinding[];
  findingsOmitted: Record<string, number>;
  /** Unmatched accounts that look like one person, with the config that joins them (identity-suggestions.ts). */
  identitySuggestions: IdentitySuggestion[];
  /** How accounts were joined to people, and the deleted or deactivated ones (identity-report.ts). */
  identities: IdentityReport;
  /** Per source, which rule dated its done tasks (quality/done-dating.ts). */
  doneDating: DoneDating[];
}

/**
 * Records stream in page by page, in this order: all tasks, then status changes (optional), then
 * time entries. Later records look their task up (its theme, its PM), so adding tasks after a
 * status change or a time entry throws a KpiInputError, as do status changes after time entries.
 */
export interface KpiEngine {
  addTasks(tasks: readonly Task[]): void;
  addStatusChanges(changes: readonly StatusChange[]): void;
  addTimeEntries(entries: readonly TimeEntry[]): void;
  finish(): KpiResults;
}

export function createKpiEngine(input: KpiEngineInput): KpiEngine {
  return new StreamingKpiEngine(input);
}

/** Memory: tallies per project, PM, person and portfolio, plus the compact per-task index. */
class StreamingKpiEngine implements KpiEngine {
  readonly #input: KpiEngineInput;
  readonly #settings: KpiSettings;
  readonly #calendar: Calendar;
  /** Day of a date-time in `kpi.timeZone`, or as the source wrote it without one (zone-day.ts). */
  readonly #dayOf: DayOf;
  readonly #identities: IdentityResolver;
  readonly #org: Org;
  readonly #people: People;
  readonly #alignment: AlignmentTally;
  readonly #lateByProject = new ProjectLateTasks();
  readonly #evmMonths: ProjectEvmMonths;
  readonly #unalignedTasks: ProjectUnalignedTasks;
  readonly #peopleCounts: PeopleCounts;
  readonly #tasks: TaskIndex;
  readonly #cards: TaskCards;
  readonly #themes: TaskThemes;
  readonly #entries: EntryTally;
  readonly #plausibility: PlausibilityTally;
  readonly #doneDating = new DoneDatingTally();
  readonly #seenPeople = new Set<string>();
  readonly #grouping = new GroupOrder();
  /** The facts of the task in hand, one object for all (see factsOf). */
  #facts: TaskFacts | undefined;
  readonly #unmatched = new Map<string, Identity>();
  readonly #identityReport: IdentityReportTally;
  /** Canonical people assigned work in a source without hours, with its reason (hours-unavailable.ts). */
  readonly #hoursElsewhere = new Map<string, string>();
  /** Scratch for Calendar.slotsOf: the slots of the record in hand. */
  readonly #slotBuffer = new Int32Array(3);
  #stage: 'tasks' | 'changes' | 'entries' = 'tasks';

  constructor(input: KpiEngineInput) {
    this.#input = input;
    this.#settings = resolveKpiSettings(input.settings, input.windowDays);
    this.#calendar = new Calendar(input.asOf, this.#settings.windowDays, MONTHS, QUARTERS);
    this.#dayOf = dayReader(this.#settings.timeZone).dayOf;
    this.#identities = createIdentityResolver(input.people, input.overrides);
    this.#identityReport = new IdentityReportTally(this.#identities, input.people);
    this.#org = new Org(input.projects, this.#identities, this.#calendar);
    const firstDay = Math.min(...this.#calendar.slots.map((slot) => slot.from));
    this.#people = new People(this.#identities, input.overrides, this.#settings.defaultCapacityHoursPerWeek, this.#calendar.slots.length, firstDay, this.#calendar.asOf, (id) => this.#noteIdentity(id));
    this.#plausibility = new PlausibilityTally(this.#people.firstWeek, weekOf(this.#calendar.asOf) - this.#people.firstWeek + 1);
    const months = this.#calendar.slots.flatMap((slot, index) => (slot.kind === 'month' ? [periodFields(this.#calendar, index)] : []));
    const targets = new TargetTable(input.themes, input.portfolioTargets);
    this.#alignment = new AlignmentTally(input.themes, input.projects.map((project) => project.portfolio ?? NO_PORTFOLIO), months, targets);
    this.#tasks = new TaskIndex(input.themes.length);
    this.#cards = new TaskCards(this.#org.projects.map((project) => project.id), (slot) => this.#tasks.idOf(slot));
    this.#evmMonths = new ProjectEvmMonths(this.#calendar, this.#org.tallies.length);
    this.#unalignedTasks = new ProjectUnalignedTasks(this.#org.projects.map((project) => project.id), (slot) => this.#tasks.idOf(slot));
    this.#themes = new TaskThemes(createThemeMatcher(input.themes), this.#org);
    this.#peopleCounts = new PeopleCounts(input.themes.length);
    this.#entries = new EntryTally({ calendar: this.#calendar, zoned: this.#settings.timeZone !== undefined, dayOf: this.#dayOf, org: this.#org, people: this.#people, tasks: this.#tasks, themes: this.#themes, alignment: this.#alignment, plausibility: this.#plausibility, evmMonths: this.#evmMonths, unalignedTasks: this.#unalignedTasks, peopleCounts: this.#peopleCounts });
  }

  addTasks(tasks: readonly Task[]): void {
    if (this.#stage !== 'tasks') throw new KpiInputError('addTasks', 'every task must be added before the first status change or time entry');
    const calendar = this.#calendar;
    const dayOf = this.#dayOf;
    const count = tasks.length;
    const where = { projects: new Int32Array(count), managers: new Int32Array(count), themes: new Int32Array(count) };
    const rates = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const task = tasks[i] as Task;
      const projectIndex = this.#org.indexOf(task.projectId);
      where.projects[i] = projectIndex;
      where.managers[i] = this.#org.managerOf[projectIndex] ?? -1;
      where.themes[i] = this.#themes.of(task.tags, projectIndex);
      rates[i] = (this.#people.anyRate ? this.#people.rateOf(task.assigneeId) : undefined) ?? Number.NaN;
    }
    if (this.#input.hoursUnavailable) this.#noteAssigneesWithoutHours(tasks, this.#input.hoursUnavailable);
    // Ids of the whole page at once: the id table finds its cells faster in batches (id-table.ts).
    const slots = new Int32Array(count);
    this.#tasks.addAll(tasks.map((task) => task.id), count, slots, where);
    // A PM at a time: each PM's figures stay in cache for all of its tasks of the page (group-order.ts).
    const order = this.#grouping.of(where.managers, count, this.#org.managers.length);
    for (let k = 0; k < count; k++) {
      const i = order[k] as number;
      const task = tasks[i] as Task;
      const slot = slots[i] as number;
      if (slot < 0) continue; // a task seen twice (overlapping pages) counts once
      this.#doneDating.add(task);
      const projectIndex = where.projects[i] as number;
      const rate = rates[i] as number;
      const facts = factsOf(task, calendar, dayOf, Number.isNaN(rate) ? undefined : rate, (this.#facts ??= blankFacts(task)), this.#settings.pvBasis);
      this.#rememberTimes(slot, task, facts);
      const project = this.#org.tallies[projectIndex];
      if (project) tallyProjectTask(project, facts, calendar.asOf, this.#settings.evmRule);
      if (project) this.#lateByProject.offer(projectIndex, facts, calendar);
      if (project) this.#evmMonths.addTask(projectIndex, facts, this.#settings.evmRule);
      if (project && where.themes[i] === UNALIGNED) this.#unalignedTasks.keep(slot, task, projectIndex);
      const manager = this.#org.managerTally(projectIndex);
      if (!manager) continue;
      if (facts.hasEstimate) this.#cards.keep(slot, task, projectIndex); // may become an 'estimate' or 'overrun' driver
      tallyManagerTask(manager, facts, calendar, this.#settings.evmRule);
      offerDrivers(manager, facts, calendar);
    }
  }

  addStatusChanges(changes: readonly StatusChange[]): void {
    if (this.#stage === 'entries') throw new KpiInputError('addStatusChanges', 'every status change must be added before the first time entry');
    this.#stage = 'changes';
    const dayOf = this.#dayOf;
    for (const change of changes) {
      const slot = this.#tasks.slotOf(change.taskId);
      // After the as-of date by its day in the configured zone: a move on the evening of asOf counts.
      const day = dayOf(change.at);
      if (day > this.#calendar.asOf) continue;
      this.#plausibility.noteStatusChange(change.source, change.to === 'done' && change.from !== 'done');
      if (slot === undefined) continue;
      if (change.to === 'in_progress') {
        const at = instantMs(change.at);
        const known = this.#tasks.historyStartMs[slot] ?? Number.NaN;
        if (Number.isNaN(known) || at < known) {
          this.#tasks.historyStartMs[slot] = at;
          this.#tasks.startDay[slot] = day;
        }
      }
      const manager = this.#org.managers[this.#tasks.manager[slot] ?? -1]?.tally;
      if (!manager) continue;
      const counter = change.to === 'done' && change.from !== 'done' ? C.completions : change.from === 'done' && change.to !== 'done' ? C.reopens : -1;
      if (counter < 0) continue;
      const count = this.#calendar.slotsOf(day, this.#slotBuffer);
      for (let i = 0; i < count; i++) manager.count(this.#slotBuffer[i] as number, counter);
    }
  }

  addTimeEntries(entries: readonly TimeEntry[]): void {
    this.#stage = 'entries';
    // Logged after the as-of date: not part of this report (the person still counts as seen).
    this.#entries.addPage(entries, this.#noteLate);
  }

  readonly #noteLate = (personId: string): void => this.#noteIdentity(personId);

  finish(): KpiResults {
    const { asOf } = this.#input;
    this.#entries.settle();
    countFlow(this.#tasks, this.#org.managers, this.#calendar);
    countEstimation(this.#tasks, this.#cards, this.#org.managers, this.#calendar);
    const tallied = this.#org.projects.map((project, index) => {
      if (project.pmId !== undefined) this.#noteIdentity(project.pmId);
      const hoursUnavailable = this.#input.hoursUnavailable?.[project.source];
      const hourEstimatesUnavailable = this.#input.hourEstimatesUnavailable?.[project.source];
      return {
        project,
        pm: project.pmId === undefined ? undefined : this.#identities.resolve(project.pmId),
        tally: this.#org.tallies[index] ?? this.#org.tallies[0]!,
        ...(hoursUnavailable ? { hoursUnavailable } : {}),
        ...(hourEstimatesUnavailable ? { hourEstimatesUnavailable } : {}),
      };
    });
    const managers = this.#org.managers.map((group) => {
      const hoursUnavailable = group.projects.map((project) => this.#input.hoursUnavailable?.[project.source]).find(Boolean);
      const hourEstimatesUnavailable = group.projects.map((project) => this.#input.hourEstimatesUnavailable?.[project.source]).find(Boolean);
      const elsewhere = this.#hoursElsewhere.size ? { hoursElsewhere: (person: number) => this.#hoursElsewhere.get(this.#people.identityOf(person).id) } : {};
      return {
        pm: group.pm,
        projectIds: group.projects.map((project) => project.id),
        tally: group.tally,
        ...(hoursUnavailable ? { hoursUnavailable } : {}),
        ...(hourEstimatesUnavailable ? { hourEstimatesUnavailable } : {}),
        ...elsewhere,
      };
    });
    const unmatched = [...this.#unmatched.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const window = { from: this.#calendar.windowSlot.from, to: this.#calendar.asOf };
    const windowDates = { from: dateOfDay(window.from), to: asOf };
    const managersDoc = buildManagersDoc(asOf, this.#calendar, this.#people, this.#settings, managers);
    const plausibility = this.#plausibility.finish(this.#people, managersDoc, asOf);
    const projects = this.#projectsDoc(tallied);
    const alignment: AlignmentDoc = {
      schemaVersion: SCHEMA_VERSION,
      ...this.#alignment.finish(asOf, windowDates, managers.map((m) => m.pm.id), unalignedWork(tallied), this.#projectManagerIds()),
      projects: projectMixes(this.#alignment, this.#input.themes, this.#org.projects),
    };
    this.#peopleCounts.addTo(projects, alignment, this.#org.projects.map((p) => p.id), this.#org.projects.map((p) => p.portfolio ?? NO_PORTFOLIO), this.#projectManagerIds());
    return {
      managers: managersDoc,
      projects,
      alignment,
      unmatchedIdentities: unmatched.map(({ id, name }) => ({ id, name })),
      findings: plausibility.findings,
      findingsOmitted: plausibility.omitted,
      identitySuggestions: suggestIdentities(this.#input.people, this.#input.overrides, unmatched, this.#identities),
      identities: this.#identityReport.finish(this.#people, 0),
      doneDating: this.#doneDating.finish(),
    };
  }

  #rememberTimes(slot: number, task: Task, facts: TaskFacts): void {
    const asOf = this.#calendar.asOf;
    const startedBy = facts.startedDay <= asOf;
    // An in-progress task with no start time is at least in progress now: WIP at the as-of date.
    // (Its instant only stands in for cycle time, which an open task never has.)
    const inProgress = !startedBy && task.status === 'in_progress';
    this.#tasks.startedAtMs[slot] = startedBy ? facts.startedMs : inProgress ? (asOf + 1) * DAY_MS - 1 : Number.NaN;
    this.#tasks.startDay[slot] = startedBy ? facts.startedDay : inProgress ? asOf : Number.NaN;
    this.#tasks.doneDay[slot] = facts.doneDay;
    this.#tasks.doneMs[slot] = facts.doneMs;
    this.#tasks.estimate[slot] = facts.hasEstimate ? facts.estimate : Number.NaN;
    this.#tasks.sourceSpent[slot] = task.spentHours ?? Number.NaN;
  }

  /** The projects document with each project's late tasks, month-end earned value and unaligned tasks. */
  #projectsDoc(tallied: Parameters<typeof buildProjectsDoc>[2]): ProjectsDoc {
    const indexOf = (id: string): number => this.#org.indexOf(id);
    const doc = buildProjectsDoc(this.#input.asOf, this.#settings, tallied);
    return this.#unalignedTasks.addTo(this.#evmMonths.addTo(this.#lateByProject.addTo(doc, indexOf), indexOf));
  }

  /** The PM id of each project, by project index (undefined without a PM). */
  #projectManagerIds(): (string | undefined)[] {
    return this.#org.projects.map((_, index) => this.#org.managers[this.#org.managerOf[index] ?? -1]?.pm.id);
  }

  #noteAssigneesWithoutHours(tasks: readonly Task[], sources: Readonly<Record<string, string>>): void {
    for (const task of tasks) {
      const reason = sources[task.source];
      if (reason !== undefined && task.assigneeId !== undefined) this.#hoursElsewhere.set(this.#identities.resolve(task.assigneeId).id, reason);
    }
  }

  #noteIdentity(recordId: string): void {
    if (this.#seenPeople.has(recordId)) return;
    this.#seenPeople.add(recordId);
    this.#identityReport.note(recordId);
    const identity = this.#identities.resolve(recordId);
    if (!identity.matched) this.#unmatched.set(identity.id, identity);
  }
}
