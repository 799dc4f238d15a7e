/**
 * Who may open which page of the site. One table, read by the site build (which page variants to
 * emit) and by the edge function (which paths to admit, injected into it at synth), so the two
 * cannot disagree; the edge function's tests check it against `decideAccess` below.
 *
 * A pattern is a path of the built site: a trailing `*` matches any rest, and `{person}` stands for
 * the `people[]` id the session carries (a PM's own page). A path a role may see only without names
 * is served from its anonymised twin under `ANONYMISED_PREFIX`, which the build emits.
 */
export const ROLES = ['leadership', 'strategy', 'pm'] as const;
export type Role = (typeof ROLES)[number];

/** Where the build puts the pages that show peers without names (percentile bands, the distribution). */
export const ANONYMISED_PREFIX = '/anonymous';
/** The page someone signed in but in no group (or asking for a page outside their role) is shown. */
export const NO_ACCESS_PATH = '/no-access/';

export interface RoleRule {
  /** Paths served as they are. */
  readonly named: readonly string[];
  /** Paths served from their anonymised twin (`/compare/` → `/anonymous/compare/`). */
  readonly anonymised: readonly string[];
}

/** Open to anyone signed in, whatever their groups: the pages' assets and the no-access page itself. */
export const ANY_SIGNED_IN: readonly string[] = ['/_astro/*', '/favicon.ico', '/404.html', `${NO_ACCESS_PATH}*`, '/definitions/*'];

export const ROLE_RULES: Readonly<Record<Role, RoleRule>> = {
  // Everything, with names.
  leadership: { named: ['/*'], anonymised: [] },
  // Effort against the strategic themes: alignment, portfolios and the projects behind a gap, forecasts.
  // The pages with hours per project, portfolio and theme without the hours of fewer than
  // privacy.minGroup people (their PMs named); their CSVs are leadership's. Forecasts show no hours.
  strategy: {
    named: ['/forecasts/*', '/data/forecast*'],
    anonymised: ['/', '/index.html', '/alignment/*', '/portfolio/*', '/project/*'],
  },
  // Their own PM page; the company and their peers only without names.
  pm: {
    // Their own page and its two CSVs, named exactly: a prefix would also admit a PM whose id extends theirs.
    named: ['/pm/{person}/*', '/data/pm-{person}-areas.csv', '/data/pm-{person}-trends.csv'],
    anonymised: ['/', '/index.html', '/compare/*', '/kpi/*'],
  },
};

export interface SessionAccess {
  readonly roles: readonly string[];
  /** The `people[]` id of a PM; absent for someone who is not one. */
  readonly person?: string;
}

export type AccessDecision = { readonly serve: string } | { readonly deny: true };

/** Does `pattern` (see the header) match `path` for this person? */
export function matchesPattern(pattern: string, path: string, person: string | undefined): boolean {
  if (pattern.includes('{person}')) {
    if (!person) return false;
    pattern = pattern.replace('{person}', person);
  }
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    // `/pm/ana/*` also admits `/pm/ana` (the edge adds the slash and index.html later).
    return path.startsWith(prefix) || (prefix.endsWith('/') && path === prefix.slice(0, -1));
  }
  return path === pattern;
}

/**
 * What a signed-in viewer with these roles is served for `path`: the path itself, its anonymised
 * twin, or nothing. Named beats anonymised, so a viewer in two groups gets the richer page.
 */
export function decideAccess(path: string, session: SessionAccess): AccessDecision {
  if (ANY_SIGNED_IN.some((p) => matchesPattern(p, path, session.person))) return { serve: path };
  const roles = ROLES.filter((role) => session.roles.includes(role));
  if (roles.some((role) => ROLE_RULES[role].named.some((p) => matchesPattern(p, path, session.person)))) return { serve: path };
  if (!path.startsWith(`${ANONYMISED_PREFIX}/`) && roles.some((role) => ROLE_RULES[role].anonymised.some((p) => matchesPattern(p, path, session.person)))) {
    return { serve: `${ANONYMISED_PREFIX}${path}` };
  }
  // The twins are reached by rewriting only: asking for them by name shows what was decided above.
  return { deny: true };
}

/** The table as the edge function receives it: injected as JSON at synth (infra/site-distribution.ts). */
export interface EdgeAccessRules {
  readonly anySignedIn: readonly string[];
  readonly roles: Readonly<Record<Role, RoleRule>>;
  readonly anonymisedPrefix: string;
  readonly noAccessPath: string;
}

export function edgeAccessRules(): EdgeAccessRules {
  return { anySignedIn: ANY_SIGNED_IN, roles: ROLE_RULES, anonymisedPrefix: ANONYMISED_PREFIX, noAccessPath: NO_ACCESS_PATH };
}
