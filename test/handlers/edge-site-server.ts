import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import type { EdgeHandler, EdgeResult } from './edge-harness.ts';

type SiteAuthHandler = (event: LambdaFunctionURLEvent) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The distribution in miniature on 127.0.0.1: `/_auth/*` through its own function to the sign-in
 * handler (with origin access control's payload check), everything else through the session check
 * to a bucket that answers with the key it was asked for. Paths go on raw, as CloudFront sends them.
 */
export async function startSite(parts: { signIn: SiteAuthHandler; viewerAuth: EdgeHandler; authRoutes: EdgeHandler }) {
  const server = createServer((request, response) => {
    void serve(parts, request, response).catch((error: Error) => {
      response.statusCode = 500;
      response.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function serve(parts: Parameters<typeof startSite>[0], request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const [rawPath = '/', rawQuery = ''] = (request.url ?? '/').split('?');
  const cookieHeader = request.headers.cookie ?? '';
  const cookies = Object.fromEntries(cookieHeader.split(/;\s*/).filter(Boolean).map((c) => [c.slice(0, c.indexOf('=')), { value: c.slice(c.indexOf('=') + 1) }]));
  const auth = rawPath.startsWith('/_auth/');
  const viewer = { request: { method: request.method, uri: rawPath, querystring: {}, headers: { host: { value: String(request.headers.host) } }, cookies } };
  const result = await (auth ? parts.authRoutes : parts.viewerAuth)(viewer);
  if (result.statusCode) return write(response, result.statusCode, headerValues(result.headers), [], '');
  if (!auth) return write(response, 200, { 'content-type': 'text/plain' }, [], `bucket:${result.uri}`);
  const payloadHash = result.headers['x-amz-content-sha256']?.value;
  if (request.method === 'POST' && payloadHash !== createHash('sha256').update(body).digest('hex')) return write(response, 403, {}, [], 'signature mismatch');
  const event = {
    version: '2.0', routeKey: '$default', rawPath, rawQueryString: rawQuery, isBase64Encoded: false, body: body.toString('utf8'),
    headers: { ...(request.headers as Record<string, string>), ...headerValues(result.headers) },
    queryStringParameters: Object.fromEntries(new URLSearchParams(rawQuery)),
    cookies: cookieHeader.split(/;\s*/).filter(Boolean),
    requestContext: { http: { method: String(request.method), path: rawPath } },
  } as unknown as LambdaFunctionURLEvent;
  const answer = await parts.signIn(event);
  return write(response, answer.statusCode ?? 200, (answer.headers ?? {}) as Record<string, string>, answer.cookies ?? [], String(answer.body ?? ''));
}

const headerValues = (headers: EdgeResult = {}) => Object.fromEntries(Object.entries(headers).map(([name, h]) => [name, String((h as { value: string }).value)]));

function write(response: ServerResponse, status: number, headers: Record<string, string>, cookies: string[], body: string) {
  response.statusCode = status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  if (cookies.length) response.setHeader('set-cookie', cookies);
  response.end(body);
}
