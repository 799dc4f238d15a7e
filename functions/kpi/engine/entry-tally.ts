import type { TimeEntry } from '../../domain/records.ts';
import type { AlignmentTally } from '../alignment/alignment.ts';
import { dayNumber, type Calendar } from './calendar.ts';
import { GroupOrder } from '../structures/group-order.ts';
import { C, S, type ManagerTally } from './manager-tally.ts';
import type { Org } from './org.ts';
import type { People } from './people.ts';
import { ENTRY_HOURS_LIMIT, WEEK_HOURS_LIMIT, type PlausibilityTally } from '../quality/plausibility.ts';
import type { TaskIndex } from './task-index.ts';
import type { ProjectEvmMonths } from './project-evm-months.ts';
import type { ProjectUnalignedTasks } from '../alignment/project-unaligned-tasks.ts';
import type { TeamHours } from './team-hours.ts';
import { NO_TAGS, type TaskThemes } from '../alignment/task-themes.ts';
import { UNALIGNED } from '../alignment/themes.ts';
import type { DayOf } from './zone-day.ts';
import type { PeopleCounts } from './people-counts.ts';

/** What entries add to a project, by position in its row of #projectSums. */
const SUM = { ac: 0, hoursInWindow: 1, entriesInWindow: 2, unalignedHoursInWindow: 3 } as const;
const SUMS = 4;

/**
 * What time entries add: actual cost to their project, hours to their PM per period, to their
 * person's weeks and team, and to the theme mix. The hot path of the engine (five entries per
 * task in the targets), so it looks numbers up, builds no closures and allocates nothing per entry.
 *
 * A page goes through in three steps: every lookup first (task, project, theme, person, periods),
 * then what is not a PM's (people's hours, the theme mix, project sums) in the page's order, then
 * a PM's figures (hours per period, actual cost by month end, the team's rows) a PM at a time
 * (group-order.ts), so each PM's figures stay in cache for its entries of the page. Every sum
 * receives its entries in the page's order either way, so no figure moves.
 *
 * A time entry on a known task counts for the project the task is in now: a task moved between
 * projects takes its hours along with its estimate, so the new project's EV and AC (and CPI) rest
 * on the same work. An entry without a known task stays with its own project.
 */
export class EntryTally {
  readonly #calendar: Calendar;
  /** With `kpi.timeZone`, an entry's day is its start's day in that zone (when the source gives a start). */
  readonly #zoned: boolean;
  readonly #dayOf: DayOf;
  readonly #org: Org;
  readonly #people: People;
  readonly #tasks: TaskIndex;
  readonly #themes: TaskThemes;
  readonly #alignment: AlignmentTally;
  readonly #plausibility: PlausibilityTally;
  /** Each project's actual cost by month end, and its unaligned tasks' window hours. */
  readonly #evmMonths: ProjectEvmMonths;
  readonly #unalignedTasks: ProjectUnalignedTasks;
  /** Who is behind each project's and theme's hours (published as `people`). */
  readonly #peopleCounts: PeopleCounts;
  /** Scratch for Calendar.slotsOf. */
  readonly #slots = new Int32Array(3);
  /**
   * Per entry of the page in hand: task slot (-1: none or unknown), the project it counts for, its
   * theme, its PM (-1: none), the person (-1: after the as-of date, not tallied), its day (NaN: after
   * the as-of date), its periods (`#pagePeriodCount[i]` slots from `#pagePeriods[3i]`), and whether
   * a person who logged after the as-of date was seen already.
   */
  #pageSlots = new Int32Array(0);
  #pageProjects = new Int32Array(0);
  #pageThemes = new Int32Array(0);
  #pageManagers = new Int32Array(0);
  #pagePersons = new Int32Array(0);
  #pageDays = new Float64Array(0);
  #pagePeriods = new Int32Array(0);
  #pagePeriodCount = new Uint8Array(0);
  #pageHeard = new Uint8Array(0);
  readonly #grouping = new GroupOrder();

  /**
   * Per project, SUMS numbers: what entries add to its tally. A flat array, not the tally's own
   * fields: each of those is a boxed number of its own, one more memory access per entry.
   */
  readonly #projectSums: Float64Array;
  /** Per person index: the team last added to and the person's local number in it (see #localIn). */
  #lastTeam: (TeamHours | undefined)[] = [];
  #lastLocal = new Int32Array(0);

  constructor(parts: { calendar: Calendar; zoned: boolean; dayOf: DayOf; org: Org; people: People; tasks: TaskIndex; themes: TaskThemes; alignment: AlignmentTally; plausibility: PlausibilityTally; evmMonths: ProjectEvmMonths; unalignedTasks: ProjectUnalignedTasks; peopleCounts: PeopleCounts }) {
    this.#calendar = parts.calendar;
    this.#zoned = parts.zoned;
    this.#dayOf = parts.dayOf;
    this.#org = parts.org;
    this.#projectSums = new Float64Array(parts.org.tallies.length * SUMS);
    this.#people = parts.people;
    this.#tasks = parts.tasks;
    this.#themes = parts.themes;
    this.#alignment = parts.alignment;
    this.#plausibility = parts.plausibility;
    this.#evmMonths = parts.evmMonths;
    this.#unalignedTasks = parts.unalignedTasks;
    this.#peopleCounts = parts.peopleCounts;
  }

