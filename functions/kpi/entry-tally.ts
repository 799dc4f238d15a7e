import type { TimeEntry } from '../domain/records.ts';
import type { AlignmentTally } from './alignment.ts';
import type { Calendar } from './calendar.ts';
import { C, S } from './manager-tally.ts';
import type { Org } from './org.ts';
import type { People } from './people.ts';
import type { TaskIndex } from './task-index.ts';
import type { TeamHours } from './team-hours.ts';
import { NO_TAGS, type TaskThemes } from './task-themes.ts';
import { UNALIGNED } from './themes.ts';

/** What entries add to a project, by position in its row of #projectSums. */
const SUM = { ac: 0, hoursInWindow: 1, entriesInWindow: 2, unalignedHoursInWindow: 3 } as const;
const SUMS = 4;

/**
 * What one time entry adds: actual cost to its project, hours to its PM per period, to its
 * person's week and team, and to the theme mix. The hot path of the engine (five entries per task
 * in the targets), so it looks numbers up, builds no closures and allocates nothing per entry.
 *
 * A time entry on a known task counts for the project the task is in now: a task moved between
 * projects takes its hours along with its estimate, so the new project's EV and AC (and CPI) rest
 * on the same work. An entry without a known task stays with its own project.
 */
export class EntryTally {
  readonly #calendar: Calendar;
  readonly #org: Org;
  readonly #people: People;
  readonly #tasks: TaskIndex;
  readonly #themes: TaskThemes;
  readonly #alignment: AlignmentTally;
  /** Scratch for Calendar.slotsOf: the slots of the entry in hand. */
  readonly #slots = new Int32Array(3);
  /** Per entry of the page in hand: task slot (-1: none or unknown), its project index and theme, the person. */
  #pageSlots = new Int32Array(1024);
  #pageProjects = new Int32Array(1024);
  #pageThemes = new Int32Array(1024);
  #pagePersons = new Int32Array(1024);

  /**
   * Per project, SUMS numbers: what entries add to its tally. A flat array, not the tally's own
   * fields: each of those is a boxed number of its own, one more memory access per entry.
   */
  readonly #projectSums: Float64Array;
  /** Per person index: the team last added to and the person's local number in it (see #localIn). */
  #lastTeam: (TeamHours | undefined)[] = [];
  #lastLocal = new Int32Array(0);

  constructor(parts: { calendar: Calendar; org: Org; people: People; tasks: TaskIndex; themes: TaskThemes; alignment: AlignmentTally }) {
    this.#calendar = parts.calendar;
    this.#org = parts.org;
    this.#projectSums = new Float64Array(parts.org.tallies.length * SUMS);
    this.#people = parts.people;
    this.#tasks = parts.tasks;
    this.#themes = parts.themes;
    this.#alignment = parts.alignment;
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

  /**
   * Looks up the tasks (and people) of a page of entries before tallying any of them. With a million tasks the
   * id table and the per-task arrays are far larger than the CPU caches, so each lookup waits on
   * memory; lookups of different entries do not depend on each other, so in a loop of lookups
   * alone the CPU overlaps those waits, where between two tallies it cannot.
   */
  lookUp(entries: readonly TimeEntry[], asOf: string): void {
    if (this.#pageSlots.length < entries.length) {
      this.#pageSlots = new Int32Array(entries.length);
      this.#pageProjects = new Int32Array(entries.length);
      this.#pageThemes = new Int32Array(entries.length);
      this.#pagePersons = new Int32Array(entries.length);
    }
    // An entry after the as-of date is not tallied: its task is not looked up, its person not added.
    this.#tasks.lookUp(entries.map((entry) => (entry.date > asOf ? undefined : entry.taskId)), entries.length, this.#pageSlots, this.#pageProjects, this.#pageThemes);
    this.#people.indexesOf(entries.map((entry) => (entry.date > asOf ? undefined : entry.personId)), entries.length, this.#pagePersons);
  }

  /**
   * Tallies the `i`-th entry of the page last passed to lookUp, dated `day` (a day number on
   * or before the as-of date).
   */
  add(entry: TimeEntry, day: number, i: number): void {
    const known = (this.#pageSlots[i] as number) >= 0;
    let projectIndex = this.#pageProjects[i] as number;
    if (projectIndex < 0) projectIndex = this.#org.indexOf(entry.projectId);
    const theme = known ? (this.#pageThemes[i] as number) : this.#themes.of(NO_TAGS, projectIndex);
    const project = this.#org.tallies[projectIndex];
    const manager = this.#org.managerTally(projectIndex);
    const person = this.#pagePersons[i] as number;
    const hours = entry.hours;
    const sums = this.#projectSums;
    const at = projectIndex * SUMS;
    if (project) {
      sums[at + SUM.ac] = (sums[at + SUM.ac] as number) + hours;
      const rate = this.#people.anyRate ? this.#people.tallies[person]?.rate : undefined;
      if (rate !== undefined) (project.cost.ac += hours * rate), (project.cost.costed += hours);
    }
    manager?.holdBetween(S.ac, this.#calendar.firstMonthEndFrom(day), undefined, hours);
    this.#people.logWeek(person, day, hours);
    const slots = this.#slots;
    const count = this.#calendar.slotsOf(day, slots);
    const monthCount = this.#calendar.monthCount;
    if (manager) manager.teamHours.addToSlots(slots, count, person, this.#localIn(manager.teamHours, person), hours);
    for (let i = 0; i < count; i++) {
      const slot = slots[i] as number;
      this.#people.logSlot(person, slot, hours);
      if (slot > 0 && slot <= monthCount) this.#alignment.addMonth(projectIndex, slot - 1, theme, hours);
      if (manager) {
        manager.count(slot, C.hours, hours);
        manager.count(slot, C.entries);
      }
      if (slot !== 0) continue;
      this.#alignment.addWindow(projectIndex, theme, hours);
      if (!project) continue;
      sums[at + SUM.hoursInWindow] = (sums[at + SUM.hoursInWindow] as number) + hours;
      sums[at + SUM.entriesInWindow] = (sums[at + SUM.entriesInWindow] as number) + 1;
      if (theme === UNALIGNED) sums[at + SUM.unalignedHoursInWindow] = (sums[at + SUM.unalignedHoursInWindow] as number) + hours;
    }
  }
}
