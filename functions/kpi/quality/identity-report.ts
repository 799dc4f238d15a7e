import type { Person } from '../../domain/records.ts';
import type { IdentityReport } from '../../contract/documents.ts';
import type { IdentityResolver, JoinedBy } from '../engine/identity.ts';
import { roundHours } from '../engine/numbers.ts';
import type { People } from '../engine/people.ts';

/**
 * For the data-quality page: how each account seen as a PM or in time entries was joined to a
 * person (an alias names its account id, an e-mail matched, or nothing did), and which of them the
 * source shows as deleted or deactivated. A deleted Jira account keeps its account id, so its hours
 * stay under that id (or the person an alias joins it to); two former users are two accounts.
 */
export class IdentityReportTally {
  readonly #resolver: IdentityResolver;
  readonly #inactive: ReadonlyMap<string, Person>;
  readonly #counts: Record<JoinedBy, number> = { alias: 0, email: 0, none: 0 };
  readonly #former: string[] = [];

  constructor(resolver: IdentityResolver, people: readonly Person[]) {
    this.#resolver = resolver;
    this.#inactive = new Map(people.filter((person) => person.active === false).map((person) => [person.id, person]));
  }

  /** Each account once (the engine hears each record id once). */
  note(recordId: string): void {
    this.#counts[this.#resolver.joinedBy(recordId)] += 1;
    if (this.#inactive.has(recordId)) this.#former.push(recordId);
  }

  finish(people: People, windowSlot: number): IdentityReport {
    const formerAccounts = [...this.#former].sort().map((recordId) => {
      const identity = this.#resolver.resolve(recordId);
      const person = people.indexOf(recordId);
      return {
        recordId,
        name: this.#inactive.get(recordId)?.name || recordId,
        personId: identity.id,
        matched: identity.matched,
        hoursInWindow: roundHours(people.slotHours(person, windowSlot)),
      };
    });
    return { accounts: { byAlias: this.#counts.alias, byEmail: this.#counts.email, unmatched: this.#counts.none }, formerAccounts };
  }
}
