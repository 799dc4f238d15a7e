import type { DemoOrg, DemoStatusChange } from '../../demo/generator/index.ts';

/**
 * The first Linear issue of the demo org, moved back and forth 30 more times (In Progress ↔
 * Blocked) before its last update: more history than an issue page holds (25), so the connector
 * reads the rest with its own query.
 */
export const extraMoves = 30;

export function withLongHistory(org: DemoOrg): DemoOrg {
  const linear = new Set(org.projects.filter((project) => project.system === 'linear').map((project) => project.id));
  const target = org.tasks.find((task) => linear.has(task.projectId) && task.workflowStatus === 'Done' && task.startedAt !== null);
  if (!target) throw new Error('the demo org has no done Linear issue');
  const start = target.startedAt! + 1000;
  const moves: DemoStatusChange[] = Array.from({ length: extraMoves }, (_, i) => ({
    id: `${target.id}-extra-${i}`,
    at: start + i * 1000,
    authorId: target.reporterId,
    from: i % 2 === 0 ? 'In Progress' : 'Blocked',
    to: i % 2 === 0 ? 'Blocked' : 'In Progress',
  }));
  const history = [...target.history, ...moves].sort((a, b) => a.at - b.at);
  return { ...org, tasks: org.tasks.map((task) => (task === target ? { ...task, history } : task)) };
}
