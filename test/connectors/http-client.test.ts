import { afterEach, describe, expect, it } from 'vitest';
import { isAuthError, isHttpError, isNetworkError, isRateLimitError, isSchemaMismatchError } from '../../functions/connectors/kit/errors.ts';
import { createHttpClient, type HttpClientOptions } from '../../functions/connectors/kit/http-client.ts';
import { recordingSleep, sendJson, startLocalServer, type Handler, type LocalServer } from './helpers/local-server.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<LocalServer> {
  server = await startLocalServer(handler);
  return server;
}

function client(extra: Partial<HttpClientOptions> = {}) {
  const sleeper = recordingSleep();
  const http = createHttpClient({ source: 'jira-main', fetch, sleep: sleeper.sleep, random: () => 0.5, baseDelayMs: 100, ...extra });
  return { http, delays: sleeper.delays };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error);
}

describe('createHttpClient', () => {
  it('waits as long as Retry-After asks after a 429, then returns the body', async () => {
    let calls = 0;
    const local = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) sendJson(res, 429, { errorMessages: ['slow down'] }, { 'retry-after': '7' });
      else sendJson(res, 200, { ok: true });
    });
    const { http, delays } = client();
    expect(await http.getJson(`${local.url}/x`)).toEqual({ ok: true });
    expect(delays).toEqual([7000]);
    expect(local.requests).toHaveLength(2);
  });

  it('reads Retry-After as an HTTP date and X-RateLimit-Reset as an ISO time', async () => {
    let calls = 0;
    const local = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) sendJson(res, 429, {}, { 'retry-after': 'Mon, 02 Mar 2026 09:00:30 GMT' });
      else if (calls === 2) sendJson(res, 429, {}, { 'x-ratelimit-reset': '2026-03-02T09:00:02.500Z' });
      else sendJson(res, 200, [1]);
    });
    const { http, delays } = client({ now: () => new Date('2026-03-02T09:00:00.000Z') });
    expect(await http.getJson(`${local.url}/x`)).toEqual([1]);
    expect(delays).toEqual([30_000, 2_500]);
  });

  it('retries a 503 with jittered exponential backoff, then succeeds', async () => {
    let calls = 0;
    const local = await serve((_req, res) => {
      calls += 1;
      if (calls <= 2) res.writeHead(503).end('busy');
      else sendJson(res, 200, { done: 1 });
    });
    const { http, delays } = client();
    expect(await http.getJson(`${local.url}/x`)).toEqual({ done: 1 });
    // random 0.5 × (100 ms, then 200 ms)
    expect(delays).toEqual([50, 100]);
  });

  it('gives up with RateLimitError when 429s outlast the attempts', async () => {
    const local = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': '1' }));
    const { http } = client({ maxAttempts: 3 });
    const error = await caught(http.getJson(`${local.url}/rest/api/3/field`));
    expect(isRateLimitError(error)).toBe(true);
    expect(local.requests).toHaveLength(3);
    expect((error as Error).message).toBe(`jira-main: GET ${local.url}/rest/api/3/field is still rate limited after 3 attempts`);
  });

  it('gives up with RateLimitError when the next wait would exceed the total retry budget', async () => {
    const local = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': '60' }));
    const { http, delays } = client({ maxRetryMs: 90_000 });
    expect(isRateLimitError(await caught(http.getJson(`${local.url}/x`)))).toBe(true);
    expect(delays).toEqual([60_000]);
    expect(local.requests).toHaveLength(2);
  });

  it('gives up with HttpError after the cap on 5xx, naming the status but not the body', async () => {
    const local = await serve((_req, res) => res.writeHead(502).end('bad gateway for secret-token-123'));
    const { http } = client({ maxAttempts: 4, secrets: ['secret-token-123'] });
    const error = await caught(http.getJson(`${local.url}/x`));
    expect(isHttpError(error)).toBe(true);
    expect(local.requests).toHaveLength(4);
    expect((error as Error).message).toBe(`jira-main: GET ${local.url}/x answered 502 Bad Gateway after 4 attempts`);
  });

  it('does not retry a 404', async () => {
    const local = await serve((_req, res) => sendJson(res, 404, { errorMessages: ['no such issue'] }));
    const error = await caught(client().http.getJson(`${local.url}/x`));
    expect(isHttpError(error) && error.status).toBe(404);
    expect(local.requests).toHaveLength(1);
  });

  it('throws AuthError on 401 without retrying and never puts the token in the message', async () => {
    const local = await serve((_req, res) => sendJson(res, 401, { errorMessages: ['unauthorized'] }));
    const { http } = client({ headers: { authorization: 'Bearer tok-abc' }, secrets: ['tok-abc'] });
    const error = await caught(http.getJson(`${local.url}/x`));
    expect(isAuthError(error)).toBe(true);
    expect(local.requests).toHaveLength(1);
    expect(local.requests[0]?.headers.authorization).toBe('Bearer tok-abc');
    expect((error as Error).message).not.toContain('tok-abc');
  });

  it('strips credentials embedded in the url from messages', async () => {
    const local = await serve((_req, res) => res.writeHead(403).end());
    const withUser = local.url.replace('http://', 'http://someone:pw@');
    // fetch refuses such urls before sending anything; the message must still not leak them.
    const error = await caught(client({ maxAttempts: 1 }).http.getJson(`${withUser}/x`));
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).toContain(`GET ${local.url}/x`);
    expect((error as Error).message).not.toContain('pw');
  });

  it('turns a request that outlives its timeout into NetworkError after the retries', async () => {
    const local = await serve(() => {
      // never answers
    });
    const error = await caught(client({ timeoutMs: 50, maxAttempts: 2 }).http.getJson(`${local.url}/slow`));
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).toContain('no answer within 50 ms');
    expect(local.requests).toHaveLength(2);
  });

  it('turns a refused connection into NetworkError', async () => {
    const local = await serve(() => {});
    const url = local.url;
    await local.close();
    server = undefined;
    const error = await caught(client({ maxAttempts: 2 }).http.getJson(`${url}/x`));
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('rejects a 200 whose body is not JSON with SchemaMismatchError', async () => {
    const local = await serve((_req, res) => res.writeHead(200).end('<html>login</html>'));
    expect(isSchemaMismatchError(await caught(client().http.getJson(`${local.url}/x`)))).toBe(true);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const local = await serve(async (_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      sendJson(res, 200, {});
    });
    const { http } = client({ concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => http.getJson(`${local.url}/n${i}`)));
    expect(local.requests).toHaveLength(12);
    expect(peak).toBe(3);
  });

  it('posts a JSON body', async () => {
    const local = await serve((req, res) => {
      sendJson(res, 200, { method: req.method, type: req.headers['content-type'] });
    });
    const answer = await client().http.postJson(`${local.url}/rest/api/3/search/jql`, { jql: 'updated >= 0' });
    expect(answer).toEqual({ method: 'POST', type: 'application/json' });
  });
});
