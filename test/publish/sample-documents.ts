import { buildPortfoliosDoc, createKpiEngine } from '../../functions/kpi/index.ts';
import { createForecastEngine } from '../../functions/forecast/index.ts';
import type { SnapshotDocuments } from '../../functions/contract/documents.ts';
import { buildQualityDoc } from '../../functions/publish/quality.ts';
import { AS_OF, overrides, people, projects, tasks, themes, timeEntries, WINDOW_DAYS } from '../fixtures/kpi/small-org.ts';

/** A real snapshot's documents: the small organisation of the KPI tests, run through the engine. */
export function sampleDocuments(): SnapshotDocuments {
  const engine = createKpiEngine({ asOf: AS_OF, windowDays: WINDOW_DAYS, projects, people, themes, overrides });
  engine.addTasks(tasks);
  engine.addTimeEntries(timeEntries);
  const result = engine.finish();
  const forecasts = createForecastEngine({ asOf: AS_OF, projects, settings: { trials: 500 } });
  forecasts.addTasks(tasks);
  return {
    'forecasts.json': forecasts.finish(),
    'managers.json': result.managers,
    'projects.json': result.projects,
    'portfolios.json': buildPortfoliosDoc(result.projects),
    'alignment.json': result.alignment,
    'quality.json': buildQualityDoc({
      now: new Date('2026-03-31T20:35:00Z'),
      runs: [],
      sources: [{ name: 'jira', type: 'jira' }],
      quarantine: [],
      unmatchedIdentities: result.unmatchedIdentities,
      findings: result.findings,
      findingsOmitted: result.findingsOmitted,
      identitySuggestions: result.identitySuggestions,
    }),
  };
}

export { AS_OF };
