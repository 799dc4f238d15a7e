import type { Config, PersonOverride } from '../config/schema.ts';
import type { Person } from '../domain/index.ts';
import { createIdentityResolver, normalEmail } from '../kpi/engine/identity.ts';
import { ERASED_NAME } from './erasure-list.ts';

/**
 * The person an erasure request names, with everything that identifies them: the `people[]`
 * entry when there is one, every source account that counts as them (the entry's aliases and the
 * accounts its e-mail joins, as the KPI engine joins them), their names and e-mails.
 */
export interface ErasureSubject {
  /** The id as asked: a `people[]` id or `<source>:<account id>`. */
  requested: string;
  /** The `people[]` entry that is this person, by its index in the config. */
  configured?: { index: number; id: string };
  /** Record ids `<source>:<account id>`, sorted. */
  accounts: string[];
  names: string[];
  emails: string[];
}

const isEmail = (text: string | undefined): text is string => text !== undefined && /^[^@\s]+@[^@\s]+$/.test(text.trim());
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Undefined when neither the config nor the stored people know the id. */
export function findSubject(config: Config, people: readonly Person[], requested: string): ErasureSubject | undefined {
  const resolver = createIdentityResolver(people, config.people);
  const byId = config.people.findIndex((person) => person.id === requested);
  const byAlias = byId >= 0 ? byId : config.people.findIndex((person) => person.aliases.includes(requested));
  const stored = people.find((person) => person.id === requested);
  if (byAlias < 0 && !stored) return undefined;
  // An account joined to a configured person stands for that person: erasure is of a person.
  const identity = byAlias >= 0 ? config.people[byAlias]!.id : resolver.resolve(requested).id;
  const index = byAlias >= 0 ? byAlias : config.people.findIndex((person) => person.id === identity);
  const override: PersonOverride | undefined = index >= 0 ? config.people[index] : undefined;
  const mine = people.filter((person) => resolver.resolve(person.id).id === identity);
  const accounts = new Set([...mine.map((person) => person.id), ...(override?.aliases ?? []), ...(stored ? [stored.id] : [])]);
  for (const alias of [...accounts]) if (alias.indexOf(':') < 1) accounts.delete(alias);
  const names = new Set([override?.name, ...mine.map((person) => person.name)].filter((name): name is string => !!name?.trim() && name !== ERASED_NAME));
  const emails = new Set([override?.email, override?.id, ...mine.map((person) => person.email)].filter(isEmail).map((email) => normalEmail(email)!));
  return {
    requested,
    ...(override ? { configured: { index, id: override.id } } : {}),
    accounts: [...accounts].sort(byText),
    names: [...names].sort(byText),
    emails: [...emails].sort(byText),
  };
}
