import { readFileSync } from 'node:fs';
import { edgeAccessRules } from '../../functions/access/role-rules.ts';

/** CloudFront Functions take at most 10 KB of code (the quota is not adjustable). */
export const FUNCTION_CODE_LIMIT_BYTES = 10_240;

const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** Every placeholder must be found, so a renamed one fails the synth instead of shipping. */
function fill(source: string, values: Record<string, string>): string {
  return Object.entries(values).reduce((code, [placeholder, value]) => {
    if (!code.includes(placeholder)) throw new Error(`edge function: placeholder ${placeholder} not found`);
    return code.split(placeholder).join(value);
  }, source);
}

/** The default behaviour's function, with its KeyValueStore and the role table of functions/access/role-rules.ts. */
export function viewerAuthSource(keyValueStoreId: string): string {
  return fill(read('viewer-auth.js'), { __KVS_ID__: keyValueStoreId, __ACCESS_RULES__: JSON.stringify(edgeAccessRules()) });
}

/** The `/_auth/*` behaviour's function: known routes only, and the viewer's host for the sign-in function. */
export function authRoutesSource(): string {
  return read('auth-routes.js');
}
