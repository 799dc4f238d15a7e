import type { PersonOverride } from '../../config/schema.ts';
import type { Person } from '../../domain/records.ts';

/**
 * Who is who across sources. A source person id resolves to one canonical person, in this order:
 * 1. an override lists the record id among its `aliases`;
 * 2. the person's email equals an override's email (ignoring case);
 * 3. another source's person with the same email resolved to an override by rule 1: join them;
 * 4. people with the same email across sources merge under the smallest of their record ids;
 * 5. otherwise the record id stands for itself.
 */

export interface Identity {
  id: string;
  name: string;
  /** True when a configured person override vouches for this identity. */
  matched: boolean;
}

/** How a source record found its person: an override's alias (the account id), an e-mail (rules 2 and 3), or not at all. */
export type JoinedBy = 'alias' | 'email' | 'none';

export interface IdentityResolver {
  resolve(recordId: string): Identity;
  joinedBy(recordId: string): JoinedBy;
}

/** An e-mail as identities compare it: trimmed and lower case; undefined when empty. */
export const normalEmail = (email: string | undefined): string | undefined => {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : undefined;
};

export function createIdentityResolver(people: readonly Person[], overrides: readonly PersonOverride[]): IdentityResolver {
  const directory = new PeopleDirectory(people, overrides);
  const cache = new Map<string, Identity>();
  return {
    resolve(recordId) {
      let identity = cache.get(recordId);
      if (!identity) cache.set(recordId, (identity = directory.identify(recordId)));
      return identity;
    },
    joinedBy: (recordId) => directory.joinedBy(recordId),
  };
}

class PeopleDirectory {
  readonly #byAlias = new Map<string, PersonOverride>();
  readonly #byEmail = new Map<string, PersonOverride>();
  readonly #people: ReadonlyMap<string, Person>;
  /** People by normalised email, each group in record-id order so its first member is canonical. */
  readonly #emailGroups = new Map<string, Person[]>();

  constructor(people: readonly Person[], overrides: readonly PersonOverride[]) {
    for (const override of overrides) {
      for (const alias of override.aliases) if (!this.#byAlias.has(alias)) this.#byAlias.set(alias, override);
      // A project rule may name the PM by canonical id: it resolves to the override itself.
      if (!this.#byAlias.has(override.id)) this.#byAlias.set(override.id, override);
      const email = normalEmail(override.email);
      if (email && !this.#byEmail.has(email)) this.#byEmail.set(email, override);
    }
    const sorted = [...people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.#people = new Map(sorted.map((person) => [person.id, person]));
    for (const person of sorted) {
      const email = normalEmail(person.email);
      if (!email) continue;
      const group = this.#emailGroups.get(email);
      if (group) group.push(person);
      else this.#emailGroups.set(email, [person]);
    }
  }

  identify(recordId: string): Identity {
    const override = this.#overrideFor(recordId);
    if (override) return { id: override.id, name: this.#overrideName(override), matched: true };
    const person = this.#people.get(recordId);
    const email = normalEmail(person?.email);
    const canonical = (email ? this.#emailGroups.get(email)?.[0] : undefined) ?? person;
    return { id: canonical?.id ?? recordId, name: canonical?.name || recordId, matched: false };
  }

  joinedBy(recordId: string): JoinedBy {
    if (this.#byAlias.has(recordId)) return 'alias';
    return this.#overrideFor(recordId) ? 'email' : 'none';
  }

  #overrideFor(recordId: string): PersonOverride | undefined {
    const direct = this.#byAlias.get(recordId);
    if (direct) return direct;
    const email = normalEmail(this.#people.get(recordId)?.email);
    if (!email) return undefined;
    const viaEmail = this.#byEmail.get(email);
    if (viaEmail) return viaEmail;
    for (const member of this.#emailGroups.get(email) ?? []) {
      const viaAlias = this.#byAlias.get(member.id);
      if (viaAlias) return viaAlias;
    }
    return undefined;
  }

  /** One name per override whichever record led to it, so the output does not depend on record order. */
  #overrideName(override: PersonOverride): string {
    const aliasName = override.aliases.map((alias) => this.#people.get(alias)?.name).find(Boolean);
    const email = normalEmail(override.email);
    const emailName = email ? this.#emailGroups.get(email)?.[0]?.name : undefined;
    return override.name || aliasName || emailName || override.id;
  }
}
