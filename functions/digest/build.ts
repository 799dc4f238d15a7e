import { DEFAULT_MIN_GROUP } from '../config/privacy.ts';
import { leadershipSections } from './leadership.ts';
import type { Audience, Digest, DigestSettings, SnapshotPair } from './model.ts';
import { pmSections } from './pm.ts';
import { strategySections } from './strategy.ts';

/** The digest for one audience from two published snapshots: what to say, not how. */
export function buildDigest(pair: SnapshotPair, audience: Audience, settings: DigestSettings): Digest {
  const asOf = pair.current.documents['managers.json'].asOf;
  const sinceAsOf = pair.earlier?.documents['managers.json'].asOf ?? null;
  const base = { audience, asOf, sinceAsOf };
  switch (audience.kind) {
    case 'leadership':
      return { ...base, title: `pmpulse weekly digest for leadership, ${asOf}`, sections: leadershipSections(pair, settings) };
    case 'strategy':
      return { ...base, title: `pmpulse weekly digest for strategy, ${asOf}`, sections: strategySections(pair, settings.minGroup ?? DEFAULT_MIN_GROUP) };
    case 'pm': {
      const { name, sections } = pmSections(pair, audience.pmId, settings);
      return { ...base, title: `pmpulse weekly digest for ${name}, ${asOf}`, sections };
    }
  }
}
