/**
 * A rule's step from the subjects it kept as firing to the ones firing now: those not kept fire
 * (they are news); those kept but no longer firing are cleared, so they fire again when they come
 * back; the new state is exactly the set firing now.
 */
export interface Transition {
  fired: string[];
  cleared: string[];
  next: string[];
}

export function transition(kept: readonly string[], now: Iterable<string>): Transition {
  const before = new Set(kept);
  const current = [...new Set(now)].sort();
  const currentSet = new Set(current);
  return {
    fired: current.filter((subject) => !before.has(subject)),
    cleared: [...before].filter((subject) => !currentSet.has(subject)).sort(),
    next: current,
  };
}
