export { startJiraServer } from './jira-server.ts';
export { startAsanaServer } from './asana-server.ts';
export { startAzureDevOpsServer } from './azure-devops-server.ts';
export type { FaultOptions, RunningServer, ServerOptions } from './http-kit.ts';
