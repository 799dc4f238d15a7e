import type { Org } from '../engine/org.ts';
import type { ThemeMatcher } from './themes.ts';

/** Joins a tag set into one cache key; tags never hold this control character. */
const TAG_SEPARATOR = '\u0000';
export const NO_TAGS: readonly string[] = [];

/**
 * Theme of a task's tags in a project (no tags: the project's own theme). The answer depends only
 * on the project and the tags, and a project's tasks share a few tag sets, so each pair is matched
 * once, not once per task.
 */
export class TaskThemes {
  readonly #matcher: ThemeMatcher;
  readonly #org: Org;
  /** Per project index + 1 (0: no known project): theme by tag set key. */
  readonly #byProject: Map<string, number>[] = [];

  constructor(matcher: ThemeMatcher, org: Org) {
    this.#matcher = matcher;
    this.#org = org;
  }

  of(tags: readonly string[], projectIndex: number): number {
    const byTags = (this.#byProject[projectIndex + 1] ??= new Map());
    const key = tags.length === 0 ? '' : tags.length === 1 ? (tags[0] as string) : tags.join(TAG_SEPARATOR);
    let theme = byTags.get(key);
    if (theme === undefined) byTags.set(key, (theme = this.#matcher.match(tags, this.#org.projects[projectIndex])));
    return theme;
  }
}
