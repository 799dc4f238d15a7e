import type { Project, StatusChange, Task, TimeEntry } from '../../../functions/domain/records.ts';

/**
 * A second, deliberately simple implementation of the window KPIs of docs/kpi-catalogue.md, for
 * checking the engine on records it has not seen: plain loops over plain arrays, Intl for days,
 * no sketches, no indexes, no streaming. It follows the catalogue's words, not the engine's code.
 * Scope: every PM leads projects named by their person id (no aliases), every entry names a task.
 */
export interface SimpleInput {
  asOf: string;
  windowDays: number;
  /** IANA zone of kpi.timeZone; undefined = the day as the source wrote it. */
  timeZone?: string;
  projects: readonly Project[];
  tasks: readonly Task[];
  statusChanges: readonly StatusChange[];
  timeEntries: readonly TimeEntry[];
}

export type SimpleFigures = Record<string, number | null>;

const DAY_MS = 86_400_000;

/** The calendar day of a date-time: in the zone, or as written. */
export function dayOf(dateTime: string, timeZone: string | undefined): string {
  if (timeZone === undefined) return dateTime.slice(0, 10);
  let format = formats.get(timeZone);
  // en-CA writes dates as YYYY-MM-DD.
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(new Date(dateTime));
}
const formats = new Map<string, Intl.DateTimeFormat>();

const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const nearestRank = (values: number[], q: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1] ?? null;
};
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * The catalogue's baseline: the first value a task was given (the value before its first change,
 * else the first change's new value), reading only changes dated by asOf; the value in force at asOf
 * is what the first later change changed from, else the task's own. Moved: any later change of value.
 */
