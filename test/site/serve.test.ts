import { mkdir, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../../site/serve.ts';
import type { ServedSite } from '../../site/serve.ts';
import { tempDir } from './helpers.ts';

describe('serveSite', () => {
  let parent: string;
  let site: ServedSite;

  beforeAll(async () => {
    parent = await tempDir('serve');
    const dir = path.join(parent, 'dist');
    await mkdir(path.join(dir, 'quality'), { recursive: true });
    await writeFile(path.join(dir, 'index.html'), '<h1>overview</h1>');
    await writeFile(path.join(dir, 'quality', 'index.html'), '<h1>quality</h1>');
    await writeFile(path.join(dir, 'style.css'), 'body{}');
    await writeFile(path.join(dir, '404.html'), '<h1>not found</h1>');
    await writeFile(path.join(parent, 'secret.txt'), 'do not serve');
    site = await serveSite({ dir });
  });

  afterAll(async () => {
    await site?.close();
    await rm(parent, { recursive: true, force: true });
  });

  const get = (p: string) => fetch(new URL(p, site.url));

  /** fetch() normalises dot segments before sending; a raw request sends the path as written. */
  const rawGet = (p: string) =>
    new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(site.url);
      httpGet({ hostname, port, path: p }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      }).on('error', reject);
    });

  it('serves files with their content type and index.html for folders', async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const css = await get('style.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const p of ['/quality/', '/quality', '/quality/index.html?x=1']) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(await res.text()).toBe('<h1>quality</h1>');
    }
  });

  it('answers unknown paths with the 404 page', async () => {
    const res = await get('/nope/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<h1>not found</h1>');
  });

  it('never serves a file outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/quality/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      expect(await rawGet(p), p).toContain('not found');
    }
  });
});
