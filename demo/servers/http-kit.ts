import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultOptions {
  /** Every Nth request answers 429 with `Retry-After`. */
  rateLimitEvery?: number;
  retryAfterSeconds?: number;
  /** Every Nth request answers 503. */
  serverErrorEvery?: number;
}

export interface ServerOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  faults?: FaultOptions;
  /** Clock for the `X-RateLimit-Reset` header only. */
  now?: () => Date;
}

export interface RunningServer {
  /** The API base: `http://127.0.0.1:PORT` for Jira, `.../api/1.0` for Asana. */
  url: string;
  close(): Promise<void>;
  /** Requests answered so far, faults included. */
  readonly requests: number;
}

export interface ApiRequest {
  method: string;
  /** Path below the API base, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The raw body of POST requests. */
  body: string;
  /** The server's own origin, for `self` links. */
  origin: string;
}

export interface ApiReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Fault = { kind: 'rate-limit'; retryAfterSeconds: number } | { kind: 'server-error' };

export interface ApiDefinition {
  basePath: string;
  handle(request: ApiRequest): ApiReply;
  /** How this vendor words a fault. */
  faultReply(fault: Fault, now: Date): ApiReply;
}

/** Starts a node:http server for one API; faults come deterministically from the request count. */
export async function startApiServer(api: ApiDefinition, options: ServerOptions = {}): Promise<RunningServer> {
  let requests = 0;
  const now = options.now ?? (() => new Date());
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    requests += 1;
    const fault = faultFor(requests, options.faults);
    if (fault) return send(outgoing, api.faultReply(fault, now()));
    readBody(incoming)
      .then((body) => {
        const url = new URL(incoming.url ?? '/', origin);
        const path = url.pathname.startsWith(api.basePath) ? url.pathname.slice(api.basePath.length) || '/' : `\0${url.pathname}`;
        const request = { method: incoming.method ?? 'GET', path, query: url.searchParams, headers: incoming.headers, body, origin };
        send(outgoing, api.handle(request));
      })
      .catch((error: unknown) => send(outgoing, { status: 500, body: { message: String(error) } }));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;
  return {
    url: `${origin}${api.basePath}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function faultFor(count: number, faults: FaultOptions | undefined): Fault | undefined {
  if (!faults) return undefined;
  if (faults.rateLimitEvery && count % faults.rateLimitEvery === 0) {
    return { kind: 'rate-limit', retryAfterSeconds: faults.retryAfterSeconds ?? 1 };
  }
  if (faults.serverErrorEvery && count % faults.serverErrorEvery === 0) return { kind: 'server-error' };
  return undefined;
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

function send(outgoing: ServerResponse, reply: ApiReply): void {
  const text = JSON.stringify(reply.body);
  outgoing.writeHead(reply.status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  outgoing.end(text);
}

/** Opaque page tokens: base64url of the position and a fingerprint of the query they belong to. */
export function encodeToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint })).toString('base64url');
}

export function decodeToken(token: string, fingerprint: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    return Number.isInteger(parsed.o) && (parsed.o as number) >= 0 && parsed.q === fingerprint ? (parsed.o as number) : undefined;
  } catch {
    return undefined;
  }
}
