import type { DemoProject, DemoTask } from '../model.ts';

/**
 * One of the company's Jira projects is team-managed. Jira keeps a team-managed project's story
 * points in "Story point estimate", a different custom field from the "Story Points" of
 * company-managed projects, so a connector that reads only one of them loses the other's points.
 * The project chosen is the Jira project with the most pointed tasks (ties: the lower id), so the
 * difference shows. Draws no random numbers: the rest of the company stays as it was.
 */
export function markTeamManagedProject(projects: readonly DemoProject[], tasks: readonly DemoTask[]): void {
  const pointed = new Map<string, number>();
  for (const task of tasks) if (task.storyPoints !== null) pointed.set(task.projectId, (pointed.get(task.projectId) ?? 0) + 1);
  let chosen: DemoProject | undefined;
  for (const project of projects) {
    if (project.system !== 'jira') continue;
    if (!chosen || (pointed.get(project.id) ?? 0) > (pointed.get(chosen.id) ?? 0)) chosen = project;
  }
  if (chosen) chosen.jiraStyle = 'team-managed';
}

export const isTeamManaged = (project: DemoProject | undefined): boolean => project?.jiraStyle === 'team-managed';
