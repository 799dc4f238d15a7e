/**
 * The demo organisation in a source-neutral shape. The Jira and Asana servers render it in their
 * own formats; nothing here is specific to one vendor except the ids each system gives a record.
 * Instants are epoch milliseconds (UTC); calendar days are `YYYY-MM-DD`.
 */

export type DemoScale = 'small' | 'medium' | 'large';
export type DemoSystem = 'jira' | 'asana' | 'azure-devops' | 'linear';

export type PersonaId =
  | 'steady'
  | 'late-but-cheap'
  | 'fast-over-budget'
  | 'theme-drifter'
  | 'small-sample'
  | 'under-estimator'
  | 'typical';

export interface DemoPerson {
  id: string;
  name: string;
  /** The same address in every system, which is how the two systems' records of one person meet. */
  email: string;
  role: 'admin' | 'pm' | 'member';
  jiraAccountId: string;
  asanaGid: string;
  /** Jira privacy setting: the API leaves `emailAddress` out for this person. */
  hidesEmailInJira: boolean;
  /** Only for PMs: the behaviour pattern their projects follow. */
  persona?: PersonaId;
  /** Contracted hours per week; absent means full time (40 h). The demo config states it. */
  capacityHoursPerWeek?: number;
  /** Left the company: Jira shows a "Former user" (variations/former-users.ts). */
  formerInJira?: true;
}

export interface DemoPortfolio {
  id: string;
  name: string;
  description: string;
  jiraCategoryId: string;
  asanaGid: string;
}

export interface DemoTheme {
  id: string;
  name: string;
  /** The label tasks and projects carry, e.g. `theme-growth`. */
  label: string;
  target: number;
  asanaOptionGid: string;
}

export interface DemoProject {
  id: string;
  system: DemoSystem;
  /** Jira project id (numeric) or Asana project gid. */
  sourceId: string;
  /** Jira project key; Asana projects have one too, unused there. */
  key: string;
  name: string;
  pmId: string;
  portfolioId: string;
  themeId: string | null;
  memberIds: string[];
  components: string[];
  createdAt: number;
  modifiedAt: number;
  /** Asana section gids, by workflow section. */
  sectionGids: Record<AsanaSection, string>;
  /** Jira: the project's workflow never sets a resolution, so done is known by status category only (variations/no-resolution.ts). */
  setsNoResolution?: boolean;
  /** Jira only: a team-managed project (variations/team-managed.ts); absent: company-managed. */
  jiraStyle?: 'team-managed';
  /** Project ownership as a real company keeps it (variations/project-ownership.ts); absent: the lead is `pmId`. */
  ownership?: DemoOwnership;
}

export interface DemoOwnership {
  /** The Jira project lead or Asana project owner, when it is not the PM. */
  leadId?: string;
  /** Whom the "Project Manager" field names: a user picker on each Jira issue, a people field on the Asana project. */
  pmFieldPersonId?: string;
  /** The Jira project category, when it is not the portfolio's. */
  jiraCategory?: { id: string; name: string; description: string };
}

/** A milestone is a deliverable that always has a due date; the milestone KPI counts it apart. */
export type DemoTaskType = 'Story' | 'Task' | 'Bug' | 'Milestone';

export type AsanaSection = 'To do' | 'In progress' | 'Done' | 'Blocked';
export type WorkflowStatus = 'To Do' | 'In Progress' | 'In Review' | 'Blocked' | 'Done';
export type StatusCategory = 'todo' | 'in_progress' | 'done';

export interface DemoStatusChange {
  id: string;
  at: number;
  authorId: string;
  from: WorkflowStatus;
  to: WorkflowStatus;
  /** Set when the assignee changed in the same edit (Jira puts both items in one history entry). */
  assigneeFrom?: string | null;
  assigneeTo?: string | null;
}

export interface DemoTask {
  id: string;
  projectId: string;
  /** Jira issue id (numeric) or Asana task gid. */
  sourceId: string;
  /** Jira issue key (`ABC-12`). */
  key: string;
  title: string;
  type: DemoTaskType;
  status: StatusCategory;
  workflowStatus: WorkflowStatus;
  reporterId: string;
  assigneeId: string | null;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  doneAt: number | null;
  dueOn: string | null;
  estimateHours: number | null;
  storyPoints: number | null;
  themeId: string | null;
  labels: string[];
  component: string | null;
  priority: 'Highest' | 'High' | 'Medium' | 'Low';
  history: DemoStatusChange[];
  /** Sum of the task's worklog hours. */
  spentHours: number;
  /** Changes of the due date and original estimate, oldest first (variations/replans.ts); absent: never changed. */
  replans?: DemoReplan[];
}

/** One edit of a task's plan: Jira records it as a changelog entry, Asana a due-date change as a story. */
export interface DemoReplan {
  /** Jira history id. */
  id: string;
  /** Asana story gid. */
  gid: string;
  at: number;
  authorId: string;
  /** Set when the due date changed: the days before and after (null: none). */
  due?: { from: string | null; to: string | null };
  /** Set when the original estimate changed, in hours (null: none). */
  estimate?: { from: number | null; to: number | null };
}

export interface DemoWorklog {
  id: string;
  taskId: string;
  personId: string;
  day: string;
  startedAt: number;
  hours: number;
  updatedAt: number;
}

export interface DemoOrg {
  seed: number;
  scale: DemoScale;
  asOf: string;
  /** The latest instant any record carries: the afternoon of `asOf`. */
  now: number;
  company: { name: string; domain: string; asanaWorkspaceGid: string };
  adminId: string;
  people: DemoPerson[];
  portfolios: DemoPortfolio[];
  themes: DemoTheme[];
  projects: DemoProject[];
  tasks: DemoTask[];
  /** Ordered by task, then by start time. */
  worklogs: DemoWorklog[];
  /**
   * Worklogs deleted at the source, for the Jira `/worklog/deleted` feed. The generator makes none;
   * tests that edit an org between two syncs add them.
   */
  deletedWorklogs?: DemoDeletedWorklog[];
  /** False: the Asana plan lacks time tracking (variations/asana-no-time-tracking.ts). */
  asanaTimeTracking?: false;
}

export interface DemoDeletedWorklog {
  id: string;
  deletedAt: number;
}
