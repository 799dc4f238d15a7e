import { describe, expect, it } from 'vitest';
import { ROLE_RULES } from '../../functions/access/role-rules.ts';
import type { ManagersDoc } from '../../functions/contract/documents.ts';
import { anonymisedTwins, hoursPages, linkableFrom, twinPath, twinReaders } from '../../site/src/lib/anonymous-pages.ts';
import { readFixture } from './helpers.ts';

/** Which twins the build emits follows the role table alone. */
describe('anonymisedTwins', () => {
  it('emits the overview, the comparison and every KPI page for the table on main', async () => {
    const managers = (await readFixture('managers.json')) as ManagersDoc;
    const hours = hoursPages(['platform'], ['jira:ENG']);
    const paths = anonymisedTwins(managers, undefined, hours).map(twinPath).sort();
    const forStrategy = ['/anonymous/alignment/', '/anonymous/portfolio/', '/anonymous/portfolio/platform/', '/anonymous/project/jira-eng-1j0iyhv/'];
    expect(paths).toEqual(['/anonymous/', '/anonymous/compare/', ...managers.kpis.map((k) => `/anonymous/kpi/${k.id}/`), ...forStrategy].sort());
  });

  it('follows a changed table, and refuses a pattern the site has no anonymised form for', async () => {
    const managers = (await readFixture('managers.json')) as ManagersDoc;
    const overviewOnly = { ...ROLE_RULES, strategy: { named: [], anonymised: ['/'] }, pm: { named: [], anonymised: ['/'] } };
    expect(anonymisedTwins(managers, overviewOnly).map(twinPath)).toEqual(['/anonymous/']);
    const kpiOnly = { ...ROLE_RULES, strategy: { named: [], anonymised: ['/kpi/spi/*'] }, pm: { named: [], anonymised: [] } };
    expect(anonymisedTwins(managers, kpiOnly).map(twinPath)).toEqual(['/anonymous/kpi/spi/']);
    const unknown = { ...ROLE_RULES, strategy: { named: [], anonymised: ['/quality/*'] } };
    expect(() => anonymisedTwins(managers, unknown)).toThrow('strategy sees "/quality/*" anonymised, but the site has no anonymised form');
    // The pages with hours have twins only where the build was given them.
    expect(() => anonymisedTwins(managers)).toThrow('strategy sees "/alignment/*" anonymised');
  });

  it('links a twin only to what every role it is served to may open', () => {
    const overview = { kind: 'overview', path: '/' } as const;
    const compare = { kind: 'compare', path: '/compare/' } as const;
    expect(twinReaders(overview)).toEqual(['strategy', 'pm']);
    expect(twinReaders(compare)).toEqual(['pm']);
    const fromOverview = linkableFrom(overview);
    expect(['/', '/definitions/#kpi-spi'].map(fromOverview)).toEqual([true, true]);
    // A PM may open the comparison, strategy may not; strategy may open alignment, a PM may not.
    expect(twinReaders({ kind: 'alignment', path: '/alignment/' })).toEqual(['strategy']);
    expect(['/compare/', '/kpi/spi/', '/alignment/', '/quality/'].map(fromOverview)).toEqual([false, false, false, false]);
    const fromCompare = linkableFrom(compare, '/reports/');
    expect(['/reports/compare/', '/reports/kpi/spi/', '/reports/pm/pm-ada/', '/reports/alignment/'].map(fromCompare)).toEqual([true, true, false, false]);
  });
});
