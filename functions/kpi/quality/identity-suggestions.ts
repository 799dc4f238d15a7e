import type { PersonOverride } from '../../config/schema.ts';
import type { Person } from '../../domain/records.ts';
import type { IdentitySuggestion } from '../../contract/documents.ts';
import { normalEmail, type Identity, type IdentityResolver } from '../engine/identity.ts';

/**
 * Which unmatched accounts look like one person, and the `people[]` entry that would join them.
 * Two accounts look alike when they share a display name (ignoring case, accents and spaces) or
 * an e-mail local part (the part before @, whatever the domain); an account that looks like a
 * configured person (its name, e-mail, or those of the records it already vouches for) joins that
 * person. Within one source a person has one account, so a name or local part that two accounts of
 * the same source share joins nobody (Jira shows every deleted account as "Former user"). Only
 * suggestions: a shared name can be two people, so nothing is merged without config.
 */

type Reason = IdentitySuggestion['reasons'][number];

interface Node {
  id: string;
  name: string;
  recordIds: string[];
  /** Sources of the account's records (none for a configured person: it joins whatever matches). */
  sources: Set<string>;
  names: string[];
  emails: string[];
  override?: PersonOverride;
}

/** "Aná  LIMA " and "ana lima" are the same display name. */
export const nameKey = (name: string): string => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** An e-mail compared as the resolver compares them, when the text is one at all. */
const emailIn = (text: string | undefined): string | undefined => {
  const email = normalEmail(text);
  return email && /^[^@\s]+@[^@\s]+$/.test(email) ? email : undefined;
};

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function suggestIdentities(people: readonly Person[], overrides: readonly PersonOverride[], unmatched: readonly Identity[], resolver: IdentityResolver): IdentitySuggestion[] {
  const accounts = new Map(unmatched.map((identity) => [identity.id, node(identity.id, identity.name === identity.id ? [] : [identity.name], [])]));
  const configured = new Map<string, Node>();
  for (const override of overrides) {
    if (configured.has(override.id)) continue;
    configured.set(override.id, { ...node(override.id, override.name ? [override.name] : [], [override.email, override.id]), override });
  }
  for (const person of [...people].sort((a, b) => byText(a.id, b.id))) {
    const identity = resolver.resolve(person.id);
    const owner = identity.matched ? configured.get(identity.id) : accounts.get(identity.id);
    if (!owner) continue;
    if (!identity.matched) {
      owner.recordIds.push(person.id);
      owner.sources.add(person.source);
    }
    owner.names.push(person.name);
    for (const text of [person.email, person.name]) {
      const email = emailIn(text);
      if (email) owner.emails.push(email);
    }
  }
  const nodes = [...accounts.values(), ...configured.values()];
  for (const account of accounts.values()) {
    if (account.recordIds.length > 0) continue;
    account.recordIds.push(account.id);
    account.sources.add(account.id.slice(0, account.id.indexOf(':')));
  }
  return groups(nodes)
    .flatMap(({ members, reasons }) => suggestion(members, reasons) ?? [])
    .sort((a, b) => byText(a.config, b.config));
}

function node(id: string, names: string[], emails: (string | undefined)[]): Node {
  return { id, name: names[0] ?? id, recordIds: [], sources: new Set(), names, emails: emails.flatMap((text) => emailIn(text) ?? []) };
}

/** Nodes joined by any shared key (union-find), with the kinds of key that joined them. */
function groups(nodes: readonly Node[]): { members: Node[]; reasons: Set<Reason> }[] {
  const parent = nodes.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] as number)));
  const byKey = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const keys = [
      ...n.names.map((name) => (emailIn(name) ? '' : nameKey(name))).filter(Boolean).map((key) => `sameName ${key}`),
      ...n.emails.map((email) => `sameEmailLocalPart ${email.slice(0, email.indexOf('@'))}`),
    ];
    for (const key of new Set(keys)) {
      const members = byKey.get(key);
      if (members) members.push(i);
      else byKey.set(key, [i]);
    }
  });
  for (const [key, members] of byKey) if (sharedWithinASource(members.map((i) => nodes[i] as Node))) byKey.delete(key);
  for (const members of byKey.values()) for (const i of members) parent[root(i)] = root(members[0] as number);
  const found = new Map<number, { members: Node[]; reasons: Set<Reason> }>();
  nodes.forEach((n, i) => {
    const group = found.get(root(i)) ?? { members: [], reasons: new Set<Reason>() };
    group.members.push(n);
    found.set(root(i), group);
  });
  for (const [key, members] of byKey) {
    if (members.length > 1) found.get(root(members[0] as number))?.reasons.add(key.slice(0, key.indexOf(' ')) as Reason);
  }
  return [...found.values()];
}

function sharedWithinASource(members: readonly Node[]): boolean {
  const seen = new Set<string>();
  for (const member of members) {
    for (const source of member.sources) {
      if (seen.has(source)) return true;
      seen.add(source);
    }
  }
  return false;
}

/** None for a lone account, and none where two configured people look alike: config already says they differ. */
function suggestion(members: readonly Node[], reasons: Set<Reason>): IdentitySuggestion | undefined {
  const joining = members.filter((member) => !member.override).sort((a, b) => byText(a.id, b.id));
  const people = members.filter((member) => member.override);
  if (joining.length === 0 || people.length > 1 || members.length < 2) return undefined;
  const person = people[0]?.override;
  const recordIds = joining.flatMap((account) => account.recordIds);
  const accounts = joining.map(({ id, name }) => `${name} (${id})`).join(', ');
  const why = [...reasons].map((reason) => (reason === 'sameName' ? 'same display name' : 'same e-mail local part')).join(', ');
  if (person) {
    const aliases = [...person.aliases, ...recordIds.filter((id) => !person.aliases.includes(id)).sort(byText)];
    return {
      reasons: [...reasons, 'knownPerson'],
      message: `${accounts} ${joining.length > 1 ? 'look' : 'looks'} like ${person.id} in people[] (${why}): add to its aliases.`,
      accounts: joining.map(({ id, name, recordIds: ids }) => ({ id, name, recordIds: ids })),
      personId: person.id,
      config: oneLine({ ...person, aliases }),
    };
  }
  return {
    reasons: [...reasons],
    message: `${accounts} look like one person (${why}).`,
    accounts: joining.map(({ id, name, recordIds: ids }) => ({ id, name, recordIds: ids })),
    config: oneLine({ id: commonEmail(joining) ?? (joining[0] as Node).id, aliases: [...recordIds].sort(byText) }),
  };
}

/** The e-mail most of the accounts' records carry (the smallest on a tie): the person's id, as the config advises. */
function commonEmail(accounts: readonly Node[]): string | undefined {
  const counts = new Map<string, number>();
  for (const email of accounts.flatMap((account) => account.emails)) counts.set(email, (counts.get(email) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || byText(a, b))[0]?.[0];
}

/** JSON on one line, spaced as people write config: `{ "id": "ana@acme.com", "aliases": ["jira:1", "asana:2"] }`. */
export function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, field]) => field !== undefined);
    return `{ ${fields.map(([key, field]) => `${JSON.stringify(key)}: ${oneLine(field)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}
