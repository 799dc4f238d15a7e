import { describe, expect, it } from 'vitest';
import { decideAccess } from '../../functions/access/role-rules.ts';
import { personPathSegment } from '../../functions/access/person-path.ts';
import { buildDigest, renderHtml, renderSlack, renderText, type Digest } from '../../functions/digest/index.ts';
import { handMadePair, SETTINGS } from './pair.ts';

const { pair } = await handMadePair();
const managers = pair.current.documents['managers.json'].managers;
const paths = (digest: Digest) => digest.sections.flatMap((s) => s.items.map((i) => i.path));
const everyForm = (digest: Digest) => [renderHtml(digest, 'https://pulse.example.com'), renderText(digest, 'https://pulse.example.com'), JSON.stringify(renderSlack(digest, 'https://pulse.example.com'))];

describe('a digest carries only what its role may see (access/role-rules.ts)', () => {
  for (const pm of managers) {
    it(`${pm.id}'s digest names no other PM, in any form`, () => {
      const digest = buildDigest(pair, { kind: 'pm', pmId: pm.id }, SETTINGS);
      const others = managers.filter((m) => m.id !== pm.id);
      for (const text of everyForm(digest)) {
        for (const other of others) {
          // The name as written and as each format escapes it.
          for (const form of [other.name, other.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), other.id]) expect(text).not.toContain(form);
        }
      }
    });

    it(`${pm.id}'s digest links only to pages a PM may open`, () => {
      const digest = buildDigest(pair, { kind: 'pm', pmId: pm.id }, SETTINGS);
      expect(paths(digest).length).toBeGreaterThan(0);
      for (const path of paths(digest)) expect(decideAccess(path, { roles: ['pm'], person: personPathSegment(pm.id) }), path).toEqual({ serve: path });
    });
  }

  it('a PM whose id is an e-mail address (as the demo’s are) is linked to the page the edge admits them to', () => {
    const id = 'ada.lovelace@acme.example';
    const docs = structuredClone(pair.current.documents);
    docs['managers.json'].managers.find((m) => m.id === 'pm-ada')!.id = id;
    for (const p of docs['projects.json'].projects) if (p.pmId === 'pm-ada') p.pmId = id;
    const digest = buildDigest({ current: { id: 'now', documents: docs }, earlier: undefined }, { kind: 'pm', pmId: id }, SETTINGS);
    expect(paths(digest)[0]).toBe('/pm/ada-lovelace-acme-example-' + personPathSegment(id).split('-').at(-1) + '/');
    for (const path of paths(digest)) expect(decideAccess(path, { roles: ['pm'], person: personPathSegment(id) })).toEqual({ serve: path });
    expect(decideAccess(paths(digest)[0]!, { roles: ['pm'], person: personPathSegment('pm-grace') })).toEqual({ deny: true });
  });

  it('Ada’s digest does carry her own name and page (the check above is not vacuous)', () => {
    const [html] = everyForm(buildDigest(pair, { kind: 'pm', pmId: 'pm-ada' }, SETTINGS));
    expect(html).toContain('Ada Lovelace');
    expect(html).toContain('https://pulse.example.com/pm/pm-ada/');
  });

  it('the strategy digest names no PM and links only to pages strategy may open (as they are or as its twins)', () => {
    const digest = buildDigest(pair, { kind: 'strategy' }, SETTINGS);
    for (const text of everyForm(digest)) for (const pm of managers) expect(text).not.toContain(pm.name);
    for (const path of paths(digest)) expect(decideAccess(path, { roles: ['strategy'] }), path).not.toEqual({ deny: true });
  });

  it('the leadership digest links only to pages leadership may open', () => {
    const digest = buildDigest(pair, { kind: 'leadership' }, SETTINGS);
    expect(paths(digest).length).toBeGreaterThan(5);
    for (const path of paths(digest)) expect(decideAccess(path, { roles: ['leadership'] })).toEqual({ serve: path });
  });
});
