import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, sendJson } from '../../../demo/servers/listen.ts';

/** A real HTTP server on 127.0.0.1, port 0 (the demo servers' kit, demo/servers/listen.ts), that records every request it gets. */

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** A POST body, parsed as JSON when it is. */
  body?: unknown;
}

export interface LocalServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (request: SeenRequest, response: ServerResponse) => unknown;

export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const listening = await listen((incoming, body, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: incoming.headers };
    requests.push(seen);
    const parsed = parseBody(body);
    if (parsed !== undefined) seen.body = parsed;
    return handler(seen, outgoing);
  });
  return { url: listening.origin, requests, close: listening.close };
}

/** A POST body, parsed as JSON when it is. */
function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export { sendJson };

/** Records delays instead of waiting, so retry tests run instantly. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

export const silentLog = { info() {}, warn() {}, error() {} };
