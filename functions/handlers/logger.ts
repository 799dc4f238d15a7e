import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '../runtime/logger.ts';
import { STAGE_ENV } from './runtime-config.ts';

export type { Logger };

/** The CloudWatch namespace every pmpulse metric lands in; the stack's alarms read it. */
export const METRICS_NAMESPACE = 'pmpulse';
export const SERVICE_NAME = 'pmpulse';

export interface StepTelemetry {
  /** Powertools JSON logger: every line carries service, stage, step and the Lambda request. */
  logger: PowertoolsLogger;
  /** Powertools metrics (CloudWatch embedded metric format), dimensions `service`, `stage`, `step`. */
  metrics: Metrics;
}

/** One logger and one metrics buffer per function, created at init like Powertools expects. */
export function createStepTelemetry(step: string, env: NodeJS.ProcessEnv = process.env): StepTelemetry {
  const stage = env[STAGE_ENV] ?? 'local';
  return {
    logger: new PowertoolsLogger({ serviceName: SERVICE_NAME, persistentKeys: { stage, step } }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME, defaultDimensions: { stage, step } }),
  };
}

/** The pipeline's `Logger` contract on top of Powertools, so the services log through it unchanged. */
export function pipelineLogger(logger: PowertoolsLogger): Logger {
  return {
    info: (message, details) => logger.info(message, details ?? {}),
    warn: (message, details) => logger.warn(message, details ?? {}),
    error: (message, details) => logger.error(message, details ?? {}),
  };
}
