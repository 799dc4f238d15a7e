import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

export interface SyncLoopProps {
  readonly syncFunction: lambda.IFunction;
  /** Rounds of one source before the loop gives up and reports the source as not synced. */
  readonly maxRounds: number;
  /** The pause before the next round of a sync that stopped at its deadline. */
  readonly pause: Duration;
}

/**
 * What one iteration of the Map does with its source: invoke sync with `{ kind, source }`, and
 * while the sync says it stopped before the end (`complete: false`, its deadline came first) run
 * it again from its checkpoint, at most `maxRounds` times. Every iteration ends with
 * `{ source, synced, ... }` rather than failing, so one source that cannot be read does not hold
 * back the others: the run still computes and publishes, and reports the source afterwards.
 */
export function syncLoop(scope: Construct, props: SyncLoopProps): sfn.IChainable {
  const sync = new tasks.LambdaInvoke(scope, 'SyncSource', {
    lambdaFunction: props.syncFunction,
    payload: sfn.TaskInput.fromObject({ kind: 'scheduled', source: sfn.JsonPath.stringAt('$.source') }),
    // Own retries below, so every task of the pipeline retries the same, visible way.
    retryOnServiceExceptions: false,
    resultSelector: { complete: sfn.JsonPath.stringAt('$.Payload.complete') },
    resultPath: '$.sync',
  });
  // A bad event is a bug in this definition, not a passing fault: retrying cannot help.
  sync.addRetry({ errors: ['InvalidEventError'], maxAttempts: 0 });
  // A crashed sync may still hold its lease for two minutes; four jittered retries wait about four minutes on average.
  sync.addRetry({
    errors: [sfn.Errors.ALL],
    interval: Duration.seconds(30),
    backoffRate: 2,
    maxAttempts: 4,
    maxDelay: Duration.minutes(5),
    jitterStrategy: sfn.JitterType.FULL,
  });

  const failed = new sfn.Pass(scope, 'SourceFailed', {
    parameters: { source: sfn.JsonPath.stringAt('$.source'), synced: false, error: sfn.JsonPath.stringAt('$.error.Error'), cause: sfn.JsonPath.stringAt('$.error.Cause') },
  });
  sync.addCatch(failed, { errors: [sfn.Errors.ALL], resultPath: '$.error' });

  const synced = new sfn.Pass(scope, 'SourceSynced', {
    parameters: { source: sfn.JsonPath.stringAt('$.source'), synced: true, rounds: sfn.JsonPath.numberAt('$.round') },
  });
  const unfinished = new sfn.Pass(scope, 'SourceUnfinished', {
    parameters: {
      source: sfn.JsonPath.stringAt('$.source'),
      synced: false,
      error: 'SyncUnfinished',
      cause: sfn.JsonPath.format('still reading after {} rounds; the next run continues from its checkpoint', sfn.JsonPath.stringAt('$.round')),
    },
  });
  const nextRound = new sfn.Pass(scope, 'NextRound', {
    parameters: { source: sfn.JsonPath.stringAt('$.source'), round: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt('$.round'), 1) },
  });
  const pause = new sfn.Wait(scope, 'PauseBeforeNextRound', { time: sfn.WaitTime.duration(props.pause) });

  const done = new sfn.Choice(scope, 'SourceComplete?')
    .when(sfn.Condition.booleanEquals('$.sync.complete', true), synced)
    .when(sfn.Condition.numberGreaterThanEquals('$.round', props.maxRounds), unfinished)
    .otherwise(pause.next(nextRound.next(sync)));
  return sync.next(done);
}
