import { createHmac } from 'node:crypto';
import { authRoutesSource, viewerAuthSource } from '../../infra/edge/sources.ts';
import { fixedSigningKey } from '../../functions/handlers/site-auth/signing-key.ts';
import { kvsKeyName, type SessionKey } from '../../functions/handlers/site-auth/session.ts';

/**
 * The CloudFront Functions run under Node: the code exactly as the stack renders it, with
 * CloudFront's `cloudfront` module replaced by a KeyValueStore stand-in (a Map that throws on a
 * missing key, as `kvs.get` does) and its `crypto` by Node's.
 */
export type EdgeResult = Record<string, any>;
export type EdgeHandler = (event: unknown) => Promise<EdgeResult>;

export const HOST = 'd111.cloudfront.net';

export async function runEdgeSource(source: string, store: Map<string, string> = new Map()): Promise<EdgeHandler> {
  const body = source.replace(/^import .*$/gm, '');
  const cf = { kvs: () => ({ get: async (name: string) => (store.has(name) ? store.get(name)! : Promise.reject(new Error(`key not found: ${name}`))) }) };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
  const make = new AsyncFunction('cf', 'crypto', `${body}\nreturn handler;`);
  const handler = (await make(cf, { createHmac })) as (event: unknown) => EdgeResult | Promise<EdgeResult>;
  return async (event) => handler(event);
}

/** The default behaviour's function with a store holding these signing keys (and any other entries). */
export function loadViewerAuth(keys: readonly SessionKey[], entries: Record<string, string> = {}) {
  const store = new Map<string, string>([...keys.map((k) => [kvsKeyName(k.kid), k.key] as [string, string]), ...Object.entries(entries)]);
  return runEdgeSource(viewerAuthSource('kvs-test-id'), store);
}

export const loadAuthRoutes = () => runEdgeSource(authRoutesSource());

export function viewerRequest(uri: string, cookies: Record<string, string> = {}, method = 'GET') {
  return {
    request: {
      method,
      uri,
      querystring: {},
      headers: { host: { value: HOST } } as Record<string, { value: string }>,
      cookies: Object.fromEntries(Object.entries(cookies).map(([k, v]) => [k, { value: v }])),
    },
  };
}

export const signingKey = async (key: string) => fixedSigningKey(key)();
