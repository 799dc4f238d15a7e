import type { AlignmentDoc, ProjectsDoc } from '../../contract/documents.ts';
import { NO_PORTFOLIO } from '../alignment/alignment.ts';
import { UNALIGNED } from '../alignment/themes.ts';

/**
 * How many distinct people (after alias joining: a person's accounts count once) each published
 * hours figure rests on. A reader that may not see one person's hours (a strategy manager) hides
 * a figure over fewer than `privacy.minGroup` people; the counts let it tell which ones.
 *
 * Per project (index + 1; 0 = an entry on no known project) and theme slot (the unaligned hours
 * last), the people who logged hours in the window; per project, those who logged any hours up to
 * the as-of date (the people behind actual cost, AC). Aggregates (portfolio, company, PM) are
 * unions of their projects' sets, taken once at the end.
 */
export class PeopleCounts {
  readonly #width: number;
  readonly #window = new Map<number, Set<number>>();
  readonly #toDate = new Map<number, Set<number>>();

  constructor(themeCount: number) {
    this.#width = themeCount + 1;
  }

  /** A person's hours in the window on project `projectIndex` (-1: unknown), theme `themeIndex` (UNALIGNED: none). */
  addWindow(projectIndex: number, themeIndex: number, person: number): void {
    const slot = themeIndex === UNALIGNED ? this.#width - 1 : themeIndex;
    add(this.#window, (projectIndex + 1) * this.#width + slot, person);
  }

  /** A person's hours on or before the as-of date on project `projectIndex`. */
  addToDate(projectIndex: number, person: number): void {
    add(this.#toDate, projectIndex + 1, person);
  }

  /**
   * Adds `people` beside the hours of the projects and alignment documents. `portfolios` and
   * `managers` are each project's portfolio and PM id by project index, as the documents group them.
   */
  addTo(projects: ProjectsDoc, alignment: AlignmentDoc, ids: readonly string[], portfolios: readonly string[], managers: readonly (string | undefined)[]): void {
    const width = this.#width;
    const known = ids.map((_, index) => index);
    const indexOf = new Map(ids.map((id, index) => [id, index]));
    // The window's people of these projects (-1: entries on no known project), optionally of one theme slot.
    const windowPeople = (indexes: readonly number[], slot?: number): number => {
      const seen = new Set<number>();
      for (const index of indexes) {
        for (let s = slot ?? 0; s <= (slot ?? width - 1); s++) this.#window.get((index + 1) * width + s)?.forEach((person) => seen.add(person));
      }
      return seen.size;
    };
    const toDatePeople = (indexes: readonly number[]): number => {
      const seen = new Set<number>();
      for (const index of indexes) this.#toDate.get(index + 1)?.forEach((person) => seen.add(person));
      return seen.size;
    };
    const themeSlot = new Map(alignment.themes.map((theme, slot) => [theme.id, slot]));
    const withThemes = <T extends { id: string }>(themes: T[], indexes: readonly number[]) => themes.map((theme) => ({ ...theme, people: windowPeople(indexes, themeSlot.get(theme.id) ?? -1) }));

    const byPortfolio = groupIndexes(known, (index) => portfolios[index] ?? NO_PORTFOLIO);
    const byManager = groupIndexes(known, (index) => managers[index]);

    for (const project of projects.projects) {
      const index = indexOf.get(project.id);
      const indexes = index === undefined ? [] : [index];
      Object.assign(project, { people: windowPeople(indexes), peopleToDate: toDatePeople(indexes) });
    }
    for (const portfolio of projects.portfolios ?? []) {
      const indexes = byPortfolio.get(portfolio.name) ?? [];
      Object.assign(portfolio, { people: windowPeople(indexes), peopleToDate: toDatePeople(indexes) });
    }

    const everything = [-1, ...known];
    // The alignment's `(none)` portfolio also holds entries on no known project.
    const alignmentPortfolio = (name: string) => (name === NO_PORTFOLIO ? [-1, ...(byPortfolio.get(name) ?? [])] : (byPortfolio.get(name) ?? []));
    Object.assign(alignment, { people: windowPeople(everything), unalignedPeople: windowPeople(everything, width - 1), themes: withThemes(alignment.themes, everything) });
    alignment.portfolios = alignment.portfolios.map((portfolio) => {
      const indexes = alignmentPortfolio(portfolio.name);
      return { ...portfolio, people: windowPeople(indexes), unalignedPeople: windowPeople(indexes, width - 1), themes: withThemes(portfolio.themes, indexes) };
    });
    if (alignment.managers) {
      alignment.managers = alignment.managers.map((manager) => {
        const indexes = byManager.get(manager.id) ?? [];
        return { ...manager, people: windowPeople(indexes), unalignedPeople: windowPeople(indexes, width - 1), themes: withThemes(manager.themes, indexes) };
      });
    }
    if (alignment.projects) {
      alignment.projects = alignment.projects.map((mix) => {
        const indexes = indexOf.has(mix.id) ? [indexOf.get(mix.id)!] : [];
        return { ...mix, people: windowPeople(indexes), unalignedPeople: windowPeople(indexes, width - 1), themes: withThemes(mix.themes, indexes) };
      });
    }
    if (alignment.unalignedWork) {
      alignment.unalignedWork = alignment.unalignedWork.map((row) => ({ ...row, people: windowPeople(indexOf.has(row.projectId) ? [indexOf.get(row.projectId)!] : [], width - 1) }));
    }
  }
}

function add(sets: Map<number, Set<number>>, key: number, person: number): void {
  let set = sets.get(key);
  if (!set) sets.set(key, (set = new Set()));
  set.add(person);
}

function groupIndexes<K>(indexes: readonly number[], keyOf: (index: number) => K | undefined): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  for (const index of indexes) {
    const key = keyOf(index);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  }
  return groups;
}
