import type { DemoPerson, DemoPortfolio } from '../generator/index.ts';
import type { ApiReply, ApiRequest } from './http-kit.ts';
import type { JiraIndex } from './jira-index.ts';
import { pageParams } from './jira-paging.ts';
import { renderProjectRef, renderUser } from './jira-render.ts';
import { jiraError } from './jira-search.ts';

/** `/project/search`: offset-paged, ordered by key; the lead only with `expand=lead`. */
export function listProjects(index: JiraIndex, request: ApiRequest): ApiReply {
  const page = pageParams(request.query, 50, 100);
  if (typeof page === 'string') return jiraError(400, page);
  const expand = new Set((request.query.get('expand') ?? '').split(',').map((part) => part.trim()));
  const portfolios = new Map(index.org.portfolios.map((portfolio) => [portfolio.id, portfolio]));
  const { origin } = request;
  const slice = index.projects.slice(page.startAt, page.startAt + page.maxResults);
  const isLast = page.startAt + slice.length >= index.projects.length;
  const values = slice.map((project) => {
    const portfolio = portfolios.get(project.portfolioId) as DemoPortfolio;
    const category = project.ownership?.jiraCategory ?? { id: portfolio.jiraCategoryId, name: portfolio.name, description: portfolio.description };
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...renderProjectRef(origin, project),
      style: project.jiraStyle === 'team-managed' ? 'next-gen' : 'classic',
      isPrivate: false,
      properties: {},
      projectCategory: {
        self: `${origin}/rest/api/3/projectCategory/${category.id}`,
        id: category.id,
        name: category.name,
        description: category.description,
      },
      ...(expand.has('lead') ? { lead: renderUser(origin, index.people.get(project.ownership?.leadId ?? project.pmId) as DemoPerson) } : {}),
    };
  });
  const next = `${origin}/rest/api/3/project/search?startAt=${page.startAt + slice.length}&maxResults=${page.maxResults}`;
  return {
    status: 200,
    body: {
      self: `${origin}/rest/api/3/project/search?startAt=${page.startAt}&maxResults=${page.maxResults}`,
      ...(isLast ? {} : { nextPage: expand.has('lead') ? `${next}&expand=lead` : next }),
      maxResults: page.maxResults,
      startAt: page.startAt,
      total: index.projects.length,
      isLast,
      values,
    },
  };
}
