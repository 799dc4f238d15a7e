import { describe, expect, it } from 'vitest';
import { createKpiEngine } from '../../functions/kpi/index.ts';
import { randomOrg } from './reference/random-org.ts';
import { simpleWindowKpis } from './reference/simple-kpis.ts';

/**
 * Throughput in story points, engine against the simple implementation (reference/simple-kpis.ts)
 * on random organisations whose tasks get points by a fixed rule: every third task none, the rest
 * 0.5, 1, 2, 3, 5, 8 or 13 points.
 */
const AS_OF = '2026-03-31';
const WINDOW_DAYS = 45;
const SIZES = [0.5, 1, 2, 3, 5, 8, 13];

describe('throughput in points agrees with a simple implementation', () => {
  for (const [seed, timeZone] of [[5, undefined], [6, 'America/New_York']] as const) {
    it(`on a random organisation (seed ${seed}), days ${timeZone ? `in ${timeZone}` : 'as the source wrote them'}`, () => {
      const org = randomOrg(seed, AS_OF);
      const tasks = org.tasks.map((task, i) => (i % 3 === 0 ? task : { ...task, storyPoints: SIZES[i % SIZES.length]! }));
      const engine = createKpiEngine({
        asOf: AS_OF, windowDays: WINDOW_DAYS, settings: { unit: 'points', ...(timeZone ? { timeZone } : {}) },
        projects: org.projects, people: org.people, themes: [], overrides: [],
      });
      engine.addTasks(tasks);
      engine.addStatusChanges(org.statusChanges);
      engine.addTimeEntries(org.timeEntries);
      const expected = simpleWindowKpis({ asOf: AS_OF, windowDays: WINDOW_DAYS, ...(timeZone ? { timeZone } : {}), ...org, tasks });
      const managers = engine.finish().managers.managers;
      expect(managers.length).toBe(expected.size);
      let unpointedSeen = 0;
      for (const manager of managers) {
        const simple = expected.get(manager.id)!;
        const published = manager.values['throughput']!;
        expect(Math.abs(published.value! - simple['throughputPoints']!), manager.id).toBeLessThanOrEqual(0.0051);
        expect(published.n, manager.id).toBe(simple['donePointed']);
        expect(published.unpointed, manager.id).toBe(simple['doneUnpointed']);
        unpointedSeen += published.unpointed ?? 0;
      }
      // The rule leaves a third of the tasks unpointed: the comparison covers both kinds.
      expect(unpointedSeen).toBeGreaterThan(0);
    });
  }
});
