import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ConfigError, type Config } from '../config/index.ts';
import { sendSetup } from '../digest/send/index.ts';
import { sesMailSender } from '../digest/send/index.ts';
import { cognitoGroupLister } from './digest/cognito-recipients.ts';
import { DigestEventSchema, type DigestEvent } from './digest/events.ts';
import { runAlerts, runDigests, type DigestResult, type DigestServices } from './digest/run.ts';
import { loadSlackWebhooks } from './digest/slack-secret.ts';
import { DELIVERIES_FAILED_METRIC, RECIPIENT_SOURCES, RECIPIENTS_ENV, USER_POOL_ENV, type RecipientSource } from './digest-env.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { createStepHandler, type HandlerEffects } from './step-handler.ts';

/**
 * The digest function: `alerts` after each publish (the state machine), `digest` once a week (its
 * schedule). A failed send is counted in `DeliveriesFailed` (an alarm watches it) rather than
 * thrown, since a retry would repeat the sends that went through; a failure before anything is
 * sent (the reports, the store, the groups) is thrown, and retried.
 */
export function createDigestHandler(config: Config, services: DigestServices, effects: HandlerEffects = {}) {
  return createStepHandler<DigestEvent, DigestResult>(
    {
      step: 'digest',
      schema: DigestEventSchema,
      async run(event, { log, metrics }) {
        const result = event.mode === 'alerts' ? await runAlerts(config, event, services, log) : await runDigests(config, event, services, log);
        metrics.addMetric('DeliveriesSent', MetricUnit.Count, result.sent);
        metrics.addMetric(DELIVERIES_FAILED_METRIC, MetricUnit.Count, result.failed);
        return result;
      },
    },
    effects,
  );
}

/** `config` unless the stack says `cognito`, which also needs the user pool. */
export function recipientSource(env: NodeJS.ProcessEnv): RecipientSource {
  const value = env[RECIPIENTS_ENV] ?? 'config';
  if (!(RECIPIENT_SOURCES as readonly string[]).includes(value)) throw new ConfigError(RECIPIENTS_ENV, [`"${value}" is not one of ${RECIPIENT_SOURCES.join(', ')}`]);
  if (value === 'cognito' && !env[USER_POOL_ENV]) throw new ConfigError(USER_POOL_ENV, ['not set, and recipients come from Cognito']);
  return value as RecipientSource;
}

/**
 * What the function sends with, from its environment, once per cold start: the Slack webhook URLs
 * from their secret into the variables the config's `digest.slack` names, then the same targets
 * and SES sender `--send` uses (a webhook the secret lacks fails the cold start, naming the key).
 * With recipients from Cognito the config's addresses are not used, and SES is needed whenever a
 * sender is configured.
 */
export async function digestServices(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<DigestServices> {
  await loadSlackWebhooks(env);
  const source = recipientSource(env);
  const { targets, senders } = sendSetup(config, {}, env);
  if (source === 'config') return { targets, ...senders };
  if (!config.digest.email) throw new ConfigError(RECIPIENTS_ENV, ['recipients come from Cognito, but the config has no digest.email.from to send as']);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return {
    targets,
    mail: senders.mail ?? sesMailSender({ ...(region ? { region } : {}), ...(env.AWS_ENDPOINT_URL_SESV2 ? { endpoint: env.AWS_ENDPOINT_URL_SESV2 } : {}) }),
    listGroup: cognitoGroupLister(env[USER_POOL_ENV]!).list,
  };
}

const config = loadRuntimeConfig();
export const handler = createDigestHandler(config, await digestServices(config));
