import type { DemoOrg, DemoPerson } from '../model.ts';

/**
 * People who left: Jira shows a deleted account as "Former user" (`active: false`, no e-mail) and
 * keeps its account id on every worklog. Three engineers who logged time on Jira projects left;
 * the company keeps them in `people[]`, so the Jira account id in each one's aliases still joins
 * their Jira hours to them (their Asana accounts keep name and e-mail). Dropped from `people[]`,
 * each would stand apart under its own account id, three former users, never one (the tests do
 * that); the demo does not, because every leaver also has an Asana account and would split in two.
 */

const LEAVERS = 3;

export function withFormerUsers(org: DemoOrg): DemoOrg {
  const jiraProjects = new Set(org.projects.filter((project) => project.system === 'jira').map((project) => project.id));
  const projectOfTask = new Map(org.tasks.map((task) => [task.id, task.projectId]));
  const systems = new Map<string, { jira: number }>();
  for (const log of org.worklogs) {
    const where = systems.get(log.personId) ?? { jira: 0 };
    if (jiraProjects.has(projectOfTask.get(log.taskId) ?? '')) where.jira += log.hours;
    systems.set(log.personId, where);
  }
  // Full-time members with Jira hours, by id: the same company every run.
  const leavers = new Set(
    org.people
      .filter((person) => person.role === 'member' && person.capacityHoursPerWeek === undefined && (systems.get(person.id)?.jira ?? 0) > 0)
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
      .slice(0, LEAVERS)
      .map((person) => person.id),
  );
  return { ...org, people: org.people.map((person) => (leavers.has(person.id) ? { ...person, formerInJira: true as const } : person)) };
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
