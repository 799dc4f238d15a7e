import type { Theme } from '../../config/schema.ts';
import type { AlignmentDoc } from '../../contract/documents.ts';
import { alignmentDefinitions } from '../catalogue/definitions.ts';
import { roundHours, roundRatio } from '../engine/numbers.ts';
import { TargetTable, weightedTargets, type TargetWeight } from './targets.ts';
import { UNALIGNED } from './themes.ts';
import type { DayRange as Window } from '../../domain/days.ts';
import type { PeriodFields } from '../engine/period-fields.ts';

/**
 * Effort per theme against the targets leadership set, for the company and per portfolio.
 * over the window, per PM and per month. Memory: one hours array per portfolio, PM and month.
 * The company is judged against the company's targets, a portfolio against its own (targets.ts),
 * a PM against the targets of the portfolios the PM's hours went to, weighted by those hours.
 */

export const NO_PORTFOLIO = '(none)';

type ThemeShares = AlignmentDoc['themes'];

/** One month of a portfolio's or PM's mix; gapScore null in a month without hours; a PM's month has its own targets. */
type MonthMix = PeriodFields & { totalHours: number; unalignedHours: number; gapScore: number | null; themes: { id: string; hours: number; actual: number; target?: number }[] };

/** A PM's hours and projects per portfolio: over the window and per month. */
type ManagerSpread = Map<string, { weight: TargetWeight; months: number[] }>;

export class AlignmentTally {
  readonly #themes: readonly Theme[];
  readonly #targets: TargetTable;
  readonly #months: { fields: PeriodFields; hours: number[] }[];
  /**
   * Hours per project (index + 1; 0 = no known project) and theme, with the unaligned hours in the
   * last place: over the window, and per month. An entry adds to one number; portfolios and PMs
   * are summed from their projects at the end, instead of scattered arrays touched per entry.
   */
  readonly #projectWindow: Float64Array;
  readonly #projectMonths: Float64Array;
  /** Whether an entry on no known project fell in the window (its portfolio is then listed). */
  #unknownInWindow = false;
  /** Portfolio of each project, by project index. */
  readonly #portfolioOf: readonly string[];
  readonly #width: number;

  /** `portfolios`: the portfolio of each project, in project index order; `months` as published (a partial one marked). */
  constructor(themes: readonly Theme[], portfolios: readonly string[], months: readonly PeriodFields[], targets = new TargetTable(themes)) {
    this.#themes = themes;
    this.#targets = targets;
    this.#portfolioOf = portfolios;
    this.#months = months.map((fields) => ({ fields, hours: this.#emptyHours() }));
    this.#width = themes.length + 1;
    this.#projectWindow = new Float64Array((portfolios.length + 1) * this.#width);
    this.#projectMonths = new Float64Array((portfolios.length + 1) * months.length * this.#width);
  }

  /** Hours in the window on project `projectIndex` (-1: unknown). */
  addWindow(projectIndex: number, themeIndex: number, hours: number): void {
    if (projectIndex < 0) this.#unknownInWindow = true;
    const at = (projectIndex + 1) * this.#width + this.#slotOf(themeIndex);
    this.#projectWindow[at] = (this.#projectWindow[at] as number) + hours;
  }

