import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { SLACK_LIMITS } from '../../functions/digest/render/slack.ts';
import { listen } from './listen.ts';

/**
 * A loopback stand-in for Slack incoming webhooks. Each hook made with `hook()` gets its own URL
 * `/services/T…/B…/<secret>`, as Slack's do, with a random secret (tests check it never shows in
 * output). A POST answers as Slack does, in plain text: `ok` (200); `invalid_payload` (400) for a
 * body that is not JSON; `no_text` (400) for a message with neither text nor blocks;
 * `invalid_blocks` (400) for blocks outside Slack's limits (SLACK_LIMITS, the renderer's own) or
 * of a shape Slack refuses; `no_service` (404) for a hook that does not exist; and, when asked,
 * `rate_limited` (429) with Retry-After. Every request to a hook is kept in `received`.
 */
export interface HookOptions {
  /** The first N posts answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitFirst?: number;
  retryAfterSeconds?: number;
  /** Every post answers 404 `no_service`: the hook was removed in Slack. */
  removed?: boolean;
}

export interface ReceivedPost {
  hook: string;
  status: number;
  answer: string;
  /** The JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

export interface RunningSlackWebhookServer {
  /** A new hook's URL; `name` is how `received` names it. */
  hook(name: string, options?: HookOptions): string;
  readonly received: readonly ReceivedPost[];
  close(): Promise<void>;
}

export async function startSlackWebhookServer(options: { onPost?: (post: ReceivedPost) => void } = {}): Promise<RunningSlackWebhookServer> {
  const hooks = new Map<string, { name: string; options: HookOptions; posts: number }>();
  const received: ReceivedPost[] = [];
  const listening = await listen((incoming, body, outgoing) => {
    const path = new URL(incoming.url ?? '/', 'http://localhost').pathname;
    const hook = hooks.get(path);
    const answer = (status: number, word: string, headers: Record<string, string> = {}) => {
      received.push({ hook: hook?.name ?? path, status, answer: word, body: parsed(body) });
      options.onPost?.(received.at(-1)!);
      reply(outgoing, status, word, headers);
    };
    if (!hook || hook.options.removed) return answer(404, 'no_service');
    if (incoming.method !== 'POST') return answer(405, 'invalid_method');
    hook.posts += 1;
    if (hook.posts <= (hook.options.rateLimitFirst ?? 0)) return answer(429, 'rate_limited', { 'retry-after': String(hook.options.retryAfterSeconds ?? 1) });
    const message = parsed(body);
    if (!message || typeof message !== 'object' || Array.isArray(message)) return answer(400, 'invalid_payload');
    const { text, blocks } = message as { text?: unknown; blocks?: unknown };
    if ((typeof text !== 'string' || text.trim() === '') && blocks === undefined) return answer(400, 'no_text');
    if (blocks !== undefined && blockProblem(blocks) !== undefined) return answer(400, 'invalid_blocks');
    return answer(200, 'ok');
  });
  return {
    hook(name, options = {}) {
      const path = `/services/T${token(8)}/B${token(8)}/${token(24)}`;
      hooks.set(path, { name, options, posts: 0 });
      return `${listening.origin}${path}`;
    },
    received,
    close: listening.close,
  };
}

const token = (length: number) => randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length);

function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function reply(outgoing: ServerResponse, status: number, word: string, headers: Record<string, string>): void {
  outgoing.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(word), ...headers });
  outgoing.end(word);
}

type Block = { type?: unknown; text?: { type?: unknown; text?: unknown }; elements?: unknown };
const isText = (t: Block['text'], kinds: readonly string[], max: number) => !!t && kinds.includes(t.type as string) && typeof t.text === 'string' && t.text.length > 0 && t.text.length <= max;

/** Why Slack would refuse these blocks, or undefined: the block kinds the digest sends, within the limits. */
export function blockProblem(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return 'blocks is not a list';
  if (blocks.length > SLACK_LIMITS.blocks) return `${blocks.length} blocks, more than ${SLACK_LIMITS.blocks}`;
  if (JSON.stringify(blocks).length > SLACK_LIMITS.totalText) return `blocks of ${JSON.stringify(blocks).length} characters`;
  for (const [index, block] of (blocks as Block[]).entries()) {
    const problem = oneBlockProblem(block);
    if (problem) return `blocks[${index}]: ${problem}`;
  }
  return undefined;
}

function oneBlockProblem(block: Block): string | undefined {
  switch (block?.type) {
    case 'header':
      return isText(block.text, ['plain_text'], SLACK_LIMITS.headerText) ? undefined : `header text must be plain_text of 1 to ${SLACK_LIMITS.headerText} characters`;
    case 'section':
      return isText(block.text, ['plain_text', 'mrkdwn'], SLACK_LIMITS.sectionText) ? undefined : `section text must be 1 to ${SLACK_LIMITS.sectionText} characters`;
    case 'context': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > SLACK_LIMITS.contextElements) return `context needs 1 to ${SLACK_LIMITS.contextElements} elements`;
      return elements.every((element) => isText(element as Block['text'], ['plain_text', 'mrkdwn'], SLACK_LIMITS.sectionText)) ? undefined : 'context elements must be texts';
    }
    case 'divider':
      return undefined;
    default:
      return `unknown block type ${JSON.stringify(block?.type)}`;
  }
}
