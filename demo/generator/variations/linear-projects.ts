import type { DemoOrg } from '../model.ts';

/**
 * A company that keeps part of its projects in Linear (`pmpulse demo --linear`): every third Jira
 * project, by key, moves there whole (its issues, history and people); its hours come from a
 * timesheet export whose rows name the Linear issues (demo/linear-timesheet.ts). The work is the
 * same; only where it is tracked changes.
 */
export function withLinearProjects(org: DemoOrg): DemoOrg {
  const jira = org.projects.filter((project) => project.system === 'jira').sort((a, b) => a.key.localeCompare(b.key));
  const moved = new Set(jira.filter((_, index) => index % 3 === 2).map((project) => project.id));
  return { ...org, projects: org.projects.map((project) => (moved.has(project.id) ? { ...project, system: 'linear' as const } : project)) };
}
