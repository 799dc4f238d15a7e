import type { DemoOrg } from './generator/index.ts';

/**
 * The hours of the demo's Linear projects as a Tempo-style timesheet export (Linear has no time
 * tracking): one row per worklog, naming the Linear issue by its identifier in "Issue Key", plus
 * the person's e-mail, so a csv source with `preset: "tempo"` and `issueKeys` joins each row to
 * its issue. The rows are the same worklogs the Jira server would serve for those projects.
 */
export const linearTimesheetHeader = ['Work date', 'Full name', 'Email', 'Hours', 'Project Key', 'Issue Key'];

export function linearTimesheetCsv(org: DemoOrg): string {
  const projects = new Map(org.projects.filter((project) => project.system === 'linear').map((project) => [project.id, project]));
  const tasks = new Map(org.tasks.filter((task) => projects.has(task.projectId)).map((task) => [task.id, task]));
  const people = new Map(org.people.map((person) => [person.id, person]));
  const lines = [linearTimesheetHeader.join(',')];
  for (const worklog of org.worklogs) {
    const task = tasks.get(worklog.taskId);
    if (!task) continue;
    const person = people.get(worklog.personId)!;
    const started = new Date(worklog.startedAt).toISOString();
    lines.push([started, quote(person.name), person.email, String(worklog.hours), projects.get(task.projectId)!.key, task.key].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The issue-key prefixes of the Linear projects (each project's team key), for the csv source's `issueKeys`. */
export function linearIssuePrefixes(org: DemoOrg): string[] {
  return org.projects.filter((project) => project.system === 'linear').map((project) => project.key).sort();
}

function quote(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
