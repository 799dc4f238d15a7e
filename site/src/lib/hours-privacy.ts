import type { Snapshot } from './snapshot.ts';
import { NO_PORTFOLIO } from './portfolio-pages.ts';
import { largeEnough } from './person-hours.ts';

/**
 * Which hours figures a page shown without personal hours (the strategy role's twins of the
 * alignment, portfolio and project pages) may print. A figure is a cell: an hours sum with the
 * number of distinct people behind it (`people` in the published documents).
 *
 * 1. A cell over fewer than `minGroup` people is hidden (no count published: hidden too). A cell
 *    of 0 hours is shown: it is no one's hours.
 * 2. Sums the pages print side by side (a total and its parts: a portfolio and its projects, a
 *    project and its themes, the company and its portfolios) must not give a hidden cell back by
 *    subtraction: wherever exactly one cell of such a sum is hidden, the smallest other non-zero
 *    cell of it is hidden too, until no sum has exactly one hidden cell.
 *
 * Figures built from a hidden cell go with it: a share of a hidden cell's hours, the actual cost
 * (AC) and what is computed from it (CPI, EAC, VAC, TCPI) when the people behind AC are too few,
 * and a gap score of a row (company, portfolio, PM, project) with any hidden share.
 */
export interface Cell {
  readonly hours: number;
  readonly people: number | undefined;
}

export class HoursPrivacy {
  readonly minGroup: number;
  readonly #cells = new Map<string, Cell>();
  readonly #hidden = new Set<string>();
  /** Sums the pages show: [total, parts]. */
  readonly #sums: [string, string[]][] = [];

  constructor(minGroup: number) {
    this.minGroup = minGroup;
  }

  cell(key: string, hours: number, people: number | undefined): void {
    this.#cells.set(key, { hours, people });
  }

  sum(total: string, parts: readonly string[]): void {
    this.#sums.push([total, parts.filter((part) => this.#cells.has(part))]);
  }

