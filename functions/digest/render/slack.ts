import { siteLink } from '../links.ts';
import { basisLine, type Digest, type Tone } from '../model.ts';
import { escapeMrkdwn } from './escape.ts';
import { moreWords, shown } from './shown.ts';

/**
 * Slack's limits, from its Block Kit reference (https://api.slack.com/reference/block-kit/blocks):
 * a message holds at most 50 blocks; a section's text at most 3,000 characters; a header's
 * plain_text at most 150; a context block at most 10 elements. Messages longer than about 13,000
 * characters of blocks in total are refused with `msg_blocks_too_long` although no documented limit
 * says so (slackapi/bolt-js#2509), so the whole message stays under 12,000.
 */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextElements: 10, totalText: 12_000 } as const;

/** Items a Slack section lists: a channel message is skimmed; the rest is "and N more". */
export const SLACK_ITEMS_PER_SECTION = 8;

const TONE_EMOJI: Record<Tone, string> = { bad: ':red_circle:', good: ':large_green_circle:', neutral: ':white_circle:' };

/** Source text is cut before escaping so one long name cannot fill a section. */
const TITLE_CHARS = 120;
const DETAIL_CHARS = 250;

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' };

/** Cuts text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Text escaped for mrkdwn and cut to `max` characters after escaping, never inside an entity. */
export function escapedWithin(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    const next = escapeMrkdwn(char);
    if (out.length + next.length > max - 1) return `${out}…`;
    out += next;
  }
  return out;
}

/**
 * The digest as a Slack Block Kit message: a header, the as-of line, then a divider and one
 * section per digest section. A section lists up to `SLACK_ITEMS_PER_SECTION` items, fewer when
 * they would pass a limit, and says how many it left out; whole lines are dropped, never cut, so
 * a link's `<…|…>` is never broken.
 */
export function renderSlack(digest: Digest, siteUrl: string | undefined): SlackMessage {
  for (const perSection of [SLACK_ITEMS_PER_SECTION, 5, 3, 1, 0]) {
    const message = renderWith(digest, siteUrl, perSection);
    if (JSON.stringify(message.blocks).length <= SLACK_LIMITS.totalText) return message;
  }
  return renderWith(digest, siteUrl, 0);
}

function renderWith(digest: Digest, siteUrl: string | undefined, perSection: number): SlackMessage {
  const m = escapeMrkdwn;
  // Slack opens absolute links only: without a site address the path is written out instead.
  const link = (path: string, text: string) => (siteUrl ? `<${siteLink(siteUrl, path)}|${m(text)}>` : `${m(text)} (${path})`);
  const line = (item: Digest['sections'][number]['items'][number]) =>
    `${TONE_EMOJI[item.tone]} ${link(item.path, clip(item.title, TITLE_CHARS))}: ${m(clip(item.detail, DETAIL_CHARS))}`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(digest.title, SLACK_LIMITS.headerText), emoji: false } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: m(basisLine(digest)) }] },
  ];
  // Two blocks per section after the two above: the block limit is far off, but checked all the same.
  for (const section of digest.sections.slice(0, Math.floor((SLACK_LIMITS.blocks - blocks.length) / 2))) {
    const heading = `*${m(clip(section.heading, TITLE_CHARS))}*`;
    const { items } = shown(section, perSection);
    const lines: string[] = [];
    let length = heading.length;
    for (const item of items) {
      const next = line(item);
      // Room is kept for the "and N more" line.
      if (length + 1 + next.length > SLACK_LIMITS.sectionText - 80) break;
      lines.push(next);
      length += 1 + next.length;
    }
    const more = section.items.length - lines.length;
    if (!section.items.length) lines.push(m(section.empty));
    if (more > 0) lines.push(`_${moreWords(more)}_`);
    blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: `${heading}\n${lines.join('\n')}` } });
  }
  // The fallback text (notifications) is read as mrkdwn; the header is plain_text, shown as written.
  return { text: escapedWithin(digest.title, SLACK_LIMITS.headerText), blocks };
}
