export * from './schema.ts';
export { ConfigError, isConfigError, loadConfig, parseConfig, readToken } from './load.ts';
export { ProjectRuleSchema, type ProjectRule } from './project-rules.ts';
export type { SourceFields } from './source-fields.ts';
export type { AzureDevOpsSourceConfig } from './azure-devops.ts';
