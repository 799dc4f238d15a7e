import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../functions/digest/index.ts';
import { startSesServer, type RunningSesServer } from '../../demo/servers/ses-server.ts';
import { startSlackWebhookServer, type RunningSlackWebhookServer } from '../../demo/servers/slack-webhook-server.ts';

/**
 * The stand-ins refuse what the real services refuse: a stand-in that took anything would let the
 * `--send` tests pass on messages Slack or SES would turn away.
 */
let ses: RunningSesServer;
let slack: RunningSlackWebhookServer;
beforeAll(async () => {
  ses = await startSesServer({ verified: ['digest@example.com'] });
  slack = await startSlackWebhookServer();
});
afterAll(async () => Promise.all([ses.close(), slack.close()]));

const signed = { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=local/20261206/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0' };
const sendEmail = (body: unknown, headers: Record<string, string> = signed) => fetch(`${ses.url}/v2/email/outbound-emails`, { method: 'POST', headers, body: JSON.stringify(body) });
const mail = (from: string) => ({ FromEmailAddress: from, Destination: { ToAddresses: ['a@example.com'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } });

describe('the SES v2 stand-in', () => {
  it('answers a MessageId, and refuses as SES does: the error type in x-amzn-ErrorType, the message in the body', async () => {
    const ok = await sendEmail(mail('digest@example.com'));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { MessageId: string }).MessageId).toMatch(/^0100[0-9a-f]{32}-000000$/);

    const rejected = await sendEmail(mail('other@example.com'));
    expect([rejected.status, rejected.headers.get('x-amzn-errortype')]).toEqual([400, 'MessageRejected']);
    expect(await rejected.json()).toEqual({ message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: other@example.com' });

    const unsigned = await sendEmail(mail('digest@example.com'), { 'content-type': 'application/json' });
    expect([unsigned.status, unsigned.headers.get('x-amzn-errortype')]).toEqual([403, 'MissingAuthenticationTokenException']);
    const noBody = await sendEmail({ ...mail('digest@example.com'), Content: { Simple: { Subject: { Data: 's' }, Body: {} } } });
    expect([noBody.status, noBody.headers.get('x-amzn-errortype')]).toEqual([400, 'BadRequestException']);
    const tooMany = await sendEmail({ ...mail('digest@example.com'), Destination: { ToAddresses: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) } });
    expect([tooMany.status, tooMany.headers.get('x-amzn-errortype')]).toEqual([400, 'MessageRejected']);
    expect(ses.sent.length).toBe(1);
  });
});

describe('the Slack incoming-webhook stand-in', () => {
  const post = async (url: string, body: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return [response.status, await response.text()];
  };
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it('takes a message within the limits and refuses each limit passed by one, with Slack\'s words', async () => {
    const hook = slack.hook('limits');
    expect(await post(hook, JSON.stringify({ text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(SLACK_LIMITS.headerText) } }, section('s'.repeat(SLACK_LIMITS.sectionText))] }))).toEqual([200, 'ok']);
    const refused: unknown[][] = [
      [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(SLACK_LIMITS.headerText + 1) } }],
      [section('s'.repeat(SLACK_LIMITS.sectionText + 1))],
      [{ type: 'context', elements: Array.from({ length: SLACK_LIMITS.contextElements + 1 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
      Array.from({ length: SLACK_LIMITS.blocks + 1 }, () => ({ type: 'divider' })),
      Array.from({ length: 5 }, () => section('s'.repeat(2900))),
      [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }],
      [{ type: 'carousel' }],
    ];
    for (const blocks of refused) expect(await post(hook, JSON.stringify({ text: 'x', blocks }))).toEqual([400, 'invalid_blocks']);
    expect(await post(hook, '{"text": ')).toEqual([400, 'invalid_payload']);
    expect(await post(hook, '{}')).toEqual([400, 'no_text']);
    expect(await post(`${hook}x`, '{"text":"x"}')).toEqual([404, 'no_service']);
  });

  it('answers 429 with Retry-After as many times as asked, then ok', async () => {
    const hook = slack.hook('busy', { rateLimitFirst: 2, retryAfterSeconds: 7 });
    const first = await fetch(hook, { method: 'POST', body: '{"text":"x"}' });
    expect([first.status, first.headers.get('retry-after'), await first.text()]).toEqual([429, '7', 'rate_limited']);
    expect(await post(hook, '{"text":"x"}')).toEqual([429, 'rate_limited']);
    expect(await post(hook, '{"text":"x"}')).toEqual([200, 'ok']);
  });
});
