import type { DemoPerson } from './model.ts';
import type { IdSource } from './ids.ts';
import type { Persona } from './personas.ts';
import type { Random } from './random.ts';
import { firstNames, lastNames } from './names.ts';

export interface PeopleDraft {
  admin: DemoPerson;
  pms: DemoPerson[];
  members: DemoPerson[];
}

/** The head of PMO (the demo credentials' user), the PMs with their personas, and the team members. */
export function makePeople(
  random: Random,
  ids: IdSource,
  domain: string,
  personas: readonly Persona[],
  memberCount: number,
): PeopleDraft {
  const names = uniqueNames(random, personas.length + memberCount + 1);
  let index = 0;
  const person = (role: DemoPerson['role'], persona?: Persona): DemoPerson => {
    const [first, last] = names[index++] as [string, string];
    return {
      id: `person-${index}`,
      name: `${first} ${last}`,
      email: `${first}.${last}@${domain}`.toLowerCase(),
      role,
      jiraAccountId: ids.jiraAccountId(),
      asanaGid: ids.asanaGid(),
      // Privacy settings hide some engineers' addresses; PMs and the admin keep theirs visible.
      hidesEmailInJira: role === 'member' && random.chance(0.15),
      ...(persona ? { persona: persona.id } : {}),
    };
  };
  const admin = { ...person('admin'), email: `pmo-admin@${domain}` };
  const pms = personas.map((persona) => person('pm', persona));
  const members = Array.from({ length: memberCount }, () => person('member'));
  return { admin, pms, members };
}

function uniqueNames(random: Random, count: number): [string, string][] {
  const all: [string, string][] = [];
  for (const first of firstNames) for (const last of lastNames) all.push([first, last]);
  if (count > all.length) throw new RangeError(`at most ${all.length} people, asked for ${count}`);
  return random.shuffle(all).slice(0, count);
}
