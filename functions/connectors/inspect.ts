import type { SourceConfig } from '../config/index.ts';
import { inspectAsana } from './asana/inspect.ts';
import { inspectAzureDevOps } from './azure-devops/inspect.ts';
import { inspectCsv } from './csv/inspect.ts';
import { inspectJira } from './jira/inspect.ts';
import { inspectLinear } from './linear/inspect.ts';
import type { SyncContext } from './kit/connector.ts';
import type { SourceInspection } from './kit/inspection.ts';

/** Every source type's inspection (`pmpulse sources inspect`); the compiler insists each type has one. */
export const inspectors = {
  jira: inspectJira,
  asana: inspectAsana,
  csv: inspectCsv,
  'azure-devops': inspectAzureDevOps,
  linear: inspectLinear,
} satisfies { [T in SourceConfig['type']]: (context: SyncContext<Extract<SourceConfig, { type: T }>>) => Promise<SourceInspection> };

export function inspectSource<C extends SourceConfig>(context: SyncContext<C>): Promise<SourceInspection> {
  // The mapped type above guarantees the pairing; TypeScript cannot follow it through the index.
  return (inspectors[context.source.type] as (context: SyncContext<C>) => Promise<SourceInspection>)(context);
}

export type { SourceInspection } from './kit/inspection.ts';
