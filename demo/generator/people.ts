import type { DemoPerson } from './model.ts';
import type { IdSource } from './ids.ts';
import type { Persona } from './personas.ts';
import type { Random } from './random.ts';
import { firstNames, lastNames } from './names.ts';
import { drawWorkload, type WorkloadProfile } from './workload.ts';

export interface PeopleDraft {
  admin: DemoPerson;
  pms: DemoPerson[];
  members: DemoPerson[];
  /** Capacity and usual load of every team member, by person id. */
  workloads: Map<string, WorkloadProfile>;
}

/** The head of PMO (the demo credentials' user), the PMs with their personas, and the team members. */
export function makePeople(
  random: Random,
  ids: IdSource,
  domain: string,
  personas: readonly Persona[],
  memberCount: number,
): PeopleDraft {
  const workloadRandom = random.fork('workload');
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
  const workloads = new Map<string, WorkloadProfile>();
  const members = Array.from({ length: memberCount }, () => {
    const member = person('member');
    const workload = drawWorkload(workloadRandom);
    workloads.set(member.id, workload);
    return workload.capacity === 40 ? member : { ...member, capacityHoursPerWeek: workload.capacity };
  });
  return { admin, pms, members, workloads };
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
