import type { Theme } from '../config/schema.ts';
import type { AlignmentDoc } from '../publish/documents.ts';
import { alignmentDefinitions } from './definitions.ts';
import { roundHours, roundRatio } from './numbers.ts';
import { UNALIGNED } from './themes.ts';
import type { Window } from './window.ts';

/**
 * Effort per theme against the targets leadership set, for the company and per portfolio.
 * Memory: one hours array per portfolio.
 */

export const NO_PORTFOLIO = '(none)';

type ThemeShares = AlignmentDoc['themes'];

export class AlignmentTally {
  readonly #themes: readonly Theme[];
  /** Per bucket: hours per theme index, with the unaligned hours in the last slot. */
  readonly #hours = new Map<string, number[]>();

  constructor(themes: readonly Theme[], portfolios: Iterable<string>) {
    this.#themes = themes;
    for (const portfolio of portfolios) this.#bucket(portfolio);
  }

  add(portfolio: string, themeIndex: number, hours: number): void {
    const bucket = this.#bucket(portfolio);
    const slot = themeIndex === UNALIGNED ? this.#themes.length : themeIndex;
    bucket[slot] = (bucket[slot] ?? 0) + hours;
  }

  finish(asOf: string, window: Window): Omit<AlignmentDoc, 'schemaVersion'> {
    const company = this.#themes.map(() => 0).concat(0);
    for (const bucket of this.#hours.values()) bucket.forEach((hours, slot) => (company[slot] = (company[slot] ?? 0) + hours));
    const total = summarise(this.#themes, company);
    const names = [...this.#hours.keys()].sort(byPortfolioName);
    return {
      asOf,
      window,
      totalHours: total.totalHours,
      unalignedHours: total.unalignedHours,
      unalignedShare: total.unalignedShare,
      gapScore: total.gapScore,
      themes: total.themes,
      portfolios: names.map((name) => {
        const { unalignedShare: _share, ...figures } = summarise(this.#themes, this.#hours.get(name) ?? []);
        return { name, ...figures };
      }),
      definitions: [...alignmentDefinitions],
    };
  }

  #bucket(portfolio: string): number[] {
    let bucket = this.#hours.get(portfolio);
    if (!bucket) this.#hours.set(portfolio, (bucket = this.#themes.map(() => 0).concat(0)));
    return bucket;
  }
}

/** Shares and gap of one bucket; see the gapScore definition for the formula. */
function summarise(themes: readonly Theme[], hours: readonly number[]) {
  const totalHours = hours.reduce((sum, h) => sum + h, 0);
  const share = (h: number): number => (totalHours > 0 ? h / totalHours : 0);
  const unalignedHours = hours[themes.length] ?? 0;
  const unalignedShare = share(unalignedHours);
  let gap = unalignedShare;
  const shares: ThemeShares = themes.map((theme, index) => {
    const themeHours = hours[index] ?? 0;
    gap += Math.abs(share(themeHours) - theme.target);
    return { id: theme.id, name: theme.name, target: theme.target, actual: roundRatio(share(themeHours)), hours: roundHours(themeHours) };
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
