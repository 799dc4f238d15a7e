import type { TimeEntry } from '../domain/records.ts';
import { NO_PORTFOLIO, type AlignmentBuckets, type AlignmentTally } from './alignment.ts';
import type { Calendar } from './calendar.ts';
import { C, S } from './manager-tally.ts';
import type { Org } from './org.ts';
import type { People } from './people.ts';
import type { TaskIndex } from './task-index.ts';
import { NO_TAGS, type TaskThemes } from './task-themes.ts';
import { UNALIGNED } from './themes.ts';

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
  /** Per project index + 1: the alignment buckets its window hours land in. */
  readonly #alignmentBuckets: AlignmentBuckets[] = [];
  /** Scratch for Calendar.slotsOf: the slots of the entry in hand. */
  readonly #slots = new Int32Array(3);

  constructor(parts: { calendar: Calendar; org: Org; people: People; tasks: TaskIndex; themes: TaskThemes; alignment: AlignmentTally }) {
    this.#calendar = parts.calendar;
    this.#org = parts.org;
    this.#people = parts.people;
    this.#tasks = parts.tasks;
    this.#themes = parts.themes;
    this.#alignment = parts.alignment;
  }

  /** Tallies an entry dated `day` (a day number on or before the as-of date). */
  add(entry: TimeEntry, day: number): void {
    const tasks = this.#tasks;
    const taskSlot = entry.taskId === undefined ? undefined : tasks.slotOf(entry.taskId);
    let projectIndex = taskSlot === undefined ? -1 : (tasks.project[taskSlot] as number);
    if (projectIndex < 0) projectIndex = this.#org.indexOf(entry.projectId);
    const theme = taskSlot === undefined ? this.#themes.of(NO_TAGS, projectIndex) : (tasks.theme[taskSlot] as number);
    const project = this.#org.tallies[projectIndex];
    const manager = this.#org.managerTally(projectIndex);
    const person = this.#people.indexOf(entry.personId);
    const hours = entry.hours;
    if (project) {
      project.ac += hours;
      const rate = this.#people.tallies[person]?.rate;
      if (rate !== undefined) (project.cost.ac += hours * rate), (project.cost.costed += hours);
    }
    manager?.holdBetween(S.ac, this.#calendar.firstMonthEndFrom(day), undefined, hours);
    this.#people.logWeek(person, day, hours);
    const slots = this.#slots;
    const count = this.#calendar.slotsOf(day, slots);
    const monthCount = this.#calendar.monthCount;
    manager?.teamHours.addToSlots(slots, count, person, hours);
    for (let i = 0; i < count; i++) {
      const slot = slots[i] as number;
      this.#people.logSlot(person, slot, hours);
      if (slot > 0 && slot <= monthCount) this.#alignment.addMonth(slot - 1, theme, hours);
      if (manager) {
        manager.count(slot, C.hours, hours);
        manager.count(slot, C.entries);
      }
      if (slot !== 0) continue;
      this.#alignment.addTo(this.#bucketsOf(projectIndex), theme, hours);
      if (!project) continue;
      project.hoursInWindow += hours;
      project.entriesInWindow += 1;
      if (theme === UNALIGNED) project.unalignedHoursInWindow += hours;
    }
  }

  #bucketsOf(projectIndex: number): AlignmentBuckets {
    let buckets = this.#alignmentBuckets[projectIndex + 1];
    if (buckets === undefined) {
      const pmId = this.#org.managers[this.#org.managerOf[projectIndex] ?? -1]?.pm.id;
      buckets = this.#alignment.bucketsOf(this.#org.projects[projectIndex]?.portfolio ?? NO_PORTFOLIO, pmId);
      this.#alignmentBuckets[projectIndex + 1] = buckets;
    }
    return buckets;
  }
}
