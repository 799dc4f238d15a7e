import type { DemoOrg } from './generator/index.ts';
import { demoPeople } from './generator/index.ts';
import { ADO_ORGANIZATION, ADO_TOKEN, adoAreaPath, adoIdentityId } from './generator/variations/azure-devops-projects.ts';

/**
 * The demo config's part for the company's Azure DevOps projects (`--azure-devops`): the source,
 * each person's Azure DevOps identity as one more alias, and a `projectRules` entry per moved
 * project naming its PM (Azure DevOps projects and areas have no lead; the area path is the rule's
 * key). The portfolio needs no rule: at area path depth 2 it is the Azure DevOps project, which
 * the demo names after the portfolio.
 */

export const ADO_SOURCE = 'azure-devops';
export const ADO_TOKEN_ENV = 'PMPULSE_DEMO_AZURE_DEVOPS_TOKEN';

export function azureDevOpsDemoConfig(org: DemoOrg, baseUrl: string) {
  const source = { type: 'azure-devops', name: ADO_SOURCE, baseUrl, organization: ADO_ORGANIZATION, tokenEnv: ADO_TOKEN_ENV, areaPathDepth: 2 };
  const emailOf = new Map(org.people.map((person) => [person.id, person.email]));
  const projectRules = org.projects
    .filter((project) => project.system === 'azure-devops')
    .map((project) => ({ match: { source: ADO_SOURCE, project: adoAreaPath(org, project) }, pm: emailOf.get(project.pmId)! }));
  const people = demoPeople(org).map((person) => ({ ...person, aliases: [...person.aliases, `${ADO_SOURCE}:${adoIdentityId(person)}`] }));
  return { source, projectRules, people, token: ADO_TOKEN };
}
