export { generateOrg } from './generate.ts';
export type { GenerateOptions } from './generate.ts';
export { demoPortfolioTargets, demoThemes } from './themes.ts';
export { demoPeople } from './people-config.ts';
export { demoOwnershipConfig } from './variations/project-ownership.ts';
export { demoCredentials } from './credentials.ts';
export { namedPersonas } from './personas.ts';
export type { Persona } from './personas.ts';
export type {
  AsanaSection,
  DemoDeletedWorklog,
  DemoOrg,
  DemoPerson,
  DemoPortfolio,
  DemoProject,
  DemoReplan,
  DemoScale,
  DemoStatusChange,
  DemoSystem,
  DemoTask,
  DemoTheme,
  DemoWorklog,
  PersonaId,
  StatusCategory,
  WorkflowStatus,
} from './model.ts';
