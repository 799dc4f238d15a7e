import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, sendJson } from './listen.ts';

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

/** Starts a server for one API (listen.ts); faults come deterministically from the request count. */
export async function startApiServer(api: ApiDefinition, options: ServerOptions = {}): Promise<RunningServer> {
  let requests = 0;
  const now = options.now ?? (() => new Date());
  let origin = '';
  const reply = (outgoing: ServerResponse, { status, body, headers }: ApiReply) => sendJson(outgoing, status, body, headers);
  const listening = await listen(
    (incoming, body, outgoing) => {
      requests += 1;
      const fault = faultFor(requests, options.faults);
      if (fault) return reply(outgoing, api.faultReply(fault, now()));
      const url = new URL(incoming.url ?? '/', origin);
      const path = url.pathname.startsWith(api.basePath) ? url.pathname.slice(api.basePath.length) || '/' : `\0${url.pathname}`;
      return reply(outgoing, api.handle({ method: incoming.method ?? 'GET', path, query: url.searchParams, headers: incoming.headers, body, origin }));
    },
    { ...(options.host ? { host: options.host } : {}), ...(options.port ? { port: options.port } : {}) },
  );
  origin = listening.origin;
  return {
    url: `${origin}${api.basePath}`,
    get requests() {
      return requests;
    },
    close: listening.close,
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
