// Every PM's theme gap, largest first: the alignment page shows the first rows of a large company.
import type { APIRoute } from 'astro';
import { toCsv } from '../../lib/csv.ts';
import { loadSnapshot } from '../../lib/snapshot.ts';
import { pmLabels } from '../../lib/scales.ts';
import { pmAlignmentTable } from '../../lib/tables.ts';

export const GET: APIRoute = async () => {
  const snapshot = await loadSnapshot();
  const labels = pmLabels(snapshot.documents['managers.json']);
  const table = pmAlignmentTable(snapshot.documents['alignment.json'], (id) => (id === null ? 'none' : (labels.get(id) ?? id)));
  return new Response(toCsv(table ?? { columns: ['Project manager', 'Hours', 'Unaligned', 'Gap score'], rows: [] }), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
