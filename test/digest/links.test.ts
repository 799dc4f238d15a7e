import { describe, expect, it } from 'vitest';
import { siteLink, slug } from '../../functions/digest/links.ts';
import { slug as siteSlug } from '../../site/src/lib/slug.ts';
import { pagePaths } from '../site/helpers.ts';

describe('digest links are the site’s pages', () => {
  it('makes the same slugs as the site', () => {
    for (const id of ['pm-ada', 'jira:PAY', 'asana:1201', 'Growth & Payments', '(none)', 'Research <lab>', 'ä', '', 'x'.repeat(80), 'pm/ä 1']) expect(slug(id), id).toBe(siteSlug(id));
  });

  it('the fixture’s built pages are where the digest links', () => {
    // From test/site/helpers.ts: pages the site build is checked to emit for the same fixture.
    for (const path of [`pm/${slug('pm-grace')}/index.html`, `project/${slug('jira:PAY')}/index.html`, `portfolio/${slug('Growth & Payments')}/index.html`, 'forecasts/index.html', 'quality/index.html']) {
      expect(pagePaths as readonly string[]).toContain(path);
    }
  });

  it('joins the site address and the path with one slash', () => {
    expect(siteLink('https://pulse.example.com/reports/', '/pm/ada/')).toBe('https://pulse.example.com/reports/pm/ada/');
    expect(siteLink('https://pulse.example.com', '/quality/')).toBe('https://pulse.example.com/quality/');
    expect(siteLink(undefined, '/quality/')).toBe('/quality/');
  });
});
