/**
 * Azure DevOps keeps hours as `Microsoft.VSTS.Scheduling.CompletedWork`: one cumulative number per
 * work item, not a list of worklogs. Its revisions turn it into dated entries:
 *
 * - An increase between consecutive revisions is one entry of that many hours, dated at the later
 *   revision's `System.ChangedDate`, for whoever saved that revision (`System.ChangedBy`: the one
 *   who reported the hours, as a Jira worklog's author), or the work item's assignee in that
 *   revision (`System.AssignedTo`) when the revision names no one who saved it.
 * - A decrease corrects hours reported before: it takes the hours back from the latest entries
 *   first (the last reported, the first withdrawn), so the item's entries always add up to its
 *   current CompletedWork. An entry taken back to 0 is withdrawn.
 * - An empty CompletedWork counts as 0; the first revision is compared with 0.
 * - Differences are rounded to 6 decimal places, so binary fractions (0.3 − 0.1) leave no dust.
 */

export interface WorkStep {
  rev: number;
  /** `System.ChangedDate` of the revision. */
  at: string;
  completedWork: number | undefined;
  /** Who the hours of this revision are for (who saved it, else the assignee). */
  personId: string | undefined;
}

export interface WorkEntry {
  rev: number;
  at: string;
  personId: string;
  hours: number;
}

export interface WorkLedger {
  /** Entries with hours, oldest first; their sum is the last CompletedWork. */
  entries: WorkEntry[];
  /** Revisions whose entry was taken back to nothing: a store holding it must drop it. */
  withdrawn: number[];
}

const round = (hours: number): number => Math.round(hours * 1e6) / 1e6;

/** `steps` in revision order. Throws when hours increase in a revision nobody can be named for. */
export function completedWorkEntries(steps: readonly WorkStep[]): WorkLedger {
  const stack: WorkEntry[] = [];
  const withdrawn: number[] = [];
  let previous = 0;
  for (const step of steps) {
    const current = step.completedWork ?? 0;
    let delta = round(current - previous);
    previous = current;
    if (delta > 0) {
      if (step.personId === undefined) throw new Error(`revision ${step.rev} adds CompletedWork but names neither who changed it nor an assignee`);
      stack.push({ rev: step.rev, at: step.at, personId: step.personId, hours: delta });
      continue;
    }
    while (delta < 0 && stack.length > 0) {
      const last = stack[stack.length - 1]!;
      const taken = Math.min(last.hours, -delta);
      last.hours = round(last.hours - taken);
      delta = round(delta + taken);
      if (last.hours === 0) withdrawn.push(stack.pop()!.rev);
    }
  }
  return { entries: stack, withdrawn };
}
