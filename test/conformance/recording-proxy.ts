import { listen } from '../../demo/servers/listen.ts';
import type { Exchange } from './openapi-operations.ts';

/**
 * A proxy between a connector and a local API server that keeps every exchange: what the
 * connector sent and what the server answered, faults included. Sitting at the HTTP boundary, it
 * sees whatever calls a connector makes, including calls added after this suite was written.
 */

export interface RecordingProxy {
  /** The proxy's origin followed by the upstream URL's path (the connector's `baseUrl`). */
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

/** Hop-by-hop and length headers are the proxy's own business. */
const dropped = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);

export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const exchanges: Exchange[] = [];
  const listening = await listen(async (incoming, body, outgoing) => {
    const url = new URL(incoming.url ?? '/', target.origin);
    const headers = Object.entries(incoming.headers).flatMap(([key, value]) => (dropped.has(key) || value === undefined ? [] : [[key, String(value)] as [string, string]]));
    const method = incoming.method ?? 'GET';
    const answer = await fetch(url, { method, headers, ...(body === '' ? {} : { body }) });
    const text = await answer.text();
    exchanges.push({
      method,
      path: url.pathname,
      query: [...url.searchParams.entries()],
      ...(body === '' ? {} : { body: parsed(body) }),
      status: answer.status,
      ...(text === '' ? {} : { response: parsed(text) }),
    });
    const back: Record<string, string> = {};
    answer.headers.forEach((value, key) => {
      if (!dropped.has(key)) back[key] = value;
    });
    outgoing.writeHead(answer.status, { ...back, 'content-length': Buffer.byteLength(text) });
    outgoing.end(text);
  });
  return { url: `${listening.origin}${target.pathname.replace(/\/$/, '')}`, exchanges, close: listening.close };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
