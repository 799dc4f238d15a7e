import type { DemoOrg } from '../model.ts';

/**
 * An Asana workspace on a plan without time tracking (`pmpulse demo --asana-no-time-tracking`):
 * its time-tracking entries answer `402 Payment Required` and `actual_time_minutes` stays empty.
 * The Asana PMs' work is the same; only their hours cannot be read.
 */
export function withoutAsanaTimeTracking(org: DemoOrg): DemoOrg {
  return { ...org, asanaTimeTracking: false };
}
