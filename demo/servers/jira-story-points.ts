import type { DemoProject, DemoTask } from '../generator/index.ts';
import { isTeamManaged } from '../generator/variations/team-managed.ts';

/**
 * Story points as Jira keeps them: company-managed projects in "Story Points", team-managed ones
 * in "Story point estimate", two custom fields with their own ids. An issue carries only its own
 * project's field; asked for the other, the search leaves it out (renderers returning undefined
 * are dropped from the JSON).
 */
export const STORY_POINTS_FIELD = 'customfield_10016';
export const STORY_POINT_ESTIMATE_FIELD = 'customfield_10036';

interface Context {
  index: { projectsById: ReadonlyMap<string, DemoProject> };
}

const teamManaged = (task: DemoTask, context: Context) => isTeamManaged(context.index.projectsById.get(task.projectId));

export const storyPointRenderers = {
  [STORY_POINTS_FIELD]: (task: DemoTask, context: Context) => (teamManaged(task, context) ? undefined : task.storyPoints),
  [STORY_POINT_ESTIMATE_FIELD]: (task: DemoTask, context: Context) => (teamManaged(task, context) ? task.storyPoints : undefined),
};

/** What `/field` lists for the two, as Jira Cloud describes them. */
export const storyPointFieldCatalogue = [
  { id: 10016, name: 'Story Points', type: 'number', customType: 'com.atlassian.jira.plugin.system.customfieldtypes:float' },
  { id: 10036, name: 'Story point estimate', type: 'number', customType: 'com.pyxis.greenhopper.jira:jsw-story-points' },
] as const;
