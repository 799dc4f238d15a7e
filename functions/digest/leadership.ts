import type { Forecast } from '../contract/documents.ts';
import { formatValue, HEALTH_WORDS, percent } from './format.ts';
import { turnedBad } from './health-turns.ts';
import { companyWords, deliveryAndCostKpis, kpiMoves, moveTone, moveWords } from './kpi-moves.ts';
import { FORECASTS_PATH, pmPath, portfolioPath, projectPath, QUALITY_PATH } from './links.ts';
import type { DigestItem, DigestSection, DigestSettings, SnapshotPair } from './model.ts';

/**
 * What leadership hears: PMs whose delivery or cost KPIs crossed a noise limit, projects and
 * portfolios that turned at risk or off track, forecasts whose chance to meet the due date fell
 * below the threshold, and sources that are failing or stale. Leadership may see every page with
 * names (access/role-rules.ts), so items name PMs and link to their pages.
 */
export function leadershipSections(pair: SnapshotPair, settings: DigestSettings): DigestSection[] {
  return [kpiSection(pair), healthSection(pair), forecastSection(pair, settings), sourceSection(pair, settings)];
}

const byToneThenTitle = (a: DigestItem, b: DigestItem): number => (a.tone === b.tone ? 0 : a.tone === 'bad' ? -1 : b.tone === 'bad' ? 1 : 0) || a.title.localeCompare(b.title);

function kpiSection({ current, earlier }: SnapshotPair): DigestSection {
  const doc = current.documents['managers.json'];
  const kpis = deliveryAndCostKpis(doc);
  const items = doc.managers
    .flatMap((pm) => kpiMoves(doc, earlier?.documents['managers.json'], pm, kpis).map((move) => ({ pm, move })))
    .map(({ pm, move }): DigestItem => ({
      title: `${pm.name}: ${move.kpi.name}`,
      detail: `${formatValue(move.kpi, move.before.value)} → ${formatValue(move.kpi, move.after.value)}, ${moveWords(move)}${companyWords(move, (v) => formatValue(move.kpi, v))}`,
      path: pmPath(pm.id),
      tone: moveTone(move),
    }))
    .sort(byToneThenTitle);
  return {
    heading: 'Delivery and cost beyond noise',
    empty: earlier ? 'No PM’s delivery or cost figure crossed a noise limit.' : 'No earlier snapshot to compare with.',
    items,
  };
}

function healthSection({ current, earlier }: SnapshotPair): DigestSection {
  const before = earlier?.documents;
  const portfolios = current.documents['portfolios.json'].portfolios.flatMap((portfolio): DigestItem[] => {
    const was = before?.['portfolios.json'].portfolios.find((p) => p.name === portfolio.name);
    if (!turnedBad(portfolio.health, was?.health, was !== undefined)) return [];
    return [{ title: `Portfolio ${portfolio.name}`, detail: healthDetail(portfolio.health, was?.health, portfolio.healthReason, was !== undefined), path: portfolioPath(portfolio.name), tone: 'bad' }];
  });
  const projects = current.documents['projects.json'].projects.flatMap((project): DigestItem[] => {
    const was = before?.['projects.json'].projects.find((p) => p.id === project.id);
    if (!turnedBad(project.health, was?.health, was !== undefined)) return [];
    return [{ title: project.name, detail: healthDetail(project.health!, was?.health, project.healthReason, was !== undefined), path: projectPath(project.id), tone: 'bad' }];
  });
  return {
    heading: 'Turned at risk or off track',
    empty: 'No portfolio or project turned at risk or off track.',
    items: [...portfolios.sort(byToneThenTitle), ...projects.sort(byToneThenTitle)],
  };
}

export function healthDetail(now: keyof typeof HEALTH_WORDS, before: keyof typeof HEALTH_WORDS | undefined, reason: string | undefined, wasThere: boolean): string {
  const from = wasThere ? `was ${HEALTH_WORDS[before ?? 'not_reported']}` : 'new since the last digest';
  return `${HEALTH_WORDS[now]} (${from})${reason ? `: ${reason}` : ''}`;
}

/**
 * A forecast "fell below" when its chance to finish by the due date is under the threshold now and
 * was not before: at or above it, or not known (no due date, no forecast, absent earlier).
 */
export function fellBelow(now: Forecast, before: Forecast | undefined, threshold: number): boolean {
  if (now.status !== 'ok' || now.probabilityByDue === null || now.probabilityByDue >= threshold) return false;
  return before?.probabilityByDue === null || before?.probabilityByDue === undefined || before.probabilityByDue >= threshold;
}

export function forecastDetail(now: Forecast, before: Forecast | undefined): string {
  const was = before?.probabilityByDue === null || before?.probabilityByDue === undefined ? 'not known before' : `was ${percent(before.probabilityByDue)}`;
  const p85 = now.p85 ? `; 85 % likely done by ${now.p85}` : '';
  return `${percent(now.probabilityByDue ?? 0)} chance to finish by ${now.dueOn} (${was})${p85}`;
}

function forecastSection({ current, earlier }: SnapshotPair, settings: DigestSettings): DigestSection {
  const now = current.documents['forecasts.json'];
  const before = earlier?.documents['forecasts.json'];
  const items = (['portfolios', 'projects'] as const).flatMap((group) =>
    now[group]
      .filter((f) => fellBelow(f, before?.[group].find((b) => b.id === f.id), settings.forecastThreshold))
      .sort((a, b) => (a.probabilityByDue ?? 0) - (b.probabilityByDue ?? 0) || a.name.localeCompare(b.name))
      .map((f): DigestItem => ({
        title: group === 'portfolios' ? `Portfolio ${f.name}` : f.name,
        detail: forecastDetail(f, before?.[group].find((b) => b.id === f.id)),
        path: FORECASTS_PATH,
        tone: 'bad',
      })),
  );
  return { heading: `Forecasts below ${percent(settings.forecastThreshold)} to meet the due date`, empty: 'No forecast’s chance to meet its due date fell below the threshold.', items };
}

/** Hours from a source's last sync to the snapshot's generation; null when it never synced or a time is unreadable. */
export function hoursSinceSync(lastSyncAt: string | null, generatedAt: string): number | null {
  if (lastSyncAt === null) return null;
  const hours = (Date.parse(generatedAt) - Date.parse(lastSyncAt)) / 3_600_000;
  return Number.isFinite(hours) ? hours : null;
}

function sourceSection({ current }: SnapshotPair, settings: DigestSettings): DigestSection {
  const quality = current.documents['quality.json'];
  const items = quality.sources.flatMap((source): DigestItem[] => {
    const age = hoursSinceSync(source.lastSyncAt, quality.generatedAt);
    if (!source.ok) return [{ title: source.name, detail: `failing: ${source.error ?? 'the last sync did not finish'}`, path: QUALITY_PATH, tone: 'bad' }];
    if (age === null) return [{ title: source.name, detail: 'never synced', path: QUALITY_PATH, tone: 'bad' }];
    if (source.readInProgress) return [{ title: source.name, detail: 'part-way through a read: its records are incomplete until the next run finishes it', path: QUALITY_PATH, tone: 'bad' }];
    if (age >= settings.staleSourceHours) return [{ title: source.name, detail: `stale: last synced ${Math.floor(age)} h before the snapshot`, path: QUALITY_PATH, tone: 'bad' }];
    return [];
  });
  return { heading: 'Sources failing or stale', empty: 'Every source synced without errors.', items };
}
