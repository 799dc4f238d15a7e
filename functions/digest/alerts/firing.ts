import type { SnapshotDocuments } from '../../contract/documents.ts';
import type { AlertRule } from '../../config/alerts.ts';
import { HEALTH_WORDS, percent } from '../format.ts';
import { hoursSinceSync } from '../leadership.ts';
import { FORECASTS_PATH, portfolioPath, projectPath, QUALITY_PATH } from '../links.ts';
import type { DigestItem } from '../model.ts';

/**
 * What a rule watches that is in its bad state in one snapshot, by subject: project ids, portfolio
 * names, `project:<id>` / `portfolio:<name>` for forecasts (a portfolio and a project may share a
 * name), source names. Each subject comes with the item that announces it. Pure: the snapshot in,
 * the set out; whether a subject is news is decided against the kept state (transition.ts).
 */
export function firingSubjects(rule: AlertRule, documents: SnapshotDocuments): Map<string, DigestItem> {
  const firing = new Map<string, DigestItem>();
  switch (rule.kind) {
    case 'projectOffTrack':
      for (const project of documents['projects.json'].projects) {
        if (project.health !== 'off_track') continue;
        firing.set(project.id, { title: project.name, detail: `${HEALTH_WORDS.off_track}${project.healthReason ? `: ${project.healthReason}` : ''}`, path: projectPath(project.id), tone: 'bad' });
      }
      break;
    case 'portfolioGapAbove':
      for (const portfolio of documents['alignment.json'].portfolios) {
        if (!(portfolio.gapScore > rule.value)) continue;
        firing.set(portfolio.name, { title: `Portfolio ${portfolio.name}`, detail: `alignment gap ${portfolio.gapScore.toFixed(2)}, above ${rule.value}`, path: portfolioPath(portfolio.name), tone: 'bad' });
      }
      break;
    case 'forecastBelow': {
      const forecasts = documents['forecasts.json'];
      for (const group of ['projects', 'portfolios'] as const) {
        for (const forecast of forecasts[group]) {
          const chance = forecast.probabilityByDue;
          // Only a forecast that was made and has a due date has a chance to compare.
          if (forecast.status !== 'ok' || chance === null || chance === undefined || !(chance < rule.value)) continue;
          const subject = `${group === 'projects' ? 'project' : 'portfolio'}:${forecast.id}`;
          firing.set(subject, { title: group === 'portfolios' ? `Portfolio ${forecast.name}` : forecast.name, detail: `${percent(chance)} chance to finish by ${forecast.dueOn}, below ${percent(rule.value)}`, path: FORECASTS_PATH, tone: 'bad' });
        }
      }
      break;
    }
    case 'sourceStale': {
      const quality = documents['quality.json'];
      for (const source of quality.sources) {
        const age = hoursSinceSync(source.lastSyncAt, quality.generatedAt);
        if (age !== null && age < rule.hours) continue;
        firing.set(source.name, { title: source.name, detail: age === null ? 'never synced' : `not synced for ${Math.floor(age)} h (limit ${rule.hours} h)`, path: QUALITY_PATH, tone: 'bad' });
      }
      break;
    }
  }
  return firing;
}
