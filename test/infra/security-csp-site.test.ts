import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../infra/security-headers.ts';
import { outsideAttributes } from '../site/helpers.ts';
import { openSiteInChromium, type SiteInChromium } from '../site/site-in-chromium.ts';

/**
 * Finding 6: the site runs under a policy without 'unsafe-inline' for scripts. The fixture site is
 * built once and served on loopback; Chromium gets every response with the exact header the
 * CloudFront response headers policy sends.
 */
let opened: SiteInChromium;

beforeAll(async () => {
  opened = await openSiteInChromium('csp');
});

afterAll(async () => {
  await opened?.close();
});

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name));
}

/** A page with the site's CSP on every response, and the violations Chromium reports. */
async function openWithPolicy(url: string): Promise<{ page: Page; violations: string[]; problems: string[] }> {
  const page = await opened.browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': contentSecurityPolicy } });
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  await page.goto(url, { waitUntil: 'load' });
  const violations = await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations);
  return { page, violations, problems };
}

describe('the content security policy', () => {
  it('is the policy CloudFront sends, with no inline script allowed', () => {
    expect(securityHeaders.contentSecurityPolicy?.contentSecurityPolicy).toBe(contentSecurityPolicy);
    const scriptSrc = contentSecurityPolicy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
  });

  it('leaves no inline script in any built page: every <script> loads a file of the site', async () => {
    const files = await htmlFiles(opened.dist);
    expect(files.length).toBeGreaterThan(20);
    const inline: string[] = [];
    const sources: string[] = [];
    for (const file of files) {
      const html = await readFile(file, 'utf8');
      // Attribute values are blanked first: a quoted "<script>" in an aria-label is text, not a tag.
      for (const tag of outsideAttributes(html).match(/<script\b[^>]*>/gi) ?? []) if (!/\ssrc=/.test(tag)) inline.push(path.relative(opened.dist, file));
      for (const [, src] of html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/gi)) sources.push(src!);
      // No event-handler attributes either: script-src 'self' blocks them too, silently.
      expect(outsideAttributes(html), file).not.toMatch(/<[^>]+\son[a-z]+=/i);
    }
    expect(inline).toEqual([]);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) expect(src).toMatch(/^\/_astro\/[^/]+\.js$/);
  });

  it('still sorts the comparison table in Chromium under the exact policy', async () => {
    const { page, violations, problems } = await openWithPolicy(`${opened.site.url}compare/`);
    const names = () => page.locator('#pm-table tbody th').allInnerTexts();
    await page.locator('#pm-table th[data-key="onTimeRate"] button').click();
    expect((await names())[0]).toBe('Linus Pauling');
    expect(new URL(page.url()).search).toBe('?sort=onTimeRate&dir=desc');
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is enforced in that test: an inline script added to the page does not run', async () => {
    const { page } = await openWithPolicy(`${opened.site.url}compare/`);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true;';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { ran: (window as unknown as { injectedRan?: boolean }).injectedRan === true, violations: (globalThis as unknown as { cspViolations: string[] }).cspViolations };
    });
    expect(ran.ran).toBe(false);
    expect(ran.violations.some((v) => v.startsWith('script-src') && v.endsWith(' inline')), ran.violations.join(', ')).toBe(true);
    await page.close();
  });
});
