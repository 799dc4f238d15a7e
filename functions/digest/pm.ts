import { formatValue, HEALTH_WORDS } from './format.ts';
import { companyWords, kpiMoves, moveTone, moveWords, rankedKpis } from './kpi-moves.ts';
import { fellBelow, forecastDetail } from './leadership.ts';
import { pmPath } from './links.ts';
import type { DigestItem, DigestSection, DigestSettings, SnapshotPair } from './model.ts';

/** The PM a digest is for is not in the current snapshot. */
export class UnknownPmError extends Error {
  override name = 'UnknownPmError';
}

/**
 * What one PM hears: their own KPIs that crossed a noise limit, their projects' health and
 * forecasts, and the tasks behind their weakest figure. A PM may open their own page and see peers
 * only as company figures (access/role-rules.ts): every item links to their own page, and the only
 * figure of others quoted is the company's target each KPI is compared with. No other PM is named.
 */
export function pmSections(pair: SnapshotPair, pmId: string, settings: DigestSettings): { name: string; sections: DigestSection[] } {
  const doc = pair.current.documents['managers.json'];
  const pm = doc.managers.find((m) => m.id === pmId);
  if (!pm) throw new UnknownPmError(`no PM "${pmId}" in snapshot ${pair.current.id} (PMs: ${doc.managers.map((m) => m.id).join(', ') || 'none'})`);
  const own = pmPath(pm.id);
  const before = pair.earlier?.documents;

  const changes = kpiMoves(doc, before?.['managers.json'], pm, rankedKpis(doc)).map((move): DigestItem => ({
    title: move.kpi.name,
    detail: `${formatValue(move.kpi, move.before.value)} → ${formatValue(move.kpi, move.after.value)}, ${moveWords(move)}${companyWords(move, (v) => formatValue(move.kpi, v))}`,
    path: own,
    tone: moveTone(move),
  }));

  const projects = pair.current.documents['projects.json'].projects
    .filter((p) => p.pmId === pm.id)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p): DigestItem => {
      const was = before?.['projects.json'].projects.find((b) => b.id === p.id);
      const health = p.health ?? 'not_reported';
      const change = was && (was.health ?? 'not_reported') !== health ? ` (was ${HEALTH_WORDS[was.health ?? 'not_reported']})` : '';
      return { title: p.name, detail: `${HEALTH_WORDS[health]}${change}${p.healthReason ? `: ${p.healthReason}` : ''}`, path: own, tone: health === 'off_track' || health === 'at_risk' ? 'bad' : health === 'on_track' ? 'good' : 'neutral' };
    });

  const forecasts = pair.current.documents['forecasts.json'].projects
    .filter((f) => f.pmId === pm.id && f.status === 'ok' && f.probabilityByDue !== null)
    .sort((a, b) => (a.probabilityByDue ?? 0) - (b.probabilityByDue ?? 0) || a.name.localeCompare(b.name))
    .map((f): DigestItem => {
      const was = before?.['forecasts.json'].projects.find((b) => b.id === f.id);
      return { title: f.name, detail: forecastDetail(f, was), path: own, tone: fellBelow(f, was, settings.forecastThreshold) || (f.probabilityByDue ?? 0) < settings.forecastThreshold ? 'bad' : 'neutral' };
    });

  const weakest = pm.drivers ? doc.kpis.find((k) => k.id === pm.drivers!.kpi) : undefined;
  const drivers = (pm.drivers?.tasks ?? []).map((task): DigestItem => ({ title: task.title, detail: task.reason, path: own, tone: 'bad' }));

  return {
    name: pm.name,
    sections: [
      { heading: 'Your figures beyond noise', empty: pair.earlier ? 'None of your figures crossed a noise limit.' : 'No earlier snapshot to compare with.', items: changes },
      { heading: 'Your projects', empty: 'No projects in the window.', items: projects },
      { heading: 'Your forecasts', empty: 'No project of yours has a due date to forecast against.', items: forecasts },
      { heading: weakest ? `Behind your weakest figure: ${weakest.name}` : 'Behind your weakest figure', empty: 'Every figure of yours is within the company’s noise limits.', items: drivers },
    ],
  };
}
