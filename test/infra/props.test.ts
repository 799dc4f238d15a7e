import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { propsFromContext } from '../../infra/context.ts';
import { PmpulseStack } from '../../infra/pmpulse-stack.ts';

describe('PmpulseStack props', () => {
  it('reports every bad prop at once, before building anything', () => {
    const attempt = () =>
      new PmpulseStack(new App(), 'Bad', {
        schedules: { pipeline: 'every hour' },
        pipelineConfig: { themes: [{ id: 'x', name: 'X', target: 3, match: {} }], colour: 'blue' },
      });

    expect(attempt).toThrow(/schedules\.pipeline: "every hour" is not a rate\(\), cron\(\) or at\(\) expression/);
    expect(attempt).toThrow(/pipelineConfig themes\[0\]\.target/);
    expect(attempt).toThrow(/colour/);
  });

  it('reports bad alarm, secret and sign-in props together', () => {
    const attempt = () =>
      new PmpulseStack(new App(), 'BadSite', {
        pipelineConfig: { sources: [{ type: 'asana', name: 'asana', tokenEnv: 'ASANA_PAT' }] },
        staleAfterHours: 200,
        connectorSecretArns: { JIRA_TOKEN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jira-AbCdEf', ASANA_PAT: 'asana' },
        authDomainPrefix: 'my-cognito-login',
        alarmEmail: 'ops',
      });

    expect(attempt).toThrow(/staleAfterHours: 200/);
    expect(attempt).toThrow(/connectorSecretArns\.JIRA_TOKEN: no configured source has tokenEnv JIRA_TOKEN/);
    expect(attempt).toThrow(/connectorSecretArns\.ASANA_PAT: "asana" is not a complete secret ARN/);
    expect(attempt).toThrow(/authDomainPrefix/);
    expect(attempt).toThrow(/alarmEmail/);
  });

  it('refuses a config too large for a Lambda environment', () => {
    const people = Array.from({ length: 200 }, (_, i) => ({ id: `person-${i}@example.com`, aliases: [`jira:${i}`] }));

    expect(() => new PmpulseStack(new App(), 'Big', { pipelineConfig: { people } })).toThrow(/a Lambda environment can hold/);
  });
});

describe('propsFromContext', () => {
  it('reads cdk.json values and -c strings alike', () => {
    const app = new App({
      context: {
        'pmpulse:stage': 'prod',
        'pmpulse:config': '{"sources":[]}',
        'pmpulse:pipelineSchedule': 'rate(12 hours)',
        'pmpulse:deletionProtection': 'false',
        'pmpulse:logRetentionDays': '90',
      },
    });

    const props = propsFromContext(app.node);

    expect(props).toMatchObject({
      stage: 'prod',
      pipelineConfig: { sources: [] },
      schedules: { pipeline: 'rate(12 hours)' },
      deletionProtection: false,
      logRetention: RetentionDays.THREE_MONTHS,
    });
  });

  it('falls back to the defaults without context', () => {
    expect(propsFromContext(new App().node)).toEqual({ stage: 'dev', pipelineConfig: {}, schedules: {} });
  });

  it('refuses the schedules at fixed offsets that one state machine replaced, naming each key', () => {
    const app = new App({ context: { 'pmpulse:syncSchedule': 'rate(1 hour)', 'pmpulse:publishSchedule': 'cron(30 5 * * ? *)' } });

    expect(() => propsFromContext(app.node)).toThrow('pmpulse:syncSchedule, pmpulse:publishSchedule: no longer read; the pipeline runs as one state machine started on pmpulse:pipelineSchedule');
  });

  it('rejects a retention CloudWatch does not offer', () => {
    expect(() => propsFromContext(new App({ context: { 'pmpulse:logRetentionDays': 42 } }).node)).toThrow(/pmpulse:logRetentionDays: 42/);
  });
});
