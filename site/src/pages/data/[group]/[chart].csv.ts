// The CSVs of the portfolio, project and forecasts pages' charts and matrices, data/<group>/<id>.csv: the same tables the pages show.
import type { APIRoute, GetStaticPaths } from 'astro';
import { portfolioSiteTables } from '../../../lib/portfolio-charts.ts';
import { toCsv } from '../../../lib/csv.ts';
import { loadSnapshot } from '../../../lib/snapshot.ts';
import type { ChartTable } from '../../../lib/charts.ts';

export const getStaticPaths = (async () => {
  const snapshot = await loadSnapshot();
  return portfolioSiteTables(snapshot).map((def) => {
    const [group, chart] = def.id.split('/') as [string, string];
    return { params: { group, chart }, props: { table: def.table } };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(toCsv((props as { table: ChartTable }).table), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
