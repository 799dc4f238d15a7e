import { describe, expect, it } from 'vitest';
import { loadSlackWebhooks } from '../../functions/handlers/digest/slack-secret.ts';
import { SLACK_SECRET_ENV } from '../../functions/handlers/digest-env.ts';

/**
 * The Slack webhook secret as the digest function reads it at init (the read itself, signed, is
 * in test/handlers/digest.test.ts against the Secrets Manager stand-in). The URL is a credential:
 * no error quotes it.
 */
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/digest-slack-AbCdEf';
const URL_LEADERSHIP = 'https://hooks.slack.com/services/T000/B000/s3cr3tT0ken';
const read = (value: string) => async () => value;

describe('the Slack webhook secret', () => {
  it('puts each URL in the variable the config names, leaving one already set alone', async () => {
    const env: NodeJS.ProcessEnv = { [SLACK_SECRET_ENV]: ARN, SLACK_WEBHOOK_STRATEGY: 'https://hooks.slack.com/services/T000/B001/already' };
    const names = await loadSlackWebhooks(env, read(JSON.stringify({ SLACK_WEBHOOK_LEADERSHIP: URL_LEADERSHIP, SLACK_WEBHOOK_STRATEGY: 'https://hooks.slack.com/services/T000/B001/other' })));
    expect(names).toEqual(['SLACK_WEBHOOK_LEADERSHIP']);
    expect(env.SLACK_WEBHOOK_LEADERSHIP).toBe(URL_LEADERSHIP);
    expect(env.SLACK_WEBHOOK_STRATEGY).toBe('https://hooks.slack.com/services/T000/B001/already');
  });

  it('reads nothing without the variable, and sets nothing from the {} the stack creates', async () => {
    let reads = 0;
    expect(await loadSlackWebhooks({}, async () => (reads++, '{}'))).toEqual([]);
    expect(reads).toBe(0);
    const env: NodeJS.ProcessEnv = { [SLACK_SECRET_ENV]: ARN };
    expect(await loadSlackWebhooks(env, read('{}'))).toEqual([]);
  });

  it('refuses a value that is not a table of webhook URLs, naming the variable and never the URL', async () => {
    const env = { [SLACK_SECRET_ENV]: ARN };
    const broken = loadSlackWebhooks({ ...env }, read(`{"SLACK_WEBHOOK_LEADERSHIP": "${URL_LEADERSHIP}",`));
    await expect(broken).rejects.toThrow(/^PMPULSE_DIGEST_SLACK_SECRET_ARN: not valid JSON/);
    await expect(broken).rejects.not.toThrow(/s3cr3tT0ken/);
    const plain = loadSlackWebhooks({ ...env }, read(JSON.stringify({ SLACK_WEBHOOK_LEADERSHIP: 'http://hooks.example.com/services/s3cr3tT0ken' })));
    await expect(plain).rejects.toThrow('PMPULSE_DIGEST_SLACK_SECRET_ARN: SLACK_WEBHOOK_LEADERSHIP: must be an https webhook URL (http only to loopback)');
    await expect(plain).rejects.not.toThrow(/s3cr3tT0ken/);
    await expect(loadSlackWebhooks({ ...env }, read(JSON.stringify({ 'not a name': URL_LEADERSHIP })))).rejects.toThrow(/PMPULSE_DIGEST_SLACK_SECRET_ARN: \["not a name"\]: Invalid key/);
    // A local stand-in on loopback is fine.
    expect(await loadSlackWebhooks({ ...env }, read(JSON.stringify({ SLACK_LOCAL: 'http://127.0.0.1:4000/services/x' })))).toEqual(['SLACK_LOCAL']);
  });
});
