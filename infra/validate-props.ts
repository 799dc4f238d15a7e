import { isConfigError } from '../functions/config/index.ts';
import { CONFIG_ENV, loadRuntimeConfig, REPORTS_BUCKET_ENV, TABLE_ENV } from '../functions/handlers/runtime-config.ts';
import type { PmpulseStackProps } from './stack-props.ts';

/** Lambda's limit is 4 KB for all variables; leave room for the others. */
const MAX_CONFIG_BYTES = 3_500;
const scheduleExpression = /^(rate|cron|at)\(.+\)$/;

/** Every problem with the props at once, so one synth shows them all. */
export function validateStackProps(props: PmpulseStackProps, configJson: string): void {
  const problems: string[] = [];
  for (const [name, expression] of Object.entries(props.schedules ?? {})) {
    if (name === 'timeZone' || expression === undefined) continue;
    if (!scheduleExpression.test(expression)) problems.push(`schedules.${name}: "${expression}" is not a rate(), cron() or at() expression`);
  }
  if (Buffer.byteLength(configJson) > MAX_CONFIG_BYTES) {
    problems.push(`pipelineConfig: ${Buffer.byteLength(configJson)} bytes of JSON, more than the ${MAX_CONFIG_BYTES} a Lambda environment can hold`);
  }
  try {
    // The same load the functions do at start-up, so a bad config fails the synth, not the first run.
    loadRuntimeConfig({ [CONFIG_ENV]: configJson, [TABLE_ENV]: 'pmpulse-table', [REPORTS_BUCKET_ENV]: 'pmpulse-reports' });
  } catch (error) {
    if (!isConfigError(error)) throw error;
    problems.push(...error.problems.map((problem) => `pipelineConfig ${problem}`));
  }
  if (problems.length) throw new Error(`PmpulseStack: ${problems.join('; ')}`);
}
