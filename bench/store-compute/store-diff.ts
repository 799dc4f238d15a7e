/**
 * Which records a packed store lacks against a store of the same company written one item per
 * record: every item of both, by kind and id (chunk bodies unzipped), the missing ids as JSON lines.
 *
 *     node bench/store-compute/store-diff.ts <reference demo dir> <packed demo dir> [out.jsonl]
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { gunzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { startEmbeddedDynamo } from '../../functions/store/index.ts';
import { documentClient } from '../../test/store/helpers.ts';

const [reference, packed, out = 'missing.jsonl'] = process.argv.slice(2);
if (!reference || !packed) throw new Error('usage: store-diff.ts <reference demo dir> <packed demo dir> [out.jsonl]');

async function scan(dir: string, onItem: (item: Record<string, any>) => void) {
  const server = await startEmbeddedDynamo({ dir });
  const client = documentClient(server.endpoint);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: 'pmpulse', ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) onItem(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy(); await server.close();
}
const ref = new Map<string, string>(); // kind|id -> pk
await scan(`${reference}/db`, (item) => {
  const pk = String(item.pk);
  if (!pk.startsWith('REC#')) return;
  if (item.deletedAt !== undefined || item.deleted) return;
  ref.set(`${pk.split('#')[1]}|${item.sk}`, pk);
});
console.log('ref', ref.size);
type C = { pk: string; start: string; end?: string; rev: number; ids: string[] };
const chunks: C[] = [];
const have = new Set<string>();
await scan(`${packed}/db`, (item) => {
  const pk = String(item.pk);
  if (!pk.startsWith('PACK#')) return;
  const entries = JSON.parse(gunzipSync(item.body).toString('utf8')) as { i: string; d?: string }[];
  const kind = pk.split('#')[1];
  chunks.push({ pk, start: String(item.sk).slice(2), end: item.end, rev: item.rev, ids: entries.map((e) => e.i) });
  for (const e of entries) have.add(`${kind}|${e.i}`);
});
const missing = [...ref.keys()].filter((k) => !have.has(k));
console.log('missing', missing.length);
const byKind: Record<string, number> = {};
for (const m of missing) byKind[m.split('|')[0]!] = (byKind[m.split('|')[0]!] ?? 0) + 1;
console.log(byKind);
// place each missing id among its partition's chunks
const byPk = new Map<string, C[]>();
for (const c of chunks) { const l = byPk.get(c.pk) ?? []; l.push(c); byPk.set(c.pk, l); }
for (const l of byPk.values()) l.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
const lines: string[] = [];
for (const m of missing) {
  const [kind, id] = m.split('|') as [string, string];
  const pk = ref.get(m)!.replace('REC#', 'PACK#');
  const l = byPk.get(pk) ?? [];
  let at = 0; for (let k = 0; k < l.length; k++) if (l[k]!.start <= id) at = k;
  const c = l[at]!; const nx = l[at + 1];
  const below = c.ids.filter((x) => x < id).length;
  lines.push(JSON.stringify({ kind, id, pk, chunk: c.start, end: c.end, rev: c.rev, count: c.ids.length, posInChunk: below, nextStart: nx?.start, lastId: c.ids.at(-1), outOfRangeInChunk: nx ? c.ids.filter((x) => x >= nx.start).length : 0 }));
}
writeFileSync(out, lines.join('\n') + '\n');
const stats = { chunks: chunks.length, withEnd: chunks.filter((c) => c.end !== undefined).length, endMismatch: 0, outOfRange: 0 };
for (const l of byPk.values()) for (let k = 0; k < l.length; k++) { const nx = l[k + 1]?.start; if (l[k]!.end !== nx && l[k]!.end !== undefined) stats.endMismatch++; if (nx && l[k]!.ids.some((x) => x >= nx)) stats.outOfRange++; }
console.log(stats);
