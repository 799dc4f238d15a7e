import * as z from 'zod';

/**
 * The address of a source's API. Every request carries the source's token, so the address must
 * be `https:`; plain `http:` only reaches this machine (a local test server or a proxy on the
 * loopback interface), where nothing crosses a network. Other schemes (`file:`, `gopher:`) and
 * credentials written into the URL are refused: the token comes from `tokenEnv` alone.
 */

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const httpsOrLoopback = 'must be an https: URL (http: only for 127.0.0.1, localhost or [::1])';

export function sourceUrlProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined; // z.url() has said so already
  const url = new URL(text);
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password (the token comes from tokenEnv)';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return undefined;
  return httpsOrLoopback;
}

export const sourceUrl = z.url().superRefine((text, ctx) => {
  const problem = sourceUrlProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
