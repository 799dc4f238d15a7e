// One static CSV per chart, from the same definitions the pages draw: the download is the table.
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteCharts } from '../../lib/catalogue.ts';
import { toCsv } from '../../lib/csv.ts';
import { loadSnapshot } from '../../lib/snapshot.ts';
import type { ChartTable } from '../../lib/charts.ts';

export const getStaticPaths = (async () => {
  const snapshot = await loadSnapshot();
  return siteCharts(snapshot).map((def) => ({ params: { chart: def.id }, props: { table: def.table } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(toCsv((props as { table: ChartTable }).table), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
