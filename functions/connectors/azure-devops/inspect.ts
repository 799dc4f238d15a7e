import type { AzureDevOpsSourceConfig } from '../../config/index.ts';
import type { SyncContext } from '../kit/connector.ts';
import type { InspectionRow, SourceInspection } from '../kit/inspection.ts';
import { createAdoClient, createAdoHttp } from './client.ts';
import { AdoProjectSchema, AdoTeamSchema } from './schema.ts';

/** What an Azure DevOps organization holds for pmpulse: its projects and their teams (the keys `projectRules` can name). */
export async function inspectAzureDevOps(context: SyncContext<AzureDevOpsSourceConfig>): Promise<SourceInspection> {
  const config = context.source;
  const client = createAdoClient(createAdoHttp(context), config, config.name);
  const projects: InspectionRow[] = [];
  const teams: InspectionRow[] = [];
  for await (const page of client.projects()) {
    for (const raw of page) {
      const project = AdoProjectSchema.safeParse(raw);
      if (!project.success) continue;
      projects.push({ id: project.data.id, name: project.data.name, state: project.data.state ?? null });
      for await (const teamPage of client.teams(project.data.id)) {
        for (const rawTeam of teamPage) {
          const team = AdoTeamSchema.safeParse(rawTeam);
          if (team.success) teams.push({ project: project.data.name, team: team.data.name, areaKey: `${project.data.name}\\${team.data.name}` });
        }
      }
    }
  }
  const notes = [`area path depth ${config.areaPathDepth}: ${config.areaPathDepth === 1 ? 'each Azure DevOps project is one pmpulse project' : 'each area at that depth is one pmpulse project, its portfolio the Azure DevOps project'}`];
  return {
    source: config.name,
    type: 'azure-devops',
    notes,
    sections: [
      { name: 'projects', title: 'Projects', rows: projects },
      { name: 'teams', title: 'Teams (a team\'s default area is usually Project\\Team)', rows: teams },
    ],
  };
}
