export { startJiraServer } from './jira-server.ts';
export { startAsanaServer } from './asana-server.ts';
export { startAzureDevOpsServer } from './azure-devops-server.ts';
export type { AsanaServerOptions, RunningAsanaServer } from './asana-server.ts';
export type { JiraServerOptions, RunningJiraServer } from './jira-server.ts';
export type { FaultOptions, RunningServer, ServerOptions } from './http-kit.ts';
