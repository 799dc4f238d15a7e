import { documentSchemas, LatestSchema, type AlignmentDoc, type Latest, type ManagersDoc, type ProjectsDoc, type SnapshotDocuments } from './documents.ts';
import { issuesOf, SnapshotReadError } from './errors.ts';
import { DOCUMENT_NAMES, LATEST_KEY, type DocumentName } from './layout.ts';
import { buildPortfoliosDoc } from './portfolios.ts';
import { withDirections } from './kpi-direction.ts';

/**
 * The one validated reader of published snapshots, for the publisher (a report store), the site
 * (a folder) and tests alike. `read` answers a key of the store layout (layout.ts) with the parsed
 * JSON, or undefined when there is none; `where` names a key in errors (a file path, a store key).
 */
export interface SnapshotSource {
  read(key: string): Promise<unknown>;
  where?(key: string): string;
}

/** `latest.json`, validated; undefined when nothing was published yet. */
export async function readLatest(source: SnapshotSource): Promise<Latest | undefined> {
  const raw = await source.read(LATEST_KEY);
  if (raw === undefined) return undefined;
  const result = LatestSchema.safeParse(raw);
  if (!result.success) throw new SnapshotReadError(nameOf(source, LATEST_KEY), issuesOf(result.error));
  return result.data;
}

/**
 * Every document of the snapshot `latest` points at, each validated against its schema, then
 * upgraded: a snapshot published before `portfolios.json` existed does not list it, so it is
 * derived from `projects.json` (as the publisher built it then); KPI definitions published before
 * `direction` existed get it (kpi-direction.ts).
 */
export async function readSnapshot(source: SnapshotSource, latest: Latest, keyOf: (document: DocumentName) => string): Promise<SnapshotDocuments> {
  const docs: Partial<Record<DocumentName, unknown>> = {};
  const derivePortfolios = !latest.documents.includes('portfolios.json');
  await Promise.all(
    DOCUMENT_NAMES.map(async (name) => {
      if (name === 'portfolios.json' && derivePortfolios) return;
      const key = keyOf(name);
      const raw = await source.read(key);
      if (raw === undefined) throw new SnapshotReadError(nameOf(source, key), [{ path: '(root)', message: 'missing' }]);
      const result = documentSchemas[name].safeParse(raw);
      if (!result.success) throw new SnapshotReadError(nameOf(source, key), issuesOf(result.error));
      docs[name] = result.data;
    }),
  );
  if (derivePortfolios) docs['portfolios.json'] = buildPortfoliosDoc(docs['projects.json'] as ProjectsDoc);
  // Definitions published before `direction` existed get the one their catalogue meant.
  const managers = docs['managers.json'] as ManagersDoc;
  docs['managers.json'] = { ...managers, kpis: withDirections(managers.kpis) };
  const alignment = docs['alignment.json'] as AlignmentDoc;
  if (alignment.definitions) docs['alignment.json'] = { ...alignment, definitions: withDirections(alignment.definitions) };
  return docs as SnapshotDocuments;
}

const nameOf = (source: SnapshotSource, key: string): string => source.where?.(key) ?? key;
