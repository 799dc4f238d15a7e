import { readFileSync } from 'node:fs';

/** Stored raw API pages under test/fixtures/<source>/<case>.json. */
export function fixture(source: 'jira' | 'asana' | 'csv', name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${source}/${name}.json`, import.meta.url), 'utf8'));
}

export const fixedNow = () => new Date('2026-03-05T12:00:00.000Z');

/** The path of a stored fixture file, for connectors that read files. */
export function fixturePath(source: 'jira' | 'asana' | 'csv', name: string): string {
  return new URL(`../fixtures/${source}/${name}`, import.meta.url).pathname;
}
