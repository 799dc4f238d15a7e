import type { DueChange, EstimateChange, Task } from '../../../functions/domain/records.ts';
import { seededRandom } from '../../../functions/runtime/random.ts';
import { withOffset } from './random-org.ts';

/**
 * Plan histories for a random organisation's tasks (random-org.ts), from their own random stream so
 * the organisation itself stays as it was: due dates set after creation, moved once to three times
 * (a few moved back, a few cleared on the way, some moves after the as-of date), and original
 * estimates raised. Changes are at least two days apart, so their days keep their order in every zone.
 */
const DAY_MS = 86_400_000;
const OFFSETS = [-300, -240, 0, 330, 780];

export function withRandomPlans(tasks: readonly Task[], seed: number, asOf: string): Task[] {
  const random = seededRandom(seed * 7919 + 1);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const stamp = (ms: number) => withOffset(ms, OFFSETS[int(0, OFFSETS.length - 1)]!);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const asOfMs = Date.parse(`${asOf}T12:00:00Z`);
  return tasks.map((task) => {
    if (random() > 0.4) return task;
    const created = Date.parse(task.createdAt);
    const moves = int(1, 3);
    // The instants: from creation to ten days past the as-of date, two days apart or more.
    let at = created + int(1, 3) * DAY_MS;
    const instants: number[] = [];
    for (let i = 0; i < moves && at < asOfMs + 10 * DAY_MS; i++, at += int(2, 15) * DAY_MS) instants.push(at);
    if (instants.length === 0) return task;
    const current = task.dueOn;
    const around = () => day(created + int(-3, 50) * DAY_MS);
    // The values in turn; the last is the task's own due date.
    const values: (string | undefined)[] = [random() < 0.2 ? undefined : around()];
    for (let i = 1; i < instants.length; i++) values.push(random() < 0.1 ? undefined : random() < 0.1 ? values[i - 1] : around());
    values.push(current);
    const dueChanges: DueChange[] = instants.map((ms, i) => ({
      at: stamp(ms), ...(values[i] ? { from: values[i] } : {}), ...(values[i + 1] ? { to: values[i + 1] } : {}),
    }));
    const planned: Task = { ...task, dueChanges };
    if (task.estimateHours !== undefined && random() < 0.5) {
      const change: EstimateChange = { at: stamp(instants[0]!), fromHours: Math.max(0.5, task.estimateHours - int(1, 6)), toHours: task.estimateHours };
      planned.estimateChanges = [change];
    }
    return planned;
  });
}
