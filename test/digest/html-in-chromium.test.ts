import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest, renderHtml } from '../../functions/digest/index.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../site/helpers.ts';
import { handMadePair, SETTINGS } from './pair.ts';

/** The e-mail rendered by Chromium as a 600 px mail pane would: nothing may stick out sideways. */
const { pair } = await handMadePair();
// A name with no place to break, and a long one with spaces: the two ways a mail grows wide.
pair.current.documents['managers.json'].managers.find((m) => m.id === 'pm-grace')!.name = `Grace${'W'.repeat(300)}`;
pair.current.documents['projects.json'].projects.find((p) => p.id === 'jira:PAY')!.name = 'Payments v3 '.repeat(40);
const digests = {
  leadership: buildDigest(pair, { kind: 'leadership' }, SETTINGS),
  strategy: buildDigest(pair, { kind: 'strategy' }, SETTINGS),
  'pm:pm-grace': buildDigest(pair, { kind: 'pm', pmId: 'pm-grace' }, SETTINGS),
};

let browser: Browser;
beforeAll(async () => {
  // A missing browser is a broken environment, not a reason to skip.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install chromium`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => browser?.close());

describe('the HTML digest in Chromium', () => {
  for (const [name, digest] of Object.entries(digests)) {
    it(`${name}: no horizontal scroll at 600 px, no script, no request for anything outside`, async () => {
      const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.setContent(renderHtml(digest, 'https://pulse.example.com'), { waitUntil: 'load' });
      const seen = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        widest: Math.max(...[...document.querySelectorAll('body *')].map((el) => el.getBoundingClientRect().right)),
        scripts: document.querySelectorAll('script').length,
        externals: document.querySelectorAll('img, link, style, iframe, object, embed').length,
        handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        text: document.body.innerText,
      }));
      await page.close();
      expect(seen.clientWidth).toBe(600);
      expect(seen.scrollWidth).toBeLessThanOrEqual(seen.clientWidth);
      expect(seen.widest).toBeLessThanOrEqual(600);
      expect([seen.scripts, seen.externals, seen.handlers]).toEqual([0, 0, 0]);
      expect(requests).toEqual([]);
      const items = digest.sections.reduce((n, s) => n + s.items.length, 0);
      expect(seen.links).toHaveLength(items);
      for (const href of seen.links) expect(href).toMatch(/^https:\/\/pulse\.example\.com\/[a-z]+\//);
      expect(seen.text).toContain(digest.title);
    }, 60_000);
  }

  it('the wide names are in the page (so the width check had something to fit)', () => {
    expect(renderHtml(digests.leadership, undefined)).toContain('W'.repeat(300));
    expect(renderHtml(digests.leadership, undefined)).toContain('Payments v3 Payments v3');
  });
});
