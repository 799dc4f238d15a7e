import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ServeSiteOptions {
  dir: string;
  port?: number;
  host?: string;
}

export interface ServedSite {
  url: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function fileAt(candidate: string): Promise<string | undefined> {
  const info = await stat(candidate).catch(() => undefined);
  if (info?.isFile()) return candidate;
  if (info?.isDirectory()) return fileAt(path.join(candidate, 'index.html'));
  return undefined;
}

/** Maps a URL path to a file under root, or undefined when it is absent or would escape root. */
export async function resolveRequest(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(urlPath, 'http://site.invalid').pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  return fileAt(candidate);
}

function send(res: ServerResponse, status: number, file: string, head: boolean): void {
  const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff' });
  if (head) res.end();
  else createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const head = req.method === 'HEAD';
  const file = await resolveRequest(root, req.url ?? '/');
  if (file) return send(res, 200, file, head);
  const notFound = await fileAt(path.join(root, '404.html'));
  if (notFound) return send(res, 404, notFound, head);
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(head ? undefined : 'Not found\n');
}

/** Serves a built site folder over HTTP: enough for the demo and the browser tests, not a CDN. */
export async function serveSite(options: ServeSiteOptions): Promise<ServedSite> {
  const root = path.resolve(options.dir);
  const server = createServer((req, res) => {
    handle(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
