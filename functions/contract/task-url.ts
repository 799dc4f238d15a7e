import * as z from 'zod';

/**
 * A source's web address for one task, as a template: `{id}` is replaced by the task's id in the
 * source (Jira issue id, Asana task gid) and `{projectId}` by its project's, both URL-encoded.
 * Published per source in quality.json so a reader can open a listed task where it lives.
 */
export const TaskUrlSchema = z.string().optional();

/** The address of one task from its source's template. */
export function taskUrl(template: string, taskSourceId: string, projectSourceId: string): string {
  return template.replaceAll('{id}', encodeURIComponent(taskSourceId)).replaceAll('{projectId}', encodeURIComponent(projectSourceId));
}
