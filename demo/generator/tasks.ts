import type { DemoTask, DemoTheme, DemoWorklog, StatusCategory, WorkflowStatus } from './model.ts';
import type { ProjectDraft } from './projects.ts';
import type { Random } from './random.ts';
import { drawEstimate, drawLifecycle } from './lifecycle.ts';
import { makeHistory } from './history.ts';
import { makeWorklogs, quarter } from './worklogs.ts';
import { noiseLabels, taskObjects, taskVerbs } from './names.ts';
import { floorToDay, toWeekday, workingInstant } from './time.ts';

export interface WorkContext {
  random: Random;
  themes: readonly DemoTheme[];
  windowStart: number;
  now: number;
}

export interface ProjectWork {
  tasks: DemoTask[];
  worklogs: DemoWorklog[];
}

/** Every task of one project, with its status history and worklogs. Ids are assigned later. */
export function makeProjectWork(context: WorkContext, draft: ProjectDraft): ProjectWork {
  const tasks: DemoTask[] = [];
  const worklogs: DemoWorklog[] = [];
  for (let index = 0; index < draft.taskCount; index++) {
    const { task, logs } = makeTask(context, draft, `${draft.project.id}-task-${index + 1}`);
    tasks.push(task);
    for (const log of logs) worklogs.push(log);
  }
  return { tasks, worklogs };
}

function makeTask(context: WorkContext, draft: ProjectDraft, id: string): { task: DemoTask; logs: DemoWorklog[] } {
  const { random, now } = context;
  const { project, persona } = draft;
  const createdDay = floorToDay(draft.activeFrom + random.next() * (draft.activeTo - draft.activeFrom));
  const createdAt = workingInstant(toWeekday(createdDay, draft.activeFrom, draft.activeTo), random.next());
  // Jira issue type; a milestone always has a due date, so hit or missed is always known.
  const type = random.weighted([['Story', 49], ['Task', 34], ['Bug', 15], ['Milestone', 2]] as const);
  const big = random.chance(0.015);
  const estimate = drawEstimate(random, big);
  const hasEstimate = big || random.chance(0.86);
  const workHours = quarter(estimate * persona.hoursRatio * Math.exp(random.normal(0, 0.25))) || 0.25;
  const life = drawLifecycle(random, persona, createdAt, workHours, type === 'Milestone');
  const status: StatusCategory = life.neverStarted || life.startAt > now ? 'todo' : life.doneAt > now ? 'in_progress' : 'done';
  const workflowStatus = pickWorkflowStatus(random, status);
  const assigneeId = status !== 'todo' || random.chance(0.65) ? random.pick(project.memberIds) : null;
  const history = makeHistory(random, {
    status,
    workflowStatus,
    startAt: life.startAt,
    endAt: status === 'done' ? life.doneAt : now,
    assigneeId: assigneeId ?? project.pmId,
    pmId: project.pmId,
    assignedOnStart: random.chance(0.2),
    reopened: random.chance(persona.reopenProbability),
  });
  const progress = status === 'done' ? 1 : Math.min(0.9, Math.max(0.1, (now - life.startAt) / (life.doneAt - life.startAt)));
  const logs =
    status === 'todo' || assigneeId === null
      ? []
      : makeWorklogs(random, {
          taskId: id,
          hours: quarter(workHours * progress) || 0.25,
          from: life.startAt,
          to: status === 'done' ? life.doneAt : now,
          big,
          assigneeId,
          teamIds: project.memberIds,
        });
  const themeId = pickTheme(context, draft, createdAt);
  const theme = context.themes.find((candidate) => candidate.id === themeId);
  const lastChange = Math.max(createdAt, ...history.map((change) => change.at), ...logs.map((log) => log.updatedAt));
  const task: DemoTask = {
    id,
    projectId: project.id,
    sourceId: '',
    key: '',
    title: `${random.pick(taskVerbs)} ${random.pick(taskObjects)}`,
    type,
    status,
    workflowStatus,
    reporterId: random.chance(0.6) ? project.pmId : random.pick(project.memberIds),
    assigneeId,
    createdAt,
    updatedAt: lastChange,
    startedAt: status === 'todo' ? null : life.startAt,
    doneAt: status === 'done' ? life.doneAt : null,
    dueOn: life.dueOn,
    estimateHours: hasEstimate ? estimate : null,
    storyPoints: type === 'Story' && random.chance(0.6) ? storyPointsFor(estimate) : null,
    themeId,
    labels: [...(theme ? [theme.label] : []), ...random.shuffle(noiseLabels).slice(0, random.int(0, 2))].sort(),
    component: random.chance(0.6) ? random.pick(project.components) : null,
    priority: random.weighted([['Highest', 4], ['High', 20], ['Medium', 60], ['Low', 16]] as const),
    history,
    spentHours: logs.reduce((sum, log) => sum + log.hours, 0),
  };
  return { task, logs };
}

function pickWorkflowStatus(random: Random, status: StatusCategory): WorkflowStatus {
  if (status === 'todo') return 'To Do';
  if (status === 'done') return 'Done';
  return random.weighted([['In Progress', 70], ['In Review', 15], ['Blocked', 15]] as const);
}

/** Most tasks carry their project's theme; the persona decides how much work drifts off-theme, more so later in the year. */
function pickTheme(context: WorkContext, draft: ProjectDraft, createdAt: number): string | null {
  const { random } = context;
  const otherTheme = (): string => random.pick(context.themes).id;
  if (draft.project.themeId === null) return random.chance(0.3) ? otherTheme() : null;
  const yearShare = Math.min(1, Math.max(0, (createdAt - context.windowStart) / (context.now - context.windowStart)));
  const [early, late] = draft.persona.unalignedShare;
  if (random.chance(early + (late - early) * yearShare)) return null;
  return random.chance(0.85) ? draft.project.themeId : otherTheme();
}

function storyPointsFor(estimateHours: number): number {
  const scale = [1, 2, 3, 5, 8, 13, 21];
  return scale.find((points) => points * 3 >= estimateHours) ?? 21;
}
