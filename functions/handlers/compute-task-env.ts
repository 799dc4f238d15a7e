/**
 * When the run's schedule fired: the state machine sets it on the compute task's container from
 * `$.run.scheduledAt`, as it puts `scheduledAt` in the compute function's event. Apart from the
 * entry, so the stack can name it without loading the compute code.
 */
export const SCHEDULED_AT_ENV = 'PMPULSE_SCHEDULED_AT';