  /** Adds the per-project sums to the project tallies: call once, after the last entry. */
  settle(): void {
    const sums = this.#projectSums;
    this.#org.tallies.forEach((tally, index) => {
      const at = index * SUMS;
      tally.ac += sums[at + SUM.ac] as number;
      tally.hoursInWindow += sums[at + SUM.hoursInWindow] as number;
      tally.entriesInWindow += sums[at + SUM.entriesInWindow] as number;
      tally.unalignedHoursInWindow += sums[at + SUM.unalignedHoursInWindow] as number;
    });
  }

  /**
   * The person's local number in a PM's team. Most of a person's hours go to one PM's projects, so
   * the last answer per person is kept and usually right: a read from a small array per person
   * instead of one from the PM's own table, which at a million tasks is rarely in cache.
   */
  #localIn(team: TeamHours, person: number): number {
    if (person >= this.#lastTeam.length) {
      const length = Math.max(person + 1, this.#lastTeam.length * 2);
      this.#lastTeam = [...this.#lastTeam, ...new Array<TeamHours | undefined>(length - this.#lastTeam.length).fill(undefined)];
      const locals = new Int32Array(length);
      locals.set(this.#lastLocal);
      this.#lastLocal = locals;
    }
    if (this.#lastTeam[person] === team) return this.#lastLocal[person] as number;
    const local = team.localFor(person);
    this.#lastTeam[person] = team;
    this.#lastLocal[person] = local;
    return local;
  }

  /** Tallies a page of entries. One dated after `asOf` is not part of the report: `late` hears its person id instead. */
  addPage(entries: readonly TimeEntry[], late: (personId: string) => void): void {
    this.#lookUp(entries);
    // Who logged after the as-of date (day NaN) is still seen; most were seen already (heardOf in one batch).
    const lateIds = entries.map((entry, i) => (Number.isNaN(this.#pageDays[i] as number) ? entry.personId : undefined));
    this.#people.heardOf(lateIds, entries.length, this.#pageHeard);
    for (let i = 0; i < entries.length; i++) {
      const personId = lateIds[i];
      if (personId === undefined) continue;
      if (this.#pageHeard[i] === 0) late(personId);
      // Its task has entries, so its spent hours come from entries, not the source's total.
      const task = this.#pageSlots[i] as number;
      if (task >= 0) this.#tasks.noteLateEntry(task);
    }
    this.#addToProjectsAndPeople(entries);
    this.#addToTasks(entries);
    const order = this.#grouping.of(this.#pageManagers, entries.length, this.#org.managers.length);
    for (let k = 0; k < entries.length; k++) {
      const i = order[k] as number;
      const manager = this.#org.managers[this.#pageManagers[i] as number]?.tally;
      if (manager && (this.#pagePersons[i] as number) >= 0) this.#addToManager(manager, (entries[i] as TimeEntry).hours, i);
    }
  }

  /**
   * Looks up everything the page's entries will add to before adding any. With a million tasks
   * the id table is far larger than the CPU caches, so each lookup waits on memory; lookups of
   * different entries do not depend on each other, so in loops of lookups alone the CPU overlaps
   * those waits, where between two tallies it cannot.
   */
  #lookUp(entries: readonly TimeEntry[]): void {
    const count = entries.length;
    if (this.#pageSlots.length < count) this.#grow(count);
    const days = this.#pageDays;
    const asOf = this.#calendar.asOf;
    const zoned = this.#zoned;
    const dayOf = this.#dayOf;
    // An entry after the as-of date (day NaN) is not tallied and its person not added; its task is
    // looked up with the others all the same (its spent hours come from entries, see addPage).
    for (let i = 0; i < count; i++) {
      const entry = entries[i] as TimeEntry;
      const startedAt = zoned ? entry.startedAt : undefined;
      const day = startedAt === undefined ? dayNumber(entry.date) : dayOf(startedAt);
      days[i] = day > asOf ? Number.NaN : day;
    }
    const unlessLate = (i: number, id: string | undefined) => (Number.isNaN(days[i] as number) ? undefined : id);
    this.#tasks.lookUp(entries.map((entry) => entry.taskId), count, this.#pageSlots, this.#pageProjects, this.#pageThemes);
    this.#people.indexesOf(entries.map((entry, i) => unlessLate(i, entry.personId)), count, this.#pagePersons);
    const calendar = this.#calendar;
    const slots = this.#slots;
    for (let i = 0; i < count; i++) {
      const entry = entries[i] as TimeEntry;
      // No known task, or a task in no known project: the entry's own project counts.
      if ((this.#pageProjects[i] as number) < 0) this.#pageProjects[i] = this.#org.indexOf(entry.projectId);
      if ((this.#pageSlots[i] as number) < 0) this.#pageThemes[i] = this.#themes.of(NO_TAGS, this.#pageProjects[i] as number);
      this.#pageManagers[i] = this.#org.managerOf[this.#pageProjects[i] as number] ?? -1;
      const n = calendar.slotsOf(days[i] as number, slots); // none for NaN
      this.#pagePeriodCount[i] = n;
      for (let k = 0; k < n; k++) this.#pagePeriods[i * 3 + k] = slots[k] as number;
    }
  }

  /**
   * Each task's spent hours as of the as-of date. A loop of its own: the per-task array is far
   * larger than the caches, and with nothing else in the loop the CPU overlaps its misses.
   */
  #addToTasks(entries: readonly TimeEntry[]): void {
    const entryHours = this.#tasks.entryHours;
    for (let i = 0; i < entries.length; i++) {
      const task = this.#pageSlots[i] as number;
      if (task < 0 || (this.#pagePersons[i] as number) < 0) continue; // no known task, or after the as-of date
      const known = entryHours[task] as number;
      const hours = (entries[i] as TimeEntry).hours;
      entryHours[task] = Number.isNaN(known) ? hours : known + hours;
    }
  }

  /** Actual cost and window hours per project, the theme mix, and each person's hours per week and period. */
  #addToProjectsAndPeople(entries: readonly TimeEntry[]): void {
    const sums = this.#projectSums;
    const people = this.#people;
    const monthCount = this.#calendar.monthCount;
    for (let i = 0; i < entries.length; i++) {
      const person = this.#pagePersons[i] as number;
      if (person < 0) continue;
      const projectIndex = this.#pageProjects[i] as number;
      const theme = this.#pageThemes[i] as number;
      const project = this.#org.tallies[projectIndex];
      const hours = (entries[i] as TimeEntry).hours;
      const at = projectIndex * SUMS;
      if (project) {
        sums[at + SUM.ac] = (sums[at + SUM.ac] as number) + hours;
        const rate = people.anyRate ? people.tallies[person]?.rate : undefined;
        if (rate !== undefined) (project.cost.ac += hours * rate), (project.cost.costed += hours);
        this.#evmMonths.addHours(projectIndex, this.#pageDays[i] as number, hours);
        this.#peopleCounts.addToDate(projectIndex, person);
      }
      // Past a threshold only (rare), the entry is reported to the data-quality flags.
      const weekHours = people.logWeek(person, this.#pageDays[i] as number, hours);
      if (weekHours > WEEK_HOURS_LIMIT) this.#plausibility.noteWeekEntry(person, this.#pageDays[i] as number, (entries[i] as TimeEntry).id);
      if (hours > ENTRY_HOURS_LIMIT) this.#plausibility.noteLongEntry((entries[i] as TimeEntry).id, person, (entries[i] as TimeEntry).date, hours);
      const n = this.#pagePeriodCount[i] as number;
      for (let k = 0; k < n; k++) {
        const slot = this.#pagePeriods[i * 3 + k] as number;
        people.logSlot(person, slot, hours);
        if (slot > 0 && slot <= monthCount) this.#alignment.addMonth(projectIndex, slot - 1, theme, hours);
        if (slot !== 0) continue;
        this.#alignment.addWindow(projectIndex, theme, hours);
        this.#peopleCounts.addWindow(projectIndex, theme, person);
        if (!project) continue;
        sums[at + SUM.hoursInWindow] = (sums[at + SUM.hoursInWindow] as number) + hours;
        sums[at + SUM.entriesInWindow] = (sums[at + SUM.entriesInWindow] as number) + 1;
        if (theme !== UNALIGNED) continue;
        sums[at + SUM.unalignedHoursInWindow] = (sums[at + SUM.unalignedHoursInWindow] as number) + hours;
        const task = this.#pageSlots[i] as number;
        if (task >= 0) this.#unalignedTasks.addHours(task, projectIndex, hours);
      }
    }
  }

  /** The `i`-th entry of the page for its PM: hours and entries per period, actual cost by month end, the team. */
  #addToManager(manager: ManagerTally, hours: number, i: number): void {
    const person = this.#pagePersons[i] as number;
    manager.holdBetween(S.ac, this.#calendar.firstMonthEndFrom(this.#pageDays[i] as number), undefined, hours);
    const from = i * 3;
    const n = this.#pagePeriodCount[i] as number;
    for (let k = from; k < from + n; k++) {
      const slot = this.#pagePeriods[k] as number;
      manager.count(slot, C.hours, hours);
      manager.count(slot, C.entries);
    }
    manager.teamHours.addToSlots(this.#pagePeriods, from, n, person, this.#localIn(manager.teamHours, person), hours);
  }

  #grow(count: number): void {
    this.#pageSlots = new Int32Array(count);
    this.#pageProjects = new Int32Array(count);
    this.#pageThemes = new Int32Array(count);
    this.#pageManagers = new Int32Array(count);
    this.#pagePersons = new Int32Array(count);
    this.#pageDays = new Float64Array(count);
    this.#pagePeriods = new Int32Array(count * 3);
    this.#pagePeriodCount = new Uint8Array(count);
    this.#pageHeard = new Uint8Array(count);
  }
}
