import { describe, expect, it } from 'vitest';
import { safeNext } from '../../functions/handlers/site-auth/app.ts';

/** Finding 1: where the sign-in may send someone afterwards. */

const ORIGIN = 'https://d111.cloudfront.net';

/** Where a browser ends up when it follows `Location: <value>` from the site (it strips tab, CR, LF; reads `\` as `/`). */
const browserTarget = (location: string) => new URL(location.replace(/[\t\r\n]/g, ''), ORIGIN).origin;

describe('safeNext', () => {
  const attacks = [
    '/\t/evil.example',
    '/%09/evil.example',
    '/\t\\evil.example',
    '/\r\n/evil.example',
    '/%0d%0a/evil.example',
    '/\n/evil.example',
    '/%0A/evil.example',
    '//evil.example/x',
    '///evil.example',
    'https://evil.example',
    'https:evil.example',
    '/\\evil.example',
    '/%5cevil.example',
    '\\\\evil.example',
    '/.//evil.example',
    '/a/..//evil.example',
    'javascript:alert(1)',
    '/\u202Eelpmaxe.live//',
    '/%E2%80%AEelpmaxe.live',
    '/\u2066x',
    '/\u0000x',
    '/%00x',
    '/%zz',
    ' /x',
    '',
  ];

  it.each(attacks)('turns %j into the home page', (next) => {
    expect(safeNext(next, ORIGIN)).toBe('/');
  });

  it('never yields an address a browser would take off the site', () => {
    for (const next of attacks) expect(browserTarget(safeNext(next, ORIGIN))).toBe(ORIGIN);
    // Without the check some of these really leave: the test would catch a regression to a prefix test.
    expect(browserTarget('/\t/evil.example')).toBe('https://evil.example');
    expect(browserTarget('/\\evil.example')).toBe('https://evil.example');
  });

  it('keeps a path and query on the site, dropping the fragment', () => {
    expect(safeNext('/projects/', ORIGIN)).toBe('/projects/');
    expect(safeNext('/pm/ana/?kpi=lead-time#chart', ORIGIN)).toBe('/pm/ana/?kpi=lead-time');
    expect(safeNext(`${ORIGIN}/x`, ORIGIN)).toBe('/');
    expect(safeNext('/a/../compare/', ORIGIN)).toBe('/compare/');
    expect(safeNext('/project/caf%C3%A9/', ORIGIN)).toBe('/project/caf%C3%A9/');
  });

  it('works without an origin too (resolving against a placeholder)', () => {
    expect(safeNext('/%09/evil.example')).toBe('/');
    expect(safeNext('/compare/')).toBe('/compare/');
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext('/compare/', 'https://bad host')).toBe('/');
  });
});
