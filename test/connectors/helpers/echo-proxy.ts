import { listen } from '../../../demo/servers/listen.ts';
import { relay } from '../../faults/fault-proxy.ts';

/**
 * A proxy in front of a demo API server that behaves like a careless gateway: it takes the
 * connector's own token, swaps in the demo server's credentials, and on the paths it is told to
 * break answers with a body that echoes what it was sent (the token as sent, URL-encoded,
 * base64-encoded, and the whole `authorization` header). It can also strip a required field from
 * chosen records, so the sync quarantines something too.
 */

export interface EchoProxyOptions {
  target: string;
  /** The `authorization` header the connector sends, and the one the demo server expects. */
  authorization: { sent: string; upstream: string };
  /** The secret whose echoes the error bodies carry. */
  token: string;
  /** Path pattern → status and body kind of the broken answer; `once`: only the first such request (a retry then gets through). */
  break: { path: RegExp; status: number; body: 'jira' | 'asana' | 'text'; once?: boolean }[];
  /** Removes a field every record needs from the record with this `id`/`gid`. */
  malformId?: string;
}

export interface EchoProxy {
  url: string;
  paths: string[];
  broken: number;
  close(): Promise<void>;
}

export function tokenEchoes(token: string, authorization: string): string[] {
  return [token, encodeURIComponent(token), Buffer.from(token).toString('base64'), authorization];
}

export async function startEchoProxy(options: EchoProxyOptions): Promise<EchoProxy> {
  const target = new URL(options.target);
  const state = { paths: [] as string[], broken: 0 };
  const spent = new Set<RegExp>();
  const server = await listen((req, body, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    state.paths.push(`${req.method} ${path}`);
    if (req.headers.authorization !== options.authorization.sent) return res.writeHead(401).end();
    const rule = options.break.find((candidate) => candidate.path.test(path) && !spent.has(candidate.path));
    if (rule) {
      state.broken += 1;
      if (rule.once) spent.add(rule.path);
      const echoes = tokenEchoes(options.token, req.headers.authorization);
      const [raw, urlEncoded, base64, header] = echoes;
      const bodies = {
        jira: JSON.stringify({ errorMessages: [`token ${raw} is not valid`, `as sent: ${urlEncoded}`], errors: { authorization: header, base64 } }),
        asana: JSON.stringify({ errors: [{ message: `token ${raw} (${urlEncoded}, ${base64}) refused; ${header}`, phrase: raw, help: urlEncoded }] }),
        text: `<html>denied for ${echoes.join(' | ')}</html>`,
      };
      const text = bodies[rule.body];
      const status = rule.status;
      return res.writeHead(status, { 'content-type': rule.body === 'text' ? 'text/html' : 'application/json' }).end(text);
    }
    relay(req, body, target, (status, headers, reply) => {
      const bytes = options.malformId ? malform(reply, options.malformId) : reply;
      res.writeHead(status, { ...headers, 'content-length': String(bytes.length) }).end(bytes);
    }, { authorization: options.authorization.upstream });
  });
  return {
    url: `${server.origin}${target.pathname.replace(/\/$/, '')}`,
    get paths() {
      return state.paths;
    },
    get broken() {
      return state.broken;
    },
    close: () => server.close(),
  };
}

/** Jira issues lose `fields.status`, Asana tasks their `name`: both are quarantined, not mapped. */
function malform(body: Buffer, id: string): Buffer {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (String(record.id ?? record.gid ?? '') === id) {
      if (typeof record.fields === 'object' && record.fields !== null) delete (record.fields as Record<string, unknown>).status;
      else if ('completed' in record) delete record.name;
    }
    Object.values(record).forEach(visit);
  };
  visit(json);
  return Buffer.from(JSON.stringify(json));
}