function promised<V>(own: V | undefined, changes: readonly { at: string; from?: V | undefined; to?: V | undefined }[], asOf: string, timeZone: string | undefined): { baseline: V | undefined; moved: boolean } {
  const ordered = [...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const known = ordered.filter((change) => dayOf(change.at, timeZone) <= asOf);
  const later = ordered.filter((change) => dayOf(change.at, timeZone) > asOf);
  const inForce = later.length > 0 ? later[0]!.from : own;
  if (known.length === 0) return { baseline: inForce, moved: false };
  const values = [known[0]!.from, ...known.slice(0, -1).map((change) => change.to), inForce];
  const first = values.findIndex((value) => value !== undefined);
  if (first < 0) return { baseline: undefined, moved: false };
  return { baseline: values[first], moved: values.some((value, i) => i > first && value !== values[i - 1]) };
}

/** Window figures per PM id. */
export function simpleWindowKpis(input: SimpleInput): Map<string, SimpleFigures> {
  const { asOf, timeZone } = input;
  const from = addDays(asOf, -(input.windowDays - 1));
  const inWindow = (day: string) => day >= from && day <= asOf;
  const pmOfProject = new Map(input.projects.map((project) => [project.id, project.pmId]));
  const result = new Map<string, SimpleFigures>();
  const pms = [...new Set(input.projects.map((project) => project.pmId).filter((id): id is string => id !== undefined))];
  for (const pm of pms) {
    const tasks = input.tasks.filter((task) => pmOfProject.get(task.projectId) === pm);
    const taskIds = new Set(tasks.map((task) => task.id));
    const doneDay = (task: Task): string | undefined => {
      if (task.status !== 'done' || task.doneAt === undefined) return undefined;
      const day = dayOf(task.doneAt, timeZone);
      return day <= asOf ? day : undefined; // done after the as-of date: not done
    };

    // Delivery: tasks due in the window.
    const due = tasks.filter((task) => task.dueOn !== undefined && inWindow(task.dueOn));
    const onTime = due.filter((task) => {
      const done = doneDay(task);
      return done !== undefined && done <= task.dueOn!;
    }).length;
    const slips = due.map((task) => Math.max(0, daysBetween(task.dueOn!, doneDay(task) ?? asOf)));
    const overdue = tasks.filter((task) => task.dueOn !== undefined && task.dueOn <= asOf && doneDay(task) === undefined).length;

    // Flow: tasks done in the window; durations are exact instants.
    const doneInWindow = tasks.filter((task) => {
      const day = doneDay(task);
      return day !== undefined && inWindow(day);
    });
    const changes = input.statusChanges.filter((change) => taskIds.has(change.taskId) && dayOf(change.at, timeZone) <= asOf);
    const firstStart = new Map<string, number>();
    for (const change of changes) {
      if (change.to !== 'in_progress') continue;
      const at = Date.parse(change.at);
      if (!(firstStart.get(change.taskId)! <= at)) firstStart.set(change.taskId, at);
    }
    const cycles = doneInWindow
      .map((task) => {
        const start = firstStart.get(task.id) ?? (task.startedAt === undefined ? undefined : Date.parse(task.startedAt));
        return start === undefined ? undefined : (Date.parse(task.doneAt!) - start) / DAY_MS;
      })
      .filter((days): days is number => days !== undefined);
    const leads = doneInWindow.map((task) => (Date.parse(task.doneAt!) - Date.parse(task.createdAt)) / DAY_MS);
    const windowChanges = changes.filter((change) => inWindow(dayOf(change.at, timeZone)));
    const completions = windowChanges.filter((change) => change.to === 'done' && change.from !== 'done').length;
    const reopens = windowChanges.filter((change) => change.from === 'done' && change.to !== 'done').length;

    // Hours: entries dated up to the as-of date; a task's spent hours are its entries', else the source's total.
    const entries = input.timeEntries.filter((entry) => entry.taskId !== undefined && taskIds.has(entry.taskId) && entry.date <= asOf);
    const hoursInWindow = entries.filter((entry) => inWindow(entry.date)).reduce((sum, entry) => sum + entry.hours, 0);
    const anyEntry = new Set(input.timeEntries.filter((entry) => entry.taskId !== undefined).map((entry) => entry.taskId));
    const spentOf = (task: Task): number | undefined =>
      anyEntry.has(task.id) ? entries.filter((entry) => entry.taskId === task.id).reduce((sum, entry) => sum + entry.hours, 0) : task.spentHours;
    let spent = 0;
    let estimated = 0;
    for (const task of doneInWindow) {
      const hours = spentOf(task);
      if (!(task.estimateHours! > 0) || !(hours! > 0)) continue;
      spent += hours!;
      estimated += task.estimateHours!;
    }

    // Earned value at the as-of date, rule 0/100.
    const withEstimate = tasks.filter((task) => task.estimateHours !== undefined && task.estimateHours > 0);
    const pv = withEstimate.filter((task) => task.dueOn !== undefined && task.dueOn <= asOf).reduce((sum, task) => sum + task.estimateHours!, 0);
    const ev = withEstimate.filter((task) => doneDay(task) !== undefined).reduce((sum, task) => sum + task.estimateHours!, 0);
    const ac = entries.reduce((sum, entry) => sum + entry.hours, 0);

    // What was promised: each task's first due date and estimate, from its history as of asOf.
    const dueHistory = (task: Task) => promised(task.dueOn, task.dueChanges ?? [], asOf, timeZone);
    const baselined = tasks.map((task) => ({ task, ...dueHistory(task) })).filter((row) => row.baseline !== undefined && inWindow(row.baseline));
    const baselineSlips = baselined.map((row) => Math.max(0, daysBetween(row.baseline!, doneDay(row.task) ?? asOf)));
    const replanned = baselined.filter((row) => row.moved).length;
    const firstEstimate = (task: Task) =>
      promised(task.estimateHours, (task.estimateChanges ?? []).map((c) => ({ at: c.at, from: c.fromHours, to: c.toHours })), asOf, timeZone).baseline;
    const plannedDue = (task: Task) => dueHistory(task).baseline ?? task.dueOn;
    const pvBaseline = withEstimate.filter((task) => plannedDue(task) !== undefined && plannedDue(task)! <= asOf).reduce((sum, task) => sum + (firstEstimate(task) ?? task.estimateHours!), 0);
    const evBaseline = withEstimate.filter((task) => doneDay(task) !== undefined).reduce((sum, task) => sum + (firstEstimate(task) ?? task.estimateHours!), 0);

    result.set(pm, {
      onTimeRate: ratio(onTime, due.length),
      slipDaysMean: ratio(slips.reduce((sum, s) => sum + s, 0), due.length),
      overdueOpen: overdue,
      throughput: doneInWindow.length / (input.windowDays / 7),
      // kpi.unit points: the points of the pointed tasks done, the rest counted apart.
      throughputPoints: doneInWindow.reduce((sum, task) => sum + (task.storyPoints ?? 0), 0) / (input.windowDays / 7),
      donePointed: doneInWindow.filter((task) => task.storyPoints !== undefined).length,
      doneUnpointed: doneInWindow.filter((task) => task.storyPoints === undefined).length,
      cycleTimeP50: nearestRank(cycles, 0.5),
      leadTimeP50: nearestRank(leads, 0.5),
      reopenRate: completions === 0 ? null : Math.min(reopens, completions) / completions,
      hoursLogged: hoursInWindow,
      estimationAccuracy: ratio(spent, estimated),
      spi: ratio(ev, pv),
      cpi: ratio(ev, ac),
      slipDaysMeanBaseline: ratio(baselineSlips.reduce((sum, s) => sum + s, 0), baselined.length),
      replanShare: ratio(replanned, baselined.length),
      spiBaseline: ratio(evBaseline, pvBaseline),
    });
  }
  return result;
}
