import { describe, expect, it } from 'vitest';
import { decideAccess, NO_ACCESS_PATH, ROLES, type SessionAccess } from '../../functions/access/role-rules.ts';
import { keyId, SESSION_COOKIE, signSession } from '../../functions/handlers/site-auth/session.ts';
import { loadViewerAuth, viewerRequest } from './edge-harness.ts';

/**
 * The edge function's role decisions against `decideAccess`, the reference beside the one rule table:
 * every combination of roles, with and without a person id, on every kind of page the site build emits.
 */

const KEY = { kid: keyId('e'.repeat(64)), key: 'e'.repeat(64) };

const SITE_PATHS = [
  '/', '/index.html',
  '/compare/', '/compare', '/compare/index.html',
  '/kpi/x/', '/kpi/lead-time/', '/kpi/x',
  '/pm/ana/', '/pm/ana', '/pm/ana/index.html', '/pm/bob/', '/pm/anabel/', '/pm/', '/pm/%61na/',
  '/portfolio/', '/portfolio/x/', '/project/x/', '/project/caf%C3%A9/',
  '/alignment/', '/forecasts/', '/quality/', '/definitions/', '/definitions',
  '/data/alignment-managers.csv', '/data/portfolio-x.csv', '/data/forecast-y.csv', '/data/kpi-lead-time.csv', '/data/pm/ana-hours.csv', '/data/latest.json',
  '/data/pm-ana-areas.csv', '/data/pm-ana-trends.csv', '/data/pm-anabel-areas.csv', '/data/pm-bob-trends.csv',
  '/_astro/x.css', '/_astro/page.abc123.js', '/favicon.ico', '/404.html',
  '/anonymous/', '/anonymous/compare/', '/anonymous/kpi/x/', '/anonymousx/',
  '/no-access/', '/no-access', '/no-access/index.html',
  '/_auth/login', '/unknown/',
];

/** All 2^3 subsets of the roles. */
const roleSets = ROLES.reduce<string[][]>((sets, role) => [...sets, ...sets.map((set) => [...set, role])], [[]]);
const sessions: SessionAccess[] = roleSets.flatMap((roles) => [{ roles }, { roles, person: 'ana' }]);

/** What the reference says the edge must do: the origin path (index documents added) or the no-access page. */
function expected(path: string, session: SessionAccess) {
  const decision = decideAccess(decodeURIComponent(path), session);
  if ('deny' in decision) return { statusCode: 302, headers: { location: { value: NO_ACCESS_PATH } } };
  const served = decision.serve === decodeURIComponent(path) ? path : `/anonymous${path}`;
  const last = served.split('/').pop()!;
  return { uri: served.endsWith('/') ? `${served}index.html` : last.includes('.') ? served : `${served}/index.html` };
}

describe('viewer-auth role decisions', () => {
  it('equal decideAccess for every role combination on every kind of site path', async () => {
    const edge = await loadViewerAuth([KEY]);
    const now = Math.floor(Date.now() / 1000);
    let compared = 0;
    for (const session of sessions) {
      const token = signSession({ sub: 'u-1', roles: [...session.roles], ...(session.person ? { person: session.person } : {}), iat: now, exp: now + 600 }, KEY);
      for (const path of SITE_PATHS) {
        const got = await edge(viewerRequest(path, { [SESSION_COOKIE]: token }));
        expect({ path, session, got }).toMatchObject({ path, session, got: expected(path, session) });
        compared++;
      }
    }
    expect(compared).toBe(16 * SITE_PATHS.length);
  });

  it('gives each role what the issue promises (hand-written, independent of the table)', async () => {
    const edge = await loadViewerAuth([KEY]);
    const now = Math.floor(Date.now() / 1000);
    const as = (roles: string[], person?: string) => async (path: string) => {
      const token = signSession({ sub: 'u', roles, ...(person ? { person } : {}), iat: now, exp: now + 600 }, KEY);
      const got = await edge(viewerRequest(path, { [SESSION_COOKIE]: token }));
      return got.statusCode === 302 ? 'no access' : got.uri;
    };
    const leadership = as(['leadership']);
    const pm = as(['pm'], 'ana');
    const strategy = as(['strategy']);
    const nobody = as([]);

    expect(await leadership('/pm/bob/')).toBe('/pm/bob/index.html');
    expect(await leadership('/compare/')).toBe('/compare/index.html');
    expect(await pm('/pm/ana/')).toBe('/pm/ana/index.html');
    expect(await pm('/pm/bob/')).toBe('no access');
    expect(await pm('/compare/')).toBe('/anonymous/compare/index.html');
    expect(await pm('/')).toBe('/anonymous/index.html');
    expect(await pm('/anonymous/compare/')).toBe('no access');
    expect(await pm('/portfolio/')).toBe('no access');
    // Alignment, portfolios and projects without the hours of too few people; their CSVs are leadership's.
    expect(await strategy('/alignment/')).toBe('/anonymous/alignment/index.html');
    expect(await strategy('/portfolio/x/')).toBe('/anonymous/portfolio/x/index.html');
    expect(await strategy('/project/x/')).toBe('/anonymous/project/x/index.html');
    expect(await strategy('/data/alignment-managers.csv')).toBe('no access');
    expect(await leadership('/alignment/')).toBe('/alignment/index.html');
    expect(await strategy('/forecasts/')).toBe('/forecasts/index.html');
    expect(await strategy('/pm/ana/')).toBe('no access');
    expect(await nobody('/')).toBe('no access');
    expect(await nobody('/no-access/')).toBe('/no-access/index.html');
    expect(await as(['pm'])('/pm/ana/')).toBe('no access');
  });

  it('refuses paths that would reach the origin as something else', async () => {
    const edge = await loadViewerAuth([KEY]);
    const now = Math.floor(Date.now() / 1000);
    const token = signSession({ sub: 'u', roles: ['pm'], person: 'ana', iat: now, exp: now + 600 }, KEY);
    for (const path of ['/pm/ana/../bob/', '/pm/ana/..%2fbob/', '/pm/ana/%2e%2e/bob/', '/pm/ana/./', '/pm/ana//x', '/pm/ana/%5c..%5cbob/', '/pm/ana/%0a', '/pm/%zz/']) {
      expect(await edge(viewerRequest(path, { [SESSION_COOKIE]: token })), path).toMatchObject({ statusCode: 400 });
    }
  });
});
