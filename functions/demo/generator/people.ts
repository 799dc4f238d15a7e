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

/**
 * Distinct names, and distinct first names for the first people drawn (the PMs come first), so
 * a leadership chart never shows four PMs called the same. Round k pairs the j-th first name with
 * last name (j + 13k) mod |last names|: 13 is coprime with 30, so no pair repeats.
 */
function uniqueNames(random: Random, count: number): [string, string][] {
  const firsts = random.shuffle([...firstNames]);
  const lasts = random.shuffle([...lastNames]);
  const max = firsts.length * lasts.length;
  if (count > max) throw new RangeError(`at most ${max} people, asked for ${count}`);
  return Array.from({ length: count }, (_, i) => {
    const round = Math.floor(i / firsts.length);
    const j = i % firsts.length;
    return [firsts[j]!, lasts[(j + 13 * round) % lasts.length]!];
  });
}
