import type { PortfolioTargets, Theme } from '../../config/schema.ts';

/**
 * The theme targets each portfolio is judged against. Leadership sets company targets on the
 * themes; a portfolio may have its own (config `portfolioTargets`), since a Growth portfolio is
 * meant to do mostly growth work. A theme a portfolio does not list keeps the company's target,
 * and so does every theme of a portfolio not listed. Targets are in theme order.
 */
export class TargetTable {
  readonly company: readonly number[];
  readonly #themes: readonly Theme[];
  readonly #own: PortfolioTargets;
  readonly #cache = new Map<string, readonly number[]>();

  constructor(themes: readonly Theme[], own: PortfolioTargets = {}) {
    this.#themes = themes;
    this.#own = own;
    this.company = themes.map((theme) => theme.target);
  }

  /** Whether the portfolio has targets of its own in the config. */
  hasOwn(portfolio: string): boolean {
    return Object.hasOwn(this.#own, portfolio);
  }

  of(portfolio: string): readonly number[] {
    let targets = this.#cache.get(portfolio);
    if (!targets) {
      const own = this.hasOwn(portfolio) ? this.#own[portfolio] : undefined;
      targets = this.#themes.map((theme) => own?.[theme.id] ?? theme.target);
      this.#cache.set(portfolio, targets);
    }
    return targets;
  }
}

/** How much one portfolio weighs in a PM's targets. */
export interface TargetWeight {
  portfolio: string;
  /** The PM's hours in the portfolio's projects (over the window, or in one month). */
  hours: number;
  /** The PM's projects in the portfolio, the weight when the PM has no hours at all. */
  projects: number;
}

/**
 * A PM's target for each theme: the targets of the portfolios the PM's hours went to, weighted by
 * those hours (Σ over portfolios of hours × the portfolio's target ÷ the PM's hours). A PM without
 * hours weighs each of the own projects' portfolios by its number of projects instead. Returns the
 * targets and each portfolio's weight (its share of the PM's hours or projects).
 */
export function weightedTargets(table: TargetTable, parts: readonly TargetWeight[]): { targets: number[]; weights: number[] } {
  const hours = parts.reduce((sum, part) => sum + part.hours, 0);
  const projects = parts.reduce((sum, part) => sum + part.projects, 0);
  const weightOf = (part: TargetWeight): number => (hours > 0 ? part.hours / hours : projects > 0 ? part.projects / projects : 0);
  if (hours === 0 && projects === 0) return { targets: [...table.company], weights: parts.map(() => 0) };
  const targets = table.company.map(() => 0);
  for (const part of parts) {
    const weight = weightOf(part);
    table.of(part.portfolio).forEach((target, theme) => (targets[theme] = (targets[theme] as number) + weight * target));
  }
  return { targets, weights: parts.map(weightOf) };
}
