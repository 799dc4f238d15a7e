import { isConfigError, type Config } from '../functions/config/index.ts';
import { CONFIG_ENV, loadRuntimeConfig, REPORTS_BUCKET_ENV, TABLE_ENV } from '../functions/handlers/runtime-config.ts';
import { RECIPIENT_SOURCES } from '../functions/handlers/digest-env.ts';
import { COMPUTE_RUNNERS, type PmpulseStackProps } from './stack-props.ts';

/** Lambda's limit is 4 KB for all variables; leave room for the others. */
const MAX_CONFIG_BYTES = 3_500;
const scheduleExpression = /^(rate|cron|at)\(.+\)$/;

const domainPrefix = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Every problem with the props at once, so one synth shows them all; returns the parsed config. */
export function validateStackProps(props: PmpulseStackProps, configJson: string): Config {
  const problems: string[] = [];
  let config: Config | undefined;
  for (const [name, expression] of Object.entries(props.schedules ?? {})) {
    if (name === 'timeZone' || expression === undefined) continue;
    if (!scheduleExpression.test(expression)) problems.push(`schedules.${name}: "${expression}" is not a rate(), cron() or at() expression`);
  }
  if (Buffer.byteLength(configJson) > MAX_CONFIG_BYTES) {
    problems.push(`pipelineConfig: ${Buffer.byteLength(configJson)} bytes of JSON, more than the ${MAX_CONFIG_BYTES} a Lambda environment can hold`);
  }
  try {
    // The same load the functions do at start-up, so a bad config fails the synth, not the first run.
    config = loadRuntimeConfig({ [CONFIG_ENV]: configJson, [TABLE_ENV]: 'pmpulse-table', [REPORTS_BUCKET_ENV]: 'pmpulse-reports' });
  } catch (error) {
    if (!isConfigError(error)) throw error;
    problems.push(...error.problems.map((problem) => `pipelineConfig ${problem}`));
  }
  problems.push(...siteAndAlarmProblems(props, config));
  problems.push(...digestProblems(props, config));
  if (props.computeRunsOn !== undefined && !(COMPUTE_RUNNERS as readonly string[]).includes(props.computeRunsOn)) {
    problems.push(`computeRunsOn: "${String(props.computeRunsOn)}" is not one of ${COMPUTE_RUNNERS.join(', ')}`);
  }
  if (problems.length || !config) throw new Error(`PmpulseStack: ${problems.join('; ')}`);
  return config;
}

function siteAndAlarmProblems(props: PmpulseStackProps, config: Config | undefined): string[] {
  const problems: string[] = [];
  const hours = props.staleAfterHours;
  if (hours !== undefined && !(Number.isInteger(hours) && hours >= 1 && hours <= 168)) {
    problems.push(`staleAfterHours: ${hours} is not a whole number of hours from 1 to 168 (CloudWatch evaluates at most 7 days)`);
  }
  const tokenEnvs = new Set(config?.sources.flatMap((source) => (source.tokenEnv === undefined ? [] : [source.tokenEnv])) ?? []);
  for (const [name, arn] of Object.entries(props.connectorSecretArns ?? {})) {
    if (config && !tokenEnvs.has(name)) problems.push(`connectorSecretArns.${name}: no configured source has tokenEnv ${name}`);
    if (!/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/.test(arn)) problems.push(`connectorSecretArns.${name}: "${arn}" is not a complete secret ARN`);
  }
  if (props.authDomainPrefix !== undefined && (!domainPrefix.test(props.authDomainPrefix) || /aws|amazon|cognito/.test(props.authDomainPrefix))) {
    problems.push(`authDomainPrefix: "${props.authDomainPrefix}" must be lower-case letters, digits and dashes, without aws, amazon or cognito`);
  }
  if (props.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.alarmEmail)) problems.push(`alarmEmail: "${props.alarmEmail}" is not an email address`);
  const federation = props.federation;
  if (federation && !/^https:\/\//.test(federation.issuerUrl)) problems.push(`federation.issuerUrl: "${federation.issuerUrl}" must be an https URL`);
  return problems;
}

function digestProblems(props: PmpulseStackProps, config: Config | undefined): string[] {
  const problems: string[] = [];
  const digests = props.digests ?? {};
  if (digests.schedule !== undefined && !scheduleExpression.test(digests.schedule)) problems.push(`digests.schedule: "${digests.schedule}" is not a rate(), cron() or at() expression`);
  if (digests.timeZone !== undefined && !isTimeZone(digests.timeZone)) problems.push(`digests.timeZone: "${digests.timeZone}" is not an IANA time zone name`);
  if (digests.recipients !== undefined && !(RECIPIENT_SOURCES as readonly string[]).includes(digests.recipients)) {
    problems.push(`digests.recipients: "${String(digests.recipients)}" is not one of ${RECIPIENT_SOURCES.join(', ')}`);
  }
  const from = config?.digest.email?.from;
  if (config && digests.createSenderIdentity && !from) problems.push('digests.createSenderIdentity: the config has no digest.email.from to create the identity of');
  if (config && digests.recipients === 'cognito' && !from) problems.push('digests.recipients: cognito needs the config\'s digest.email.from to send as');
  return problems;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return /^[A-Za-z]/.test(name);
  } catch {
    return false;
  }
}
