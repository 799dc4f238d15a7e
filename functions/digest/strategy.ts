import { largeEnough } from '../config/privacy.ts';
import { percent, points, round } from './format.ts';
import { ALIGNMENT_PATH, portfolioPath, projectPath } from './links.ts';
import type { DigestItem, DigestSection, SnapshotPair } from './model.ts';

/** Unaligned work items listed at most: the largest new ones are the news. */
export const NEW_UNALIGNED_LIMIT = 5;

/**
 * What strategy managers hear: each portfolio's theme gap (half the sum of |actual − target|, as
 * alignment.json publishes it) and its drift since the earlier snapshot, and the largest new
 * unaligned work. Strategy sees alignment, portfolio, project and forecast pages with names but no
 * PM pages (access/role-rules.ts): items name no PM and link to those pages only.
 *
 * Strategy may not see personal hours: as on its pages (docs/published-json.md, "Roles on the
 * site"), hours of fewer than `minGroup` people (or with no published count) are not told, nor a
 * gap score built on such hours.
 */
export function strategySections(pair: SnapshotPair, minGroup: number): DigestSection[] {
  return [gapSection(pair, minGroup), unalignedSection(pair, minGroup)];
}

const hidden = (minGroup: number) => `hidden: fewer than ${minGroup} people`;
// A figure of 0 hours is no one's hours: it is told, as on the site.
const tooFew = (hours: number, people: number | undefined, minGroup: number) => hours > 0 && !largeEnough(people, minGroup);

/** A row's gap score is built from its theme shares: it is told only when no share is of too few people. */
function gapTold(row: { unalignedHours: number; unalignedPeople?: number | undefined; themes: readonly { hours: number; people?: number | undefined }[] }, minGroup: number): boolean {
  return !tooFew(row.unalignedHours, row.unalignedPeople, minGroup) && row.themes.every((t) => !tooFew(t.hours, t.people, minGroup));
}

function drift(now: number, before: number | undefined, sinceAsOf: string | undefined): string {
  if (before === undefined) return sinceAsOf ? 'no figure on ' + sinceAsOf : 'no earlier figure';
  return `${points(now - before)} since ${sinceAsOf}`;
}

const driftTone = (now: number, before: number | undefined): DigestItem['tone'] =>
  before === undefined || Math.abs(now - before) < 0.0005 ? 'neutral' : now > before ? 'bad' : 'good';

function gapSection({ current, earlier }: SnapshotPair, minGroup: number): DigestSection {
  const now = current.documents['alignment.json'];
  const before = earlier?.documents['alignment.json'];
  const since = before?.asOf;
  const company: DigestItem = {
    title: 'Company',
    detail: gapTold(now, minGroup) ? `gap ${percent(now.gapScore)}, ${drift(now.gapScore, before?.gapScore, since)}` : `gap ${hidden(minGroup)}`,
    path: ALIGNMENT_PATH,
    tone: gapTold(now, minGroup) ? driftTone(now.gapScore, before?.gapScore) : 'neutral',
  };
  const portfolios = now.portfolios
    .filter((p) => p.totalHours > 0)
    .map((p) => ({ p, was: before?.portfolios.find((b) => b.name === p.name && b.totalHours > 0)?.gapScore }))
    .sort((a, b) => b.p.gapScore - a.p.gapScore || a.p.name.localeCompare(b.p.name))
    .map(({ p, was }): DigestItem => ({
      title: `Portfolio ${p.name}`,
      detail: gapTold(p, minGroup) ? `gap ${percent(p.gapScore)}, ${drift(p.gapScore, was, since)}` : `gap ${hidden(minGroup)}`,
      path: portfolioPath(p.name),
      tone: gapTold(p, minGroup) ? driftTone(p.gapScore, was) : 'neutral',
    }));
  return { heading: 'Theme gap per portfolio', empty: 'No hours logged in the window.', items: [company, ...portfolios] };
}

/**
 * Unaligned work that grew since the earlier snapshot: a project's unaligned hours now less those
 * then (0 when it was not listed), largest growth first. alignment.json lists the projects with
 * the most unaligned hours only, so a project below that list then counts from 0.
 */
export function newUnalignedWork({ current, earlier }: SnapshotPair): { projectId: string; name: string; hours: number; people: number | undefined; growth: number }[] {
  const before = new Map((earlier?.documents['alignment.json'].unalignedWork ?? []).map((w) => [w.projectId, w.hours]));
  return (current.documents['alignment.json'].unalignedWork ?? [])
    .map((w) => ({ projectId: w.projectId, name: w.name, hours: w.hours, people: w.people, growth: w.hours - (before.get(w.projectId) ?? 0) }))
    .filter((w) => w.growth > 0.05)
    .sort((a, b) => b.growth - a.growth || a.name.localeCompare(b.name))
    .slice(0, NEW_UNALIGNED_LIMIT);
}

function unalignedSection(pair: SnapshotPair, minGroup: number): DigestSection {
  const projects = new Set(pair.current.documents['projects.json'].projects.map((p) => p.id));
  const items = newUnalignedWork(pair).map((w): DigestItem => ({
    title: w.name,
    detail: tooFew(w.hours, w.people, minGroup)
      ? `hours matching no theme grew (${hidden(minGroup)})`
      : `${round(w.hours, 1)} h matching no theme, ${round(w.growth, 1)} h more than ${pair.earlier ? `on ${pair.earlier.documents['alignment.json'].asOf}` : 'before'}`,
    path: projects.has(w.projectId) ? projectPath(w.projectId) : ALIGNMENT_PATH,
    tone: 'bad',
  }));
  return { heading: 'Largest new unaligned work', empty: 'No project’s unaligned hours grew.', items };
}
