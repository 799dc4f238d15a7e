import { ruleId, type AlertRule } from '../../config/alerts.ts';
import type { AlertState } from '../../store/alert-state.ts';
import type { DigestItem, PublishedSnapshot } from '../model.ts';
import { firingSubjects } from './firing.ts';
import { transition } from './transition.ts';

/** Where rule states are kept: the store's alert-state items (store/alert-state.ts), or a stand-in. */
export interface AlertStates {
  read(ruleId: string): Promise<AlertState>;
  write(ruleId: string, firing: readonly string[], readRevision: number): Promise<boolean>;
}

/** One rule's outcome: the subjects that fired (with their items) and the ones cleared. */
export interface RuleOutcome {
  rule: AlertRule;
  id: string;
  fired: { subject: string; item: DigestItem }[];
  cleared: string[];
}

export interface EvaluateOptions {
  /** Compute and answer what would fire; record nothing. */
  dryRun?: boolean;
  /** Runs after a rule's state is read and its outcome computed, before it is recorded. */
  beforeRecord?: (id: string) => Promise<void> | void;
}

/** A run that keeps losing the conditional write to others gives up rather than spin. */
const MAX_ATTEMPTS = 5;

export class AlertConflictError extends Error {
  override name = 'AlertConflictError';
}

/**
 * Evaluates every rule on the snapshot against its kept state, and records the new state before
 * answering what fired: an alert is announced only by the run whose conditional write recorded it.
 * So a subject is announced at most once. A run that stops after evaluating and before recording
 * leaves the state as it was, and the next run fires the same subjects; a run that stops after
 * recording and before announcing loses those alerts (the site still shows the state). The other
 * order, announce then record, would let two concurrent runs both announce, and the command is
 * run by a scheduler that may overlap.
 */
export async function evaluateAlerts(rules: readonly AlertRule[], snapshot: PublishedSnapshot, states: AlertStates, options: EvaluateOptions = {}): Promise<RuleOutcome[]> {
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    const id = ruleId(rule);
    const firing = firingSubjects(rule, snapshot.documents);
    outcomes.push(await settleRule(rule, id, firing, states, options));
  }
  return outcomes;
}

async function settleRule(rule: AlertRule, id: string, firing: Map<string, DigestItem>, states: AlertStates, options: EvaluateOptions): Promise<RuleOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const kept = await states.read(id);
    const step = transition(kept.firing, firing.keys());
    const outcome: RuleOutcome = { rule, id, fired: step.fired.map((subject) => ({ subject, item: firing.get(subject)! })), cleared: step.cleared };
    if (options.dryRun) return outcome;
    if (step.fired.length === 0 && step.cleared.length === 0) return outcome;
    await options.beforeRecord?.(id);
    // Refused: another run recorded this rule since the read; read its state and step again.
    if (await states.write(id, step.next, kept.revision)) return outcome;
  }
  throw new AlertConflictError(`alert rule "${id}": the state changed under ${MAX_ATTEMPTS} attempts in a row`);
}
