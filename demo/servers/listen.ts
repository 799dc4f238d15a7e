import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The one server kit under every local API: the demo's Jira and Asana servers (http-kit.ts), the
 * connector tests' fixture servers (test/connectors/helpers/local-server.ts) and the fault suite's
 * proxy (test/faults/fault-proxy.ts). A real node:http server on loopback whose handler gets each
 * request with its whole body read.
 */
export interface Listening {
  /** `http://127.0.0.1:PORT` (IPv6 hosts in brackets). */
  origin: string;
  close(): Promise<void>;
}

export type RequestHandler = (incoming: IncomingMessage, body: string, outgoing: ServerResponse) => unknown;

export async function listen(handler: RequestHandler, options: { host?: string; port?: number } = {}): Promise<Listening> {
  const server = createServer((incoming, outgoing) => {
    readBody(incoming)
      .then((body) => handler(incoming, body, outgoing))
      .catch((error: unknown) => sendJson(outgoing, 500, { message: String(error) }));
  });
  // Longer than any client keeps an idle socket (undici: 4 s), so the client always closes first.
  // With Node's 5 s, a loaded event loop could fire the server's close as a client reused the
  // socket, and the request failed with ECONNRESET.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

/** A JSON reply with its length, as the vendors send them. */
export function sendJson(outgoing: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  outgoing.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  outgoing.end(text);
}
