import { request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../../demo/servers/listen.ts';
import { seededRandom } from '../../functions/runtime/random.ts';

/**
 * A proxy between a connector and a demo server that breaks a share of the responses, chosen by
 * a seeded generator so a failing run can be replayed. The servers' own faults cover 429 and 5xx
 * by request count; this adds what only a network in between can do.
 */
export type FaultKind = 'rate-limit' | 'server-error' | 'timeout' | 'truncated' | 'malformed';

export interface FaultProxyOptions {
  target: string;
  seed: number;
  /** Share of responses broken, 0..1. */
  rate: number;
  kinds: readonly FaultKind[];
  /** Record ids (`id` / `gid`) whose payload is broken on every delivery while `malformed` is on. */
  malformedIds?: ReadonlySet<string>;
}

export interface FaultProxy {
  url: string;
  injected: Record<FaultKind, number>;
  /** Turns the random faults and the malformed records off: the source is fixed. */
  heal(): void;
  close(): Promise<void>;
}

/** Seeded so a fault pattern can be replayed. */
export const seeded = seededRandom;

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seeded(options.seed);
  const injected: Record<FaultKind, number> = { 'rate-limit': 0, 'server-error': 0, timeout: 0, truncated: 0, malformed: 0 };
  let healed = false;
  const target = new URL(options.target);
  // The same loopback server kit as the API servers behind it; it hands over the request body whole.
  const server = await listen((req, body, res) => {
    const fault = healed || random() >= options.rate ? undefined : options.kinds[Math.floor(random() * options.kinds.length)];
    if (fault === 'rate-limit' || fault === 'server-error' || fault === 'timeout') {
      injected[fault]++;
      return answerFault(fault, req, res);
    }
    relay(req, body, target, (status, headers, body) => {
      const broken = breakBody(fault, body, healed ? undefined : options.malformedIds, injected);
      res.writeHead(status, { ...headers, 'content-length': String(broken.declared) });
      // A cut body: half the bytes, then the connection drops short of the announced length.
      if (broken.cut) res.write(broken.bytes, () => res.socket?.destroy());
      else res.end(broken.bytes);
    });
  });
  return {
    url: `${server.origin}${target.pathname.replace(/\/$/, '')}`,
    injected,
    heal: () => {
      healed = true;
    },
    close: () => server.close(),
  };
}

function answerFault(fault: 'rate-limit' | 'server-error' | 'timeout', req: IncomingMessage, res: ServerResponse): void {
  if (fault === 'rate-limit') {
    res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"message":"slow down"}');
  } else if (fault === 'server-error') {
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"boom"}');
  } else {
    // What a client sees when a gateway gives up on the upstream: a socket that dies unanswered.
    setTimeout(() => req.socket.destroy(), 150);
  }
}

/** Sends the request on to `target` (with `headers` over the viewer's) and hands back the whole answer. */
export function relay(
  req: IncomingMessage,
  body: string,
  target: URL,
  done: (status: number, headers: Record<string, string>, body: Buffer) => void,
  headers: Record<string, string> = {},
): void {
  const upstream = forward(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, ...headers } },
    (reply) => {
      const chunks: Buffer[] = [];
      reply.on('data', (chunk: Buffer) => chunks.push(chunk));
      reply.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(reply.headers)) {
          if (typeof value === 'string' && name !== 'content-length' && name !== 'transfer-encoding') headers[name] = value;
        }
        done(reply.statusCode ?? 502, headers, Buffer.concat(chunks));
      });
    },
  );
  upstream.on('error', () => req.socket.destroy());
  upstream.end(body);
}

interface BrokenBody {
  bytes: Buffer;
  /** The content-length announced; larger than `bytes` when the body is cut short. */
  declared: number;
  cut: boolean;
}

function breakBody(fault: FaultKind | undefined, body: Buffer, malformedIds: ReadonlySet<string> | undefined, injected: Record<FaultKind, number>): BrokenBody {
  if (fault === 'truncated' && body.length > 2) {
    injected.truncated++;
    return { bytes: body.subarray(0, Math.floor(body.length / 2)), declared: body.length, cut: true };
  }
  const bytes = malformedIds?.size ? malformRecords(body, malformedIds, injected) : body;
  return { bytes, declared: bytes.length, cut: false };
}

/** Removes a field every record needs (Jira `fields.status`, Asana `name`) from the chosen records. */
function malformRecords(body: Buffer, ids: ReadonlySet<string>, injected: Record<FaultKind, number>): Buffer {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  let changed = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const id = String(record.id ?? record.gid ?? '');
    if (ids.has(id) && typeof record.fields === 'object' && record.fields !== null) {
      delete (record.fields as Record<string, unknown>).status;
      changed = true;
    } else if (ids.has(id) && typeof record.gid === 'string' && 'name' in record && 'completed' in record) {
      delete record.name;
      changed = true;
    }
    Object.values(record).forEach(visit);
  };
  visit(json);
  if (!changed) return body;
  injected.malformed++;
  return Buffer.from(JSON.stringify(json));
}
