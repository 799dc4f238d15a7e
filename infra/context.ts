import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import type { FederationProps } from './site-auth.ts';
import type { ComputeRunsOn, DigestRecipientsSource, DigestStackSettings, PmpulseStackProps } from './stack-props.ts';

/** The cdk.json context keys (`-c pmpulse:stage=prod` on the command line wins over cdk.json). */
export const contextKeys = {
  stage: 'pmpulse:stage',
  config: 'pmpulse:config',
  pipelineSchedule: 'pmpulse:pipelineSchedule',
  timeZone: 'pmpulse:scheduleTimeZone',
  deletionProtection: 'pmpulse:deletionProtection',
  logRetentionDays: 'pmpulse:logRetentionDays',
  connectorSecretArns: 'pmpulse:connectorSecretArns',
  staleAfterHours: 'pmpulse:staleAfterHours',
  alarmEmail: 'pmpulse:alarmEmail',
  authDomainPrefix: 'pmpulse:authDomainPrefix',
  federation: 'pmpulse:federation',
  digestSchedule: 'pmpulse:digestSchedule',
  digestTimeZone: 'pmpulse:digestTimeZone',
  digestRecipients: 'pmpulse:digestRecipients',
  digestCreateSenderIdentity: 'pmpulse:digestCreateSenderIdentity',
  computeRunsOn: 'pmpulse:computeRunsOn',
} as const;

/** Keys of the schedules at fixed offsets that one state machine replaced; a value left set is an error, not ignored. */
const retiredKeys = ['pmpulse:syncSchedule', 'pmpulse:computeSchedule', 'pmpulse:publishSchedule'];

/** Stack props from context; `-c` values arrive as strings, cdk.json values as JSON. */
export function propsFromContext(node: Node): PmpulseStackProps {
  const get = (key: string): unknown => node.tryGetContext(key);
  const retired = retiredKeys.filter((key) => get(key) !== undefined);
  if (retired.length) {
    throw new Error(`${retired.join(', ')}: no longer read; the pipeline runs as one state machine started on ${contextKeys.pipelineSchedule} (docs/deploy.md)`);
  }
  const text = (key: string) => (get(key) === undefined ? undefined : String(get(key)));
  const protection = get(contextKeys.deletionProtection);
  const retention = get(contextKeys.logRetentionDays);
  const stage = text(contextKeys.stage) ?? 'dev';
  const stale = get(contextKeys.staleAfterHours);
  const secretArns = get(contextKeys.connectorSecretArns);
  const federation = get(contextKeys.federation);
  const email = text(contextKeys.alarmEmail);
  const prefix = text(contextKeys.authDomainPrefix);
  const computeRunsOn = text(contextKeys.computeRunsOn);
  return {
    stage,
    pipelineConfig: jsonValue(get(contextKeys.config), contextKeys.config),
    schedules: dropUndefined({
      pipeline: text(contextKeys.pipelineSchedule),
      timeZone: text(contextKeys.timeZone),
    }),
    ...(protection === undefined ? {} : { deletionProtection: protection !== false && protection !== 'false' }),
    ...(retention === undefined ? {} : { logRetention: retentionDays(retention) }),
    ...(stale === undefined ? {} : { staleAfterHours: Number(stale) }),
    ...(secretArns === undefined ? {} : { connectorSecretArns: jsonValue(secretArns, contextKeys.connectorSecretArns) as Record<string, string> }),
    ...(email ? { alarmEmail: email } : {}),
    ...(prefix ? { authDomainPrefix: prefix } : {}),
    ...(federation === undefined || federation === null ? {} : { federation: jsonValue(federation, contextKeys.federation) as FederationProps }),
    ...withDigests(digestSettings(get, text)),
    // Checked with the other props (validate-props.ts), so a wrong value is named, not ignored.
    ...(computeRunsOn ? { computeRunsOn: computeRunsOn as ComputeRunsOn } : {}),
  };
}

const withDigests = (digests: DigestStackSettings) => (Object.keys(digests).length ? { digests } : {});

function digestSettings(get: (key: string) => unknown, text: (key: string) => string | undefined): DigestStackSettings {
  const create = get(contextKeys.digestCreateSenderIdentity);
  const recipients = text(contextKeys.digestRecipients);
  return {
    ...dropUndefined({ schedule: text(contextKeys.digestSchedule) || undefined, timeZone: text(contextKeys.digestTimeZone) || undefined }),
    // Checked with the other props (validate-props.ts), so a wrong value is named, not ignored.
    ...(recipients ? { recipients: recipients as DigestRecipientsSource } : {}),
    ...(create === undefined ? {} : { createSenderIdentity: create === true || create === 'true' }),
  };
}

function jsonValue(value: unknown, key: string): unknown {
  if (typeof value !== 'string') return value ?? {};
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new Error(`${key}: not valid JSON: ${(error as Error).message}`);
  }
}

function retentionDays(value: unknown): RetentionDays {
  const days = Number(value);
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) throw new Error(`${contextKeys.logRetentionDays}: ${String(value)} is not one of ${allowed.join(', ')}`);
  return days as RetentionDays;
}

function dropUndefined<T extends Record<string, string | undefined>>(record: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
