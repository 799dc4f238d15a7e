import type { TaskStatusValue } from '../../domain/index.ts';
import { HttpError } from '../kit/errors.ts';
import type { AdoClient } from './client.ts';
import { AdoStateSchema } from './schema.ts';

/**
 * A work item's status category comes from its type's workflow: each state of a type belongs to
 * one of five categories (`_apis/wit/workitemtypes/{type}/states`). pmpulse's three statuses:
 * Proposed → todo; InProgress and Resolved (solved, not yet verified: still on the backlog) →
 * in_progress; Completed and Removed (cut from scope, as Jira's done category holds "Won't do") →
 * done. Read once per project and type in a sync.
 */

const byCategory: Record<string, TaskStatusValue> = {
  proposed: 'todo',
  inprogress: 'in_progress',
  resolved: 'in_progress',
  completed: 'done',
  removed: 'done',
};

export function statusOfCategory(category: string): TaskStatusValue | undefined {
  return byCategory[category.replace(/\s+/g, '').toLowerCase()];
}

export interface StateBook {
  /** Loads the workflows of the given types (once each). */
  load(project: string, types: Iterable<string>): Promise<void>;
  /** The status of a state of a type; undefined for a state the type no longer lists. */
  statusOf(project: string, type: string, state: string): TaskStatusValue | undefined;
}

export function createStateBook(client: AdoClient): StateBook {
  const books = new Map<string, Map<string, TaskStatusValue>>();
  const key = (project: string, type: string) => `${project}\u0000${type.toLowerCase()}`;
  return {
    async load(project, types) {
      const missing = [...new Set(types)].filter((type) => !books.has(key(project, type)));
      await Promise.all(
        missing.map(async (type) => {
          const states = new Map<string, TaskStatusValue>();
          let raw: unknown[] = [];
          try {
            raw = await client.states(project, type);
          } catch (error) {
            // A type removed from the process still names old work items: their states are unknown.
            if (!(error instanceof HttpError) || error.status !== 404) throw error;
          }
          for (const item of raw) {
            const parsed = AdoStateSchema.safeParse(item);
            const status = parsed.success ? statusOfCategory(parsed.data.category) : undefined;
            if (parsed.success && status) states.set(parsed.data.name.toLowerCase(), status);
          }
          books.set(key(project, type), states);
        }),
      );
    },
    statusOf(project, type, state) {
      return books.get(key(project, type))?.get(state.toLowerCase());
    },
  };
}
