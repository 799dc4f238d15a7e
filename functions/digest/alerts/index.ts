export { alertDigest, firedCount, ruleHeading } from './digest.ts';
export { AlertConflictError, evaluateAlerts, type AlertStates, type EvaluateOptions, type RuleOutcome } from './evaluate.ts';
export { firingSubjects } from './firing.ts';
export { readCurrentSnapshot } from './read-current.ts';
export { transition, type Transition } from './transition.ts';