  /** Applies rules 1 and 2; call once, after every cell and sum. */
  settle(): this {
    for (const [key, { hours, people }] of this.#cells) if (hours !== 0 && !largeEnough(people, this.minGroup)) this.#hidden.add(key);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [total, parts] of this.#sums) {
        if (!this.#cells.has(total)) continue;
        const members = [total, ...parts];
        if (members.filter((key) => this.#hidden.has(key)).length !== 1) continue;
        const candidates = parts.filter((key) => !this.#hidden.has(key) && this.#cells.get(key)!.hours !== 0);
        const next = candidates.sort((a, b) => this.#cells.get(a)!.hours - this.#cells.get(b)!.hours)[0] ?? (this.#hidden.has(total) ? undefined : total);
        if (next === undefined) continue;
        this.#hidden.add(next);
        changed = true;
      }
    }
    return this;
  }

  /** Whether the cell may be printed; an unknown cell is not. */
  shown(key: string): boolean {
    return this.#cells.has(key) && !this.#hidden.has(key);
  }

  /** Whether every one of these cells may be printed. */
  allShown(keys: readonly string[]): boolean {
    return keys.every((key) => this.shown(key));
  }

  /** The hidden cells (for tests and the build log). */
  hidden(): string[] {
    return [...this.#hidden].sort();
  }
}

/** Keys of the cells, by what they are the hours of. */
export const cellKey = {
  company: () => 'company',
  companyTheme: (theme: string) => `company/theme/${theme}`,
  companyUnaligned: () => 'company/unaligned',
  portfolio: (name: string) => `portfolio/${name}`,
  portfolioTheme: (name: string, theme: string) => `portfolio/${name}/theme/${theme}`,
  portfolioUnaligned: (name: string) => `portfolio/${name}/unaligned`,
  manager: (id: string) => `pm/${id}`,
  managerTheme: (id: string, theme: string) => `pm/${id}/theme/${theme}`,
  managerUnaligned: (id: string) => `pm/${id}/unaligned`,
  /** A project's hours in the window (projects.json `hours`). */
  project: (id: string) => `project/${id}`,
  /** The same project's hours per theme (alignment.json `projects[]`), whose total may differ from `hours` by entries outside its tasks. */
  projectMix: (id: string) => `project-mix/${id}`,
  projectTheme: (id: string, theme: string) => `project-mix/${id}/theme/${theme}`,
  projectUnaligned: (id: string) => `project-mix/${id}/unaligned`,
  /** A portfolio's roll-up of its projects' window hours (portfolios.json `hours`). */
  rollup: (name: string) => `rollup/${name}`,
  /** Actual cost to date: the hours behind AC (`peopleToDate`). */
  projectAc: (id: string) => `ac/project/${id}`,
  portfolioAc: (name: string) => `ac/portfolio/${name}`,
};

const settled = new WeakMap<Snapshot, Map<number, HoursPrivacy>>();

/** Every hours cell the alignment, portfolio and project pages print, from the snapshot's counts; worked out once per build. */
export function hoursPrivacy(snapshot: Snapshot, minGroup: number): HoursPrivacy {
  let byGroup = settled.get(snapshot);
  if (!byGroup) settled.set(snapshot, (byGroup = new Map()));
  let privacy = byGroup.get(minGroup);
  if (!privacy) byGroup.set(minGroup, (privacy = settleCells(snapshot, minGroup)));
  return privacy;
}

function settleCells(snapshot: Snapshot, minGroup: number): HoursPrivacy {
  const privacy = new HoursPrivacy(minGroup);
  const docs = snapshot.documents;
  const alignment = docs['alignment.json'];
  const projects = docs['projects.json'].projects;
  const themeIds = alignment.themes.map((t) => t.id);
  const portfolioOf = (p: { portfolio: string | null }) => p.portfolio ?? NO_PORTFOLIO;
  const k = cellKey;

  // Alignment: company, portfolios, PMs and projects, each with its themes and unaligned hours.
  type Row = { totalHours: number; unalignedHours: number; people?: number; unalignedPeople?: number; themes: { id: string; hours: number; people?: number }[] };
  const row = (total: string, theme: (id: string) => string, unaligned: string, r: Row) => {
    privacy.cell(total, r.totalHours, r.people);
    privacy.cell(unaligned, r.unalignedHours, r.unalignedPeople);
    for (const t of r.themes) privacy.cell(theme(t.id), t.hours, t.people);
    privacy.sum(total, [...themeIds.map(theme), unaligned]);
  };
  row(k.company(), k.companyTheme, k.companyUnaligned(), alignment);
  for (const p of alignment.portfolios) row(k.portfolio(p.name), (t) => k.portfolioTheme(p.name, t), k.portfolioUnaligned(p.name), p);
  for (const m of alignment.managers ?? []) row(k.manager(m.id), (t) => k.managerTheme(m.id, t), k.managerUnaligned(m.id), m);
  for (const mix of alignment.projects ?? []) row(k.projectMix(mix.id), (t) => k.projectTheme(mix.id, t), k.projectUnaligned(mix.id), mix);

  // The company is the sum of its portfolios, theme by theme; a portfolio and a PM of their projects.
  const portfolioNames = alignment.portfolios.map((p) => p.name);
  privacy.sum(k.company(), portfolioNames.map(k.portfolio));
  privacy.sum(k.companyUnaligned(), portfolioNames.map(k.portfolioUnaligned));
  for (const t of themeIds) privacy.sum(k.companyTheme(t), portfolioNames.map((n) => k.portfolioTheme(n, t)));
  const group = (keyOf: (p: (typeof projects)[number]) => string | null) => {
    const groups = new Map<string, string[]>();
    for (const p of projects) {
      const key = keyOf(p);
      if (key !== null) groups.set(key, [...(groups.get(key) ?? []), p.id]);
    }
    return groups;
  };
  const sumsOver = (total: string, ids: readonly string[], theme: (t: string) => string, unaligned: string) => {
    privacy.sum(total, ids.map(k.projectMix));
    privacy.sum(unaligned, ids.map(k.projectUnaligned));
    for (const t of themeIds) privacy.sum(theme(t), ids.map((id) => k.projectTheme(id, t)));
  };
  for (const [name, ids] of group(portfolioOf)) sumsOver(k.portfolio(name), ids, (t) => k.portfolioTheme(name, t), k.portfolioUnaligned(name));
  const managerIds = new Set((alignment.managers ?? []).map((m) => m.id));
  for (const [id, ids] of group((p) => p.pmId)) if (managerIds.has(id)) sumsOver(k.manager(id), ids, (t) => k.managerTheme(id, t), k.managerUnaligned(id));

  // Earned value: window hours and AC per project, rolled up per portfolio.
  for (const p of projects) {
    privacy.cell(k.project(p.id), p.hours, p.people);
    privacy.cell(k.projectAc(p.id), p.evm.ac, p.peopleToDate);
  }
  for (const r of docs['portfolios.json'].portfolios) {
    privacy.cell(k.rollup(r.name), r.hours, r.people);
    privacy.cell(k.portfolioAc(r.name), r.evm.ac, r.peopleToDate);
  }
  for (const [name, ids] of group(portfolioOf)) {
    privacy.sum(k.rollup(name), [k.portfolio(name)]); // the same portfolio's hours, as two documents give them
    privacy.sum(k.rollup(name), ids.map(k.project));
    privacy.sum(k.portfolioAc(name), ids.map(k.projectAc));
  }
  // A project's window hours and its theme total are the same people's: hide both or neither.
  for (const p of projects) privacy.sum(k.project(p.id), [k.projectMix(p.id)]);
  return privacy.settle();
}
