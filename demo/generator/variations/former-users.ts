import type { DemoOrg, DemoPerson } from '../model.ts';

/**
 * People who left: Jira shows a deleted account as "Former user" (`active: false`, no e-mail) and
 * keeps its account id on every worklog. Three engineers who logged time on Jira projects left;
 * the company kept the first in `people[]` (its Jira account id as an alias still joins the
 * hours to the person), and dropped the other two (their hours stay under each account's own id,
 * two former users, never one).
 */

const LEAVERS = 3;

export function withFormerUsers(org: DemoOrg): DemoOrg {
  const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
  const projectOfTask = new Map(org.tasks.map((task) => [task.id, task.projectId]));
  const systems = new Map<string, { jira: number; asana: number }>();
  for (const log of org.worklogs) {
    const where = systems.get(log.personId) ?? { jira: 0, asana: 0 };
    if (jiraProjects.has(projectOfTask.get(log.taskId) ?? '')) where.jira += log.hours;
    else where.asana += log.hours;
    systems.set(log.personId, where);
  }
  // Full-time members with Jira hours, those with none in Asana first (a leaver's Asana account
  // would stay a separate, e-mailed identity), then by id: the same company every run.
  const inAsana = (person: DemoPerson): number => Number((systems.get(person.id)?.asana ?? 0) > 0);
  const leavers = org.people
    .filter((person) => person.role === 'member' && person.capacityHoursPerWeek === undefined && (systems.get(person.id)?.jira ?? 0) > 0)
    .sort((a, b) => inAsana(a) - inAsana(b) || a.id.localeCompare(b.id, 'en', { numeric: true }))
    .slice(0, LEAVERS)
    .map((person) => person.id);
  const formerInJira = new Map(leavers.map((id, index) => [id, { inConfig: index === 0 }]));
  return { ...org, people: org.people.map((person) => (formerInJira.has(person.id) ? { ...person, formerInJira: formerInJira.get(person.id)! } : person)) };
}

/** A deleted account as Jira's UserDetails shows it: the display name says so, the rest is blank. */
export function renderFormerUser(origin: string, person: DemoPerson): Record<string, unknown> {
  return {
    self: `${origin}/rest/api/3/user?accountId=${encodeURIComponent(person.jiraAccountId)}`,
    accountId: person.jiraAccountId,
    displayName: 'Former user',
    active: false,
    timeZone: 'Etc/UTC',
    accountType: 'atlassian',
  };
}
