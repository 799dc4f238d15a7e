/**
 * A list looked up by id, indexed once per list: a page per project that searched the whole list
 * each time would cost projects² at thousands of projects.
 */
const indexes = new WeakMap<readonly unknown[], Map<string, unknown>>();

export function byId<T extends { id: string }>(list: readonly T[], id: string): T | undefined {
  let index = indexes.get(list) as Map<string, T> | undefined;
  if (!index) indexes.set(list, (index = new Map(list.map((item) => [item.id, item]))));
  return index.get(id);
}
