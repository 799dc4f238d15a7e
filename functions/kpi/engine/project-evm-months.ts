import type { ProjectsDoc } from '../../contract/documents.ts';
import type { Calendar } from './calendar.ts';
import { roundHours } from './numbers.ts';
import { periodFields, type PeriodFields } from './period-fields.ts';
import type { KpiSettings } from './settings.ts';
import type { TaskFacts } from './task-tally.ts';

export type EvmMonth = PeriodFields & { pv: number; ev: number; ac: number };

const PV = 0;
const EV = 1;
const AC = 2;
const SERIES = 3;

/**
 * Each project's PV, EV and AC in hours at every month end of the calendar (the last one is the
 * as-of date), by the same rules as its current earned value (evm.ts, task-tally.ts): PV holds a
 * task's planned estimate from its plan due day, EV what earnedBy gives at that day, AC the hours
 * of entries dated by then. Kept as difference arrays like a PM's month-end series
 * (manager-tally.ts): a task or entry costs one or two additions, and memory is
 * 3 × (months + 1) numbers per project, whatever the number of tasks.
 */
export class ProjectEvmMonths {
  readonly #calendar: Calendar;
  readonly #width: number;
  readonly #diffs: Float64Array;

  constructor(calendar: Calendar, projects: number) {
    this.#calendar = calendar;
    this.#width = calendar.monthCount + 1;
    this.#diffs = new Float64Array(projects * SERIES * this.#width);
  }

  /** What an estimated task adds: planned at its plan due day, earned at its start (50/50) and done days. */
  addTask(project: number, facts: TaskFacts, rule: KpiSettings['evmRule']): void {
    if (project < 0 || !facts.hasEstimate) return;
    // No closure here: this runs for every task.
    const calendar = this.#calendar;
    const estimate = facts.planEstimate;
    this.#hold(project, PV, calendar.firstMonthEndFrom(facts.planDueDay), estimate);
    const doneEnd = calendar.firstMonthEndFrom(facts.doneDay);
    const startEnd = rule === '50/50' ? calendar.firstMonthEndFrom(facts.startDay) : undefined;
    // Half from the start's month end until the done month end (earnedBy: done earns all, whenever it started).
    if (startEnd !== undefined && (doneEnd === undefined || startEnd < doneEnd)) this.#hold(project, EV, startEnd, estimate / 2, doneEnd);
    this.#hold(project, EV, doneEnd, estimate);
  }

  /** Hours of a time entry dated `day` (by the as-of date) on the project. */
  addHours(project: number, day: number, hours: number): void {
    this.#hold(project, AC, this.#calendar.firstMonthEndFrom(day), hours);
  }

  /** The project's month ends, oldest first, rounded for publication. */
  months(project: number): EvmMonth[] {
    const out: EvmMonth[] = [];
    const running = [0, 0, 0];
    for (let m = 0; m < this.#calendar.monthCount; m++) {
      for (let s = 0; s < SERIES; s++) running[s] = (running[s] as number) + (this.#diffs[this.#at(project, s) + m] ?? 0);
      out.push({ ...periodFields(this.#calendar, m + 1), pv: roundHours(running[PV] as number), ev: roundHours(running[EV] as number), ac: roundHours(running[AC] as number) });
    }
    return out;
  }

  /** The projects document with each project's month ends; `indexOf` maps a project id to its index. */
  addTo(doc: ProjectsDoc, indexOf: (projectId: string) => number): ProjectsDoc {
    return { ...doc, projects: doc.projects.map((project) => ({ ...project, evmMonths: this.months(indexOf(project.id)) })) };
  }

  #at(project: number, series: number): number {
    return (project * SERIES + series) * this.#width;
  }

  /** Adds `amount` from month end `from` up to `until` (exclusive; undefined: through the as-of date). */
  #hold(project: number, series: number, from: number | undefined, amount: number, until?: number): void {
    if (from === undefined || (until !== undefined && until <= from)) return;
    const base = this.#at(project, series);
    this.#diffs[base + from] = (this.#diffs[base + from] ?? 0) + amount;
    if (until !== undefined) this.#diffs[base + until] = (this.#diffs[base + until] ?? 0) - amount;
  }
}
