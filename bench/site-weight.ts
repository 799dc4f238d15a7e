import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * What a reader downloads per page of the built site: the HTML plus the local files it loads
 * (stylesheets, scripts, images), and how much of that is JavaScript. Charts are meant to be
 * static SVG, so script that draws charts (names vega, a chart or an svg) is counted apart from
 * script for anything else, such as sorting a table.
 */

export interface PageWeight {
  page: string;
  bytes: number;
  jsBytes: number;
  chartJsBytes: number;
}

const CHART_SCRIPT = /vega|chart|<svg|createElementNS|d3\./i;
const ASSET = /<(?:link[^>]*rel="(?:stylesheet|modulepreload|preload)"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"/g;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
}

async function localSize(siteDir: string, page: string, href: string): Promise<{ bytes: number; text: string }> {
  if (/^(?:[a-z]+:|\/\/)/i.test(href)) return { bytes: 0, text: '' }; // data: URLs are inline, remote ones are not ours
  const path = href.startsWith('/') ? join(siteDir, href.split(/[?#]/)[0]!) : resolve(dirname(page), href.split(/[?#]/)[0]!);
  try {
    const size = (await stat(path)).size;
    return { bytes: size, text: path.endsWith('.js') ? await readFile(path, 'utf8') : '' };
  } catch {
    return { bytes: 0, text: '' };
  }
}

async function weigh(siteDir: string, page: string): Promise<PageWeight> {
  const html = await readFile(page, 'utf8');
  let bytes = Buffer.byteLength(html);
  let jsBytes = 0;
  let chartJsBytes = 0;
  const countScript = (text: string, size: number) => {
    jsBytes += size;
    if (CHART_SCRIPT.test(text)) chartJsBytes += size;
  };
  for (const [, href] of html.matchAll(ASSET)) {
    const asset = await localSize(siteDir, page, href!);
    bytes += asset.bytes;
    if (asset.text) countScript(asset.text, asset.bytes);
  }
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/type="application\/(?:ld\+)?json"/.test(attributes!)) continue; // data, not code
    countScript(body!, Buffer.byteLength(body!));
  }
  return { page: relative(siteDir, page), bytes, jsBytes, chartJsBytes };
}

export async function weighSite(siteDir: string): Promise<PageWeight[]> {
  const pages = await htmlFiles(siteDir);
  const weights = await Promise.all(pages.map((page) => weigh(siteDir, page)));
  return weights.sort((a, b) => a.page.localeCompare(b.page));
}
