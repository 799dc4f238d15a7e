import type { DemoOrg } from './model.ts';
import { capacityOf } from './workload.ts';

/** Source names the demo config gives its two systems; aliases are `<source>:<id in that system>`. */
export const DEMO_SOURCES = { jira: 'jira', asana: 'asana' } as const;

export interface DemoPersonConfig {
  id: string;
  name: string;
  email: string;
  aliases: string[];
  capacityHoursPerWeek: number;
}

/**
 * `people[]` of the demo config: everyone once, under their email, with their Jira account and
 * Asana user as aliases. Email alone would not do: some engineers hide their address in Jira, and
 * the accounts of those who left show none (variations/former-users.ts).
 */
export function demoPeople(org: Pick<DemoOrg, 'people'>): DemoPersonConfig[] {
  return org.people.map((person) => ({
    id: person.email,
    name: person.name,
    email: person.email,
    aliases: [`${DEMO_SOURCES.jira}:${person.jiraAccountId}`, `${DEMO_SOURCES.asana}:${person.asanaGid}`],
    capacityHoursPerWeek: capacityOf(person),
  }));
}
