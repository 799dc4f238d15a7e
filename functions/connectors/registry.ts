import type { SourceConfig } from '../config/index.ts';
import { asanaConnector } from './asana/index.ts';
import { azureDevOpsConnector } from './azure-devops/index.ts';
import { csvConnector } from './csv/index.ts';
import { jiraConnector } from './jira/index.ts';
import { linearConnector } from './linear/index.ts';
import type { Connector } from './kit/connector.ts';

/**
 * Every source type and its connector. Adding a source is one folder and one line here; the
 * `satisfies` clause makes the compiler insist that each config type has its connector.
 */
export const connectors = {
  jira: jiraConnector,
  asana: asanaConnector,
  csv: csvConnector,
  'azure-devops': azureDevOpsConnector,
  linear: linearConnector,
} satisfies { [T in SourceConfig['type']]: Connector<Extract<SourceConfig, { type: T }>> };

/** The connector for one configured source, typed for that source's config. */
export function connectorFor<C extends SourceConfig>(source: C): Connector<C> {
  // The mapped type above guarantees the pairing; TypeScript cannot follow it through the index.
  return connectors[source.type] as unknown as Connector<C>;
}
