import { describe, expect, it } from 'vitest';
import { buildDigest, renderHtml, renderSlack, renderText, SLACK_LIMITS, type SlackMessage } from '../../functions/digest/index.ts';
import { fixtureDocs, validated, withAsOf, SETTINGS } from './pair.ts';

/**
 * A company of `count` PMs, each a copy of Grace whose on-time ratio went from within the limits to
 * beyond them, each with a project that turned at risk; `name(i)` names PM i and their project.
 */
async function bigCompany(count: number, name: (i: number) => string) {
  const now = await fixtureDocs();
  const before = withAsOf(await fixtureDocs(), '2025-11-16');
  for (const [docs, signal, health] of [[now, 'worse', 'at_risk'], [before, 'within', 'on_track']] as const) {
    const grace = docs['managers.json'].managers.find((m: any) => m.id === 'pm-grace');
    docs['managers.json'].managers = Array.from({ length: count }, (_, i) => ({
      ...structuredClone(grace),
      id: `pm-${i}`,
      name: name(i),
      values: { ...structuredClone(grace.values), onTimeRate: { ...grace.values.onTimeRate, signal } },
    }));
    const template = docs['projects.json'].projects[0];
    docs['projects.json'].projects = Array.from({ length: count }, (_, i) => ({ ...structuredClone(template), id: `p:${i}`, name: `${name(i)}'s project`, pmId: `pm-${i}`, health }));
  }
  return { current: { id: 'now', documents: validated(now) }, earlier: { id: 'before', documents: validated(before) } };
}

function checkLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
  }
}

/** The items a Slack section lists (one line each after the heading) and the N of its "and N more". */
function listed(text: string): { lines: number; more: number } {
  const rows = text.split('\n').slice(1);
  const more = /^_and (\d+) more on the site_$/.exec(rows.at(-1) ?? '');
  return { lines: more ? rows.length - 1 : rows.length, more: more ? Number(more[1]) : 0 };
}

describe('the Slack message stays within Slack’s limits', () => {
  it('with 200 PMs: every section within its limits, and what it leaves out counted in "and N more"', async () => {
    const pair = await bigCompany(200, (i) => `Project manager number ${i} & <co>`);
    const digest = buildDigest(pair, { kind: 'leadership' }, SETTINGS);
    expect(digest.sections[0]!.items).toHaveLength(200);
    expect(digest.sections[1]!.items).toHaveLength(200);
    const message = renderSlack(digest, 'https://pulse.example.com/reports');
    checkLimits(message);
    const sections = message.blocks.filter((b) => b.type === 'section');
    expect(sections).toHaveLength(4);
    for (const index of [0, 1]) {
      const { lines, more } = listed(sections[index]!.text.text);
      expect(lines).toBeGreaterThan(0);
      expect(more).toBeGreaterThan(0);
      expect(lines + more).toBe(200);
    }
    // The mail lists 25 a section and counts the rest the same way.
    expect(renderHtml(digest, undefined)).toContain('and 175 more on the site');
    expect(renderText(digest, undefined)).toContain('and 175 more on the site');
  });

  it('with names thousands of characters long: cut, still within every limit, no link broken', async () => {
    const pair = await bigCompany(30, (i) => `${i} ${'&<>'.repeat(2000)}`);
    for (const audience of [{ kind: 'leadership' }, { kind: 'pm', pmId: 'pm-3' }] as const) {
      const message = renderSlack(buildDigest(pair, audience, SETTINGS), 'https://pulse.example.com');
      checkLimits(message);
      for (const block of message.blocks) {
        if (block.type !== 'section') continue;
        // Each `<` opens a link that closes before the next one opens.
        expect(block.text.text.replace(/<https:\/\/pulse\.example\.com\/[^|<>]*\|[^<>]*>/g, '')).not.toMatch(/[<>]/);
      }
    }
  });
});
