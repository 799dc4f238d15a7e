import type { Person } from '../../domain/index.ts';

/**
 * People turn up again and again during a sync (as leads, assignees, worklog authors). The ledger
 * lets each through once, and again only when a later sighting tells more (an email that an
 * earlier, privacy-filtered sighting hid), so batches stay small and nothing learnt is lost.
 */
export interface PeopleLedger {
  /** The people among `candidates` that are new, or newly carry an email. */
  admit(candidates: Iterable<Person | undefined>): Person[];
}

export function createPeopleLedger(): PeopleLedger {
  const known = new Map<string, Person>();
  return {
    admit(candidates) {
      const admitted = new Map<string, Person>();
      for (const person of candidates) {
        if (!person) continue;
        const before = known.get(person.id);
        if (before && (before.email || !person.email)) continue;
        const merged: Person = before ? { ...before, ...person, name: person.name || before.name } : person;
        known.set(person.id, merged);
        admitted.set(person.id, merged);
      }
      return [...admitted.values()];
    },
  };
}
