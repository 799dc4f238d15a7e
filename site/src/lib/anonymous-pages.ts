import type { ManagersDoc } from '../../../functions/contract/documents.ts';
import { ANONYMISED_PREFIX, decideAccess, matchesPattern, ROLE_RULES, ROLES, type Role, type RoleRule } from '../../../functions/access/role-rules.ts';
import { slug } from './slug.ts';

/**
 * A page the site can render without names, by the path of its named original. The alignment,
 * portfolio and project pages' twins keep the PMs' names and leave out hours of too few people
 * (hours-privacy.ts); the others leave out every name.
 */
export type TwinPage =
  | { kind: 'overview'; path: '/' }
  | { kind: 'compare'; path: '/compare/' }
  | { kind: 'kpi'; path: string; kpiId: string }
  | { kind: 'alignment'; path: '/alignment/' }
  | { kind: 'portfolios'; path: '/portfolio/' }
  | { kind: 'portfolio'; path: string; slug: string }
  | { kind: 'project'; path: string; projectId: string };

/** The pages with hours per project, portfolio and theme, by portfolio page slug and project id. */
export function hoursPages(portfolioSlugs: readonly string[], projectIds: readonly string[]): TwinPage[] {
  return [
    { kind: 'alignment', path: '/alignment/' },
    { kind: 'portfolios', path: '/portfolio/' },
    ...portfolioSlugs.map((s): TwinPage => ({ kind: 'portfolio', path: `/portfolio/${s}/`, slug: s })),
    ...projectIds.map((id): TwinPage => ({ kind: 'project', path: `/project/${slug(id)}/`, projectId: id })),
  ];
}

/** Every page that has an anonymised form. */
function twinCandidates(managers: ManagersDoc, hours: readonly TwinPage[]): TwinPage[] {
  return [
    { kind: 'overview', path: '/' },
    { kind: 'compare', path: '/compare/' },
    ...managers.kpis.map((kpi): TwinPage => ({ kind: 'kpi', path: `/kpi/${slug(kpi.id)}/`, kpiId: kpi.id })),
    ...hours,
  ];
}

/** The paths a request for this page can arrive as: the folder and its index.html. */
const requestForms = (path: string) => [path, `${path}index.html`];

/**
 * The twins the build must emit: every page some role's `anonymised` patterns reach (access/role-rules.ts),
 * among the fixed pages, the KPI pages and `hours` (hoursPages),
 * so the table alone decides. A pattern that reaches no page with an anonymised form is an error,
 * not a silent 404 at the edge.
 */
export function anonymisedTwins(managers: ManagersDoc, rules: Readonly<Record<Role, RoleRule>> = ROLE_RULES, hours: readonly TwinPage[] = []): TwinPage[] {
  const candidates = twinCandidates(managers, hours);
  const chosen = new Map<string, TwinPage>();
  for (const role of ROLES) {
    for (const pattern of rules[role].anonymised) {
      const reached = candidates.filter((page) => requestForms(page.path).some((form) => matchesPattern(pattern, form, undefined)));
      if (reached.length === 0) throw new Error(`role-rules: ${role} sees "${pattern}" anonymised, but the site has no anonymised form of any page it matches`);
      for (const page of reached) chosen.set(page.path, page);
    }
  }
  return [...chosen.values()];
}

/** Where the twin of a page is written: its path under ANONYMISED_PREFIX, the folder the edge rewrites to. */
export const twinPath = (page: TwinPage): string => `${ANONYMISED_PREFIX}${page.path}`;

/** The roles the edge serves this twin to: those whose `anonymised` patterns reach its page. */
export function twinReaders(page: TwinPage, rules: Readonly<Record<Role, RoleRule>> = ROLE_RULES): Role[] {
  return ROLES.filter((role) => rules[role].anonymised.some((pattern) => requestForms(page.path).some((form) => matchesPattern(pattern, form, undefined))));
}

/**
 * Whether a twin may link to a site path: every role it is served to may open that path (as it is
 * or without names). A twin does not know its reader, so it advertises only what all of them open.
 */
export function linkableFrom(page: TwinPage, base = '/'): (href: string) => boolean {
  const readers = twinReaders(page);
  return (href) => {
    const sitePath = `/${href.startsWith(base) ? href.slice(base.length) : href.replace(/^\//, '')}`.replace(/#.*$/, '');
    return readers.every((role) => 'serve' in decideAccess(sitePath, { roles: [role] }));
  };
}
