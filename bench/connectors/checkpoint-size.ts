import { fileURLToPath } from 'node:url';
import { encodeCheckpoint, maxCheckpointChars } from '../../functions/connectors/kit/checkpoint.ts';
import { encodeIdSet } from '../../functions/connectors/kit/id-set.ts';
import type { JiraCheckpoint } from '../../functions/connectors/jira/checkpoint.ts';
import { kib } from '../lib/table.ts';

/**
 * The size of the checkpoint a Jira id listing keeps at its last page: the position and every id
 * listed, as a compact id set. How large it gets depends on how the ids in scope lie among the
 * site's: consecutive when every project is in scope, sparse when the JQL picks a few projects
 * of a large site. Ids are drawn with a fixed seed, so the figures repeat.
 *   node bench/connectors/checkpoint-size.ts [issues]
 */

/** Share of the site's issue ids that are in scope. */
const densities = [1, 1 / 2, 1 / 5, 1 / 20, 1 / 100] as const;

export interface CheckpointSize {
  issues: number;
  /** 1 in `every` site ids is in scope. */
  every: number;
  bytes: number;
  fits: boolean;
}

export function jiraListingCheckpointSizes(issues = 100_000): CheckpointSize[] {
  return densities.map((density) => {
    const random = seeded(7);
    const ids: string[] = [];
    for (let id = 10_000; ids.length < issues; id += 1) if (density === 1 || random() < density) ids.push(String(id));
    const checkpoint: JiraCheckpoint = {
      v: 1, startedAt: Date.UTC(2026, 2, 31), issuesFrom: Date.UTC(2026, 2, 30), step: 'reconcile', newest: Date.UTC(2026, 2, 30, 23),
      worklogsUntil: Date.UTC(2026, 2, 31), idsAt: 'x'.repeat(200), idsFound: encodeIdSet(ids),
    };
    const bytes = Buffer.byteLength(encodeCheckpoint(checkpoint));
    return { issues, every: Math.round(1 / density), bytes, fits: bytes <= maxCheckpointChars };
  });
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const size of jiraListingCheckpointSizes(Number(process.argv[2] ?? 100_000))) {
    console.log(`${size.issues} issues, 1 in ${size.every} site ids in scope: ${kib(size.bytes)} (${size.bytes} bytes)${size.fits ? '' : ', over the checkpoint limit'}`);
  }
}
