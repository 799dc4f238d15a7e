import { describe, expect, it } from 'vitest';
import { buildDigest, renderHtml, renderSlack, renderText } from '../../functions/digest/index.ts';
import { NASTY_NAME } from '../site/helpers.ts';
import { handMadePair, SETTINGS } from './pair.ts';

/**
 * The fixture's PM pm-nasty is named `<script>alert(1)</script> & "Co"` and owns the project
 * `<b>Launch</b> & "Partners"`; here a source and Grace's name are made hostile too, so every
 * section of every audience carries markup that must come out as text.
 */
const { pair } = await handMadePair();
const docs = pair.current.documents;
docs['quality.json'].sources[1]!.name = 'asana<img src=x onerror=alert(2)>';
docs['managers.json'].managers.find((m) => m.id === 'pm-grace')!.name = 'Grace <@U123|here> & <!channel>';
const digests = [
  buildDigest(pair, { kind: 'leadership' }, SETTINGS),
  buildDigest(pair, { kind: 'strategy' }, SETTINGS),
  buildDigest(pair, { kind: 'pm', pmId: 'pm-nasty' }, SETTINGS),
  buildDigest(pair, { kind: 'pm', pmId: 'pm-grace' }, SETTINGS),
];

describe('names from the sources come out as text in every format', () => {
  it('the hostile names are in the digests at all', () => {
    const all = digests.map((d) => renderText(d, undefined)).join('\n');
    for (const raw of [NASTY_NAME, '<b>Launch</b> & "Partners"', 'asana<img src=x onerror=alert(2)>', 'Grace <@U123|here> & <!channel>']) expect(all).toContain(raw);
  });

  it('HTML: no tag but the template’s, every name HTML-escaped', () => {
    for (const digest of digests) {
      const html = renderHtml(digest, 'https://pulse.example.com');
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
      expect([...tags].sort()).toEqual(['!doctype', 'a', 'body', 'br', 'head', 'html', 'meta', 'span', 'table', 'td', 'title', 'tr'].filter((t) => t !== 'a' || html.includes('<a ')));
      expect(html).not.toMatch(/<script|<img|<b>|<@U123/i);
    }
    expect(renderHtml(digests[2]!, undefined)).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(renderHtml(digests[0]!, undefined)).toContain('asana&lt;img src=x onerror=alert(2)&gt;');
  });

  it('Slack: &, < and > escaped in every text, so no name makes a link, a mention or a broadcast', () => {
    for (const digest of digests) {
      const message = renderSlack(digest, 'https://pulse.example.com');
      for (const block of message.blocks) {
        const texts = block.type === 'section' ? [block.text.text] : block.type === 'context' ? block.elements.map((e) => e.text) : [];
        for (const text of texts) {
          // Every `<` opens one of the digest's own links to the site, and nothing else.
          const opens = [...text.matchAll(/</g)].length;
          const links = [...text.matchAll(/<https:\/\/pulse\.example\.com\/[^|<>]*\|[^<>]*>/g)].length;
          expect(opens, text).toBe(links);
          expect(text).not.toMatch(/<[@!#]/);
        }
      }
    }
    const leadership = JSON.stringify(renderSlack(digests[0]!, 'https://pulse.example.com'));
    expect(leadership).toContain('Grace &lt;@U123|here&gt; &amp; &lt;!channel&gt;');
    const nasty = renderSlack(digests[2]!, undefined);
    // The notification text is mrkdwn and escaped; the header is plain_text, which Slack shows as written.
    expect(nasty.text).toBe('pmpulse weekly digest for &lt;script&gt;alert(1)&lt;/script&gt; &amp; "Co", 2025-11-23');
    expect(nasty.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: `pmpulse weekly digest for ${NASTY_NAME}, 2025-11-23`, emoji: false } });
    // Without a site address no link is made: a relative one would not open from Slack.
    expect(JSON.stringify(nasty)).toContain('&lt;b&gt;Launch&lt;/b&gt; &amp; \\"Partners\\" (/pm/pm-nasty/)');
    expect(JSON.stringify(nasty.blocks.slice(1))).not.toContain('<');
  });

  it('plain text: names as written, links on their own lines', () => {
    const text = renderText(digests[2]!, 'https://pulse.example.com');
    expect(text).toContain(`pmpulse weekly digest for ${NASTY_NAME}, 2025-11-23`);
    expect(text).toContain('\n  https://pulse.example.com/pm/pm-nasty/\n');
  });
});