  /** Hours in month `month` (0 = the oldest reported) on project `projectIndex` (-1: unknown). */
  addMonth(projectIndex: number, month: number, themeIndex: number, hours: number): void {
    const bucket = this.#months[month]?.hours;
    if (!bucket) return;
    const slot = this.#slotOf(themeIndex);
    bucket[slot] = (bucket[slot] ?? 0) + hours;
    const at = ((projectIndex + 1) * this.#months.length + month) * this.#width + slot;
    this.#projectMonths[at] = (this.#projectMonths[at] as number) + hours;
  }

  /** A known project's hours over the window per theme, the unaligned hours last. */
  projectWindowHours(projectIndex: number): Float64Array {
    const from = (projectIndex + 1) * this.#width;
    return this.#projectWindow.subarray(from, from + this.#width);
  }

  /**
   * The window's figures, the months oldest first, and the PMs in the order given;
   * `projectManagers` is the PM id of each project, by project index.
   */
  finish(asOf: string, window: Window, managerIds: readonly string[], unalignedWork: AlignmentDoc['unalignedWork'], projectManagers: readonly (string | undefined)[]): Omit<AlignmentDoc, 'schemaVersion'> {
    const portfolioWindow = new Map<string, number[]>();
    const managerWindow = new Map<string, number[]>();
    const portfolioMonths = new Map<string, number[][]>();
    const managerMonths = new Map<string, number[][]>();
    const spreads = new Map<string, ManagerSpread>();
    for (let project = -1; project < this.#portfolioOf.length; project++) {
      if (project < 0 && !this.#unknownInWindow) continue;
      const portfolio = this.#portfolioOf[project] ?? NO_PORTFOLIO;
      const managerId = projectManagers[project];
      this.#addProjectWindow(this.#bucket(portfolioWindow, portfolio), project);
      this.#addProjectMonths(this.#monthBuckets(portfolioMonths, portfolio), project);
      if (managerId === undefined) continue;
      this.#addProjectWindow(this.#bucket(managerWindow, managerId), project);
      this.#addProjectMonths(this.#monthBuckets(managerMonths, managerId), project);
      this.#addToSpread(spreads, managerId, portfolio, project);
    }
    const company = this.#emptyHours();
    for (const bucket of portfolioWindow.values()) bucket.forEach((hours, slot) => (company[slot] = (company[slot] ?? 0) + hours));
    const total = summarise(this.#themes, company, this.#targets.company);
    const names = [...portfolioWindow.keys()].sort(byPortfolioName);
    return {
      asOf,
      window,
      totalHours: total.totalHours,
      unalignedHours: total.unalignedHours,
      unalignedShare: total.unalignedShare,
      gapScore: total.gapScore,
      themes: total.themes,
      portfolios: names.map((name) => {
        const targets = this.#targets.of(name);
        const { unalignedShare: _share, ...figures } = summarise(this.#themes, portfolioWindow.get(name) ?? [], targets);
        return { name, ...figures, targetsFrom: this.#targets.hasOwn(name) ? ('portfolio' as const) : ('company' as const), months: this.#monthMix(portfolioMonths.get(name), () => targets) };
      }),
      definitions: [...alignmentDefinitions],
      months: this.#months.map(({ fields, hours }) => {
        const { totalHours, unalignedHours, themes } = summarise(this.#themes, hours, this.#targets.company);
        return { ...fields, totalHours, unalignedHours, themes: themes.map(({ id, hours: h, actual }) => ({ id, hours: h, actual })) };
      }),
      managers: managerIds.map((id) => {
        const spread = [...(spreads.get(id)?.values() ?? [])].sort((a, b) => byPortfolioName(a.weight.portfolio, b.weight.portfolio));
        const window = weightedTargets(this.#targets, spread.map((part) => part.weight));
        const { unalignedShare: _share, ...figures } = summarise(this.#themes, managerWindow.get(id) ?? this.#emptyHours(), window.targets);
        // A month's targets follow that month's hours; a month without hours has no gap, so the window's targets serve.
        const monthTargets = (month: number): readonly number[] => {
          const parts = spread.map(({ weight, months }) => ({ ...weight, hours: months[month] ?? 0 }));
          return parts.some((part) => part.hours > 0) ? weightedTargets(this.#targets, parts).targets : window.targets;
        };
        const targetWeights = spread.map((part, index) => ({ portfolio: part.weight.portfolio, hours: roundHours(part.weight.hours), weight: roundRatio(window.weights[index] ?? 0) }));
        return { id, ...figures, targetWeights, months: this.#monthMix(managerMonths.get(id), monthTargets, true) };
      }),
      ...(unalignedWork ? { unalignedWork } : {}),
    };
  }

  /** The mix per month against `targetsOf(month)`; `withTargets`: publish them (a PM's change month by month). */
  #monthMix(months: number[][] | undefined, targetsOf: (month: number) => readonly number[], withTargets = false): MonthMix[] {
    return this.#months.map(({ fields }, index) => {
      const { totalHours, unalignedHours, gapScore, themes } = summarise(this.#themes, months?.[index] ?? this.#emptyHours(), targetsOf(index));
      const mix = themes.map(({ id, hours: h, actual, target }) => (withTargets ? { id, hours: h, actual, target } : { id, hours: h, actual }));
      return { ...fields, totalHours, unalignedHours, gapScore: totalHours > 0 ? gapScore : null, themes: mix };
    });
  }

  /** Adds a project's hours (window and months) and the project itself to its PM's spread over portfolios. */
  #addToSpread(spreads: Map<string, ManagerSpread>, managerId: string, portfolio: string, project: number): void {
    let spread = spreads.get(managerId);
    if (!spread) spreads.set(managerId, (spread = new Map()));
    let part = spread.get(portfolio);
    if (!part) spread.set(portfolio, (part = { weight: { portfolio, hours: 0, projects: 0 }, months: this.#months.map(() => 0) }));
    part.weight.projects += 1;
    const width = this.#width;
    for (let slot = 0; slot < width; slot++) part.weight.hours += this.#projectWindow[(project + 1) * width + slot] as number;
    part.months.forEach((_, month) => {
      const from = ((project + 1) * this.#months.length + month) * width;
      let hours = 0;
      for (let slot = 0; slot < width; slot++) hours += this.#projectMonths[from + slot] as number;
      (part.months as number[])[month] = (part.months[month] as number) + hours;
    });
  }

  #addProjectWindow(into: number[], projectIndex: number): void {
    const from = (projectIndex + 1) * this.#width;
    for (let slot = 0; slot < this.#width; slot++) into[slot] = (into[slot] ?? 0) + (this.#projectWindow[from + slot] as number);
  }

  #addProjectMonths(into: number[][], projectIndex: number): void {
    into.forEach((hours, month) => {
      const from = ((projectIndex + 1) * this.#months.length + month) * this.#width;
      for (let slot = 0; slot < this.#width; slot++) hours[slot] = (hours[slot] ?? 0) + (this.#projectMonths[from + slot] as number);
    });
  }

  #monthBuckets(buckets: Map<string, number[][]>, key: string): number[][] {
    let months = buckets.get(key);
    if (!months) buckets.set(key, (months = this.#months.map(() => this.#emptyHours())));
    return months;
  }

  #slotOf(themeIndex: number): number {
    return themeIndex === UNALIGNED ? this.#themes.length : themeIndex;
  }

  #emptyHours(): number[] {
    return this.#themes.map(() => 0).concat(0);
  }

  #bucket(buckets: Map<string, number[]>, key: string): number[] {
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = this.#emptyHours()));
    return bucket;
  }
}

/** Shares and gap of one bucket against `targets` (in theme order); see the gapScore definition for the formula. */
function summarise(themes: readonly Theme[], hours: readonly number[], targets: readonly number[]) {
  const totalHours = hours.reduce((sum, h) => sum + h, 0);
  const share = (h: number): number => (totalHours > 0 ? h / totalHours : 0);
  const unalignedHours = hours[themes.length] ?? 0;
  const unalignedShare = share(unalignedHours);
  let gap = unalignedShare;
  const shares: ThemeShares = themes.map((theme, index) => {
    const themeHours = hours[index] ?? 0;
    const target = targets[index] ?? theme.target;
    gap += Math.abs(share(themeHours) - target);
    return { id: theme.id, name: theme.name, target: roundRatio(target), actual: roundRatio(share(themeHours)), hours: roundHours(themeHours) };
  });
  return {
    totalHours: roundHours(totalHours),
    unalignedHours: roundHours(unalignedHours),
    unalignedShare: roundRatio(unalignedShare),
    gapScore: roundRatio(gap / 2),
    themes: shares,
  };
}

/** Portfolios by name, with the catch-all for projects without one last. */
function byPortfolioName(a: string, b: string): number {
  if (a === NO_PORTFOLIO || b === NO_PORTFOLIO) return a === b ? 0 : a === NO_PORTFOLIO ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
