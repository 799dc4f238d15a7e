import type { ApiReply, ApiRequest } from './http-kit.ts';
import type { AdoProjectView } from './azure-devops-index.ts';
import type { Json, RevisionJson } from './azure-devops-revisions.ts';

/**
 * Azure DevOps' two kinds of paging: `$top`/`$skip` lists wrapped as `{count, value}` (count is
 * the page's length), and the reporting feed's batches with a watermark `continuationToken`; the
 * last batch says `isLastBatch` and its token is where the next read starts.
 */

const maxFeedBatch = 1000;
const defaultFeedBatch = 200;
const maxRevisionsPage = 200;

export function skipPage(request: ApiRequest, all: readonly unknown[], cap = 100): ApiReply {
  const top = Math.min(cap, Math.max(1, Number(request.query.get('$top') ?? cap) || cap));
  const skip = Math.max(0, Number(request.query.get('$skip') ?? 0) || 0);
  const value = all.slice(skip, skip + top);
  return { status: 200, body: { count: value.length, value } };
}

export function workItemRevisionsPage(request: ApiRequest, revisions: readonly RevisionJson[]): ApiReply {
  return skipPage(request, revisions, maxRevisionsPage);
}

export function feedBatch(request: ApiRequest, project: AdoProjectView): ApiReply {
  const token = request.query.get('continuationToken');
  const since = request.query.get('startDateTime');
  if (token !== null && since !== null) return { status: 400, body: { message: 'startDateTime cannot be used with continuationToken', typeKey: 'ArgumentException' } };
  let at = 0;
  if (token !== null) {
    if (!/^\d+$/.test(token)) return { status: 400, body: { message: 'The continuation token is not valid.', typeKey: 'InvalidContinuationTokenException' } };
    at = Math.min(Number(token), project.feed.length);
  } else if (since !== null) {
    const from = Date.parse(since);
    const index = project.feed.findIndex((revision) => Date.parse(String(revision.fields['System.ChangedDate'])) > from);
    at = index < 0 ? project.feed.length : index;
  }
  const size = Math.min(maxFeedBatch, Number(request.query.get('$maxPageSize') ?? defaultFeedBatch) || defaultFeedBatch);
  const wanted = request.query.get('fields')?.split(',').map((name) => name.trim()).filter(Boolean);
  const identities = request.query.get('includeIdentityRef') === 'true';
  const values = project.feed.slice(at, at + size).map((revision) => view(revision, wanted, identities));
  const next = at + values.length;
  return { status: 200, body: { values, nextLink: `${request.origin}${request.path}?continuationToken=${next}`, continuationToken: String(next), isLastBatch: next >= project.feed.length } };
}

/** The asked fields only; identities as `Name <email>` text unless `includeIdentityRef`. */
function view(revision: RevisionJson, wanted: string[] | undefined, identities: boolean): Json {
  const fields: Record<string, Json> = {};
  for (const [name, value] of Object.entries(revision.fields)) {
    if (wanted && !wanted.some((field) => field.toLowerCase() === name.toLowerCase())) continue;
    const identity = value !== null && typeof value === 'object' && !Array.isArray(value) && 'uniqueName' in value;
    fields[name] = identity && !identities ? `${String(value['displayName'])} <${String(value['uniqueName'])}>` : value;
  }
  return { id: revision.id, rev: revision.rev, fields, url: revision.url };
}
