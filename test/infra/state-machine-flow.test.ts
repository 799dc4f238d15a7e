import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoCredentials, generateOrg } from '../../demo/generator/index.ts';
import { startAsanaServer } from '../../demo/servers/asana-server.ts';
import type { RunningServer } from '../../demo/servers/index.ts';
import { pipelineLimits, PipelineStateMachine } from '../../infra/pipeline-state-machine.ts';
import { lambdaContext } from '../handlers/lambda-context.ts';
import { choose, fillTemplate, stateMachineDefinition, type AslMachine, type AslState } from './state-machine-definition.ts';

/**
 * The state machine's data flow against the real handlers: the payloads the definition sends are
 * the events the handlers accept, and its Choice rules route on what the sync handler returns.
 * There is no Step Functions runtime here; the rules are evaluated as Step Functions evaluates
 * them (`state-machine-definition.ts`), and anything beyond plain paths is refused, not guessed.
 */

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<Record<string, unknown>>;

const sources = ['asana-east', 'asana-west'];
const saved = { ...process.env };
let machine: AslMachine;
let loop: AslMachine;
let dir: string;
const asOf = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
let asana: RunningServer;
let handlers: Record<'sync' | 'compute' | 'publish', Handler>;
const state = (name: string): AslState => machine.States[name] ?? loop.States[name]!;

/** The definition as the stack builds it, around stand-ins for the functions, project and queue. */
function definition(): AslMachine {
  const stack = new Stack(new App(), 'Flow');
  const fn = (name: string) => lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:eu-west-1:123456789012:function:${name}`);
  new PipelineStateMachine(stack, 'Pipeline', {
    stage: 'test',
    functions: { sync: fn('sync'), compute: fn('compute'), publish: fn('publish') },
    siteBuild: codebuild.Project.fromProjectName(stack, 'Build', 'site-build'),
    failureQueue: sqs.Queue.fromQueueArn(stack, 'Queue', 'arn:aws:sqs:eu-west-1:123456789012:failed-runs'),
    sources,
  });
  return stateMachineDefinition(Template.fromStack(stack)).definition;
}

/** One iteration of the Map, as far as the sync's result decides: the state it goes to next. */
async function syncRound(source: string, round: number): Promise<{ payload: Record<string, unknown>; result: Record<string, unknown>; next: string; input: Record<string, unknown> }> {
  const input = round === 1 ? fillTemplate(state('SyncSources').ItemSelector!, {}, { Map: { Item: { Value: source } } }) : { source, round };
  const payload = fillTemplate(state('SyncSource').Parameters!, input).Payload as Record<string, unknown>;
  const result = await handlers.sync(payload, lambdaContext('sync'));
  const withSync = { ...input, sync: fillTemplate(state('SyncSource').ResultSelector!, { Payload: result }) };
  return { payload, result, next: choose(state('SourceComplete?'), withSync), input: withSync };
}

beforeAll(async () => {
  ({ definition: machine } = { definition: definition() });
  loop = machine.States.SyncSources!.ItemProcessor!;
  dir = await mkdtemp(join(tmpdir(), 'pmpulse-flow-'));
  asana = await startAsanaServer(generateOrg({ seed: 5, scale: 'small', asOf }));
  process.env = {
    ...saved,
    PMPULSE_STAGE: 'test',
    ASANA_TOKEN: demoCredentials.asana.token,
    PMPULSE_CONFIG: JSON.stringify({
      store: { type: 'embedded', dir: join(dir, 'db') },
      reports: { type: 'dir', dir: join(dir, 'reports') },
      sources: sources.map((name) => ({ type: 'asana', name, baseUrl: asana.url, tokenEnv: 'ASANA_TOKEN' })),
    }),
  };
  delete process.env.PMPULSE_SECRET_ARNS;
  delete process.env.PMPULSE_TABLE;
  delete process.env.PMPULSE_REPORTS_BUCKET;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.resetModules();
  // Imported once the environment is set: each handler reads its config at init, as on Lambda.
  const load = async (step: string) => ((await import(`../../functions/handlers/${step}.ts`)) as unknown as { handler: Handler }).handler;
  handlers = { sync: await load('sync'), compute: await load('compute'), publish: await load('publish') };
});

afterAll(async () => {
  process.env = saved;
  vi.restoreAllMocks();
  await asana?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the state machine against the real sync handler', () => {
  it('sends each source on its own, and ends the iteration when the sync says it is complete', async () => {
    expect(state('Defaults').Parameters).toMatchObject({ defaults: { sources } });
    // The Map runs these in parallel; here one after the other (the sync lease is store-wide).
    for (const source of sources) {
      const { payload, result, next, input } = await syncRound(source, 1);

      expect(payload).toEqual({ kind: 'scheduled', source });
      expect(result).toMatchObject({ step: 'sync', complete: true, sources: [{ source, complete: true }] });
      expect((result.sources as unknown[]).length).toBe(1);
      expect((result.sources as { counts: { task?: number } }[])[0]!.counts.task).toBeGreaterThan(0);
      expect(next).toBe('SourceSynced');
      expect(fillTemplate(state('SourceSynced').Parameters!, input)).toEqual({ source, synced: true, rounds: 1 });
    }
  });

  it('runs a sync that stopped before the end again, until its last round', async () => {
    const { input, result } = await syncRound('asana-east', 1);
    // The handler's own result, as a run stopped at its deadline will return it.
    const stopped = (round: number) => ({ ...input, round, sync: fillTemplate(state('SyncSource').ResultSelector!, { Payload: { ...result, complete: false } }) });

    expect(choose(state('SourceComplete?'), stopped(1))).toBe('PauseBeforeNextRound');
    expect(choose(state('SourceComplete?'), stopped(pipelineLimits.maxSyncRounds - 1))).toBe('PauseBeforeNextRound');
    expect(choose(state('SourceComplete?'), stopped(pipelineLimits.maxSyncRounds))).toBe('SourceUnfinished');
    // A sync result without `complete` would stop the run (States.Runtime), not loop for ever.
    expect(() => choose(state('SourceComplete?'), { ...input, sync: fillTemplate(state('SyncSource').ResultSelector!, { Payload: {} }) })).toThrow(/States.Runtime/);
  });

  it('rejects a source that is not configured, which the iteration reports as failed', async () => {
    const error = await handlers.sync({ kind: 'scheduled', source: 'jira-main' }, lambdaContext('sync')).catch((caught: Error) => caught);
    expect(error).toMatchObject({ name: 'PipelineError', message: expect.stringMatching(/unknown source "jira-main"/) });
    // Lambda reports the error's name as the task's Error; after the retries the Catch records it.
    const caught = { source: 'jira-main', round: 1, error: { Error: (error as Error).name, Cause: JSON.stringify({ errorMessage: (error as Error).message }) } };
    expect(state('SyncSource').Catch![0]!.Next).toBe('SourceFailed');
    expect(fillTemplate(state('SourceFailed').Parameters!, caught)).toMatchObject({ source: 'jira-main', synced: false, error: 'PipelineError' });
    expect(state('SyncSource').Retry![0]).toEqual({ ErrorEquals: ['InvalidEventError'], MaxAttempts: 0 });
    await expect(handlers.sync({ kind: 'scheduled', source: '' }, lambdaContext('sync'))).rejects.toMatchObject({ name: 'InvalidEventError' });
  });

  it('then computes the day the schedule fired and publishes it, with the payloads the definition sends', async () => {
    const scheduledAt = `${asOf}T23:59:00Z`;
    const input = { run: { sources, scheduledAt } };
    const computePayload = fillTemplate(state('Compute').Parameters!, input).Payload;
    const publishPayload = fillTemplate(state('Publish').Parameters!, input).Payload;

    const computed = await handlers.compute(computePayload, lambdaContext('compute'));
    const published = await handlers.publish(publishPayload, lambdaContext('publish'));

    expect(computePayload).toEqual({ kind: 'scheduled', scheduledAt });
    expect(computed).toMatchObject({ step: 'compute', asOf });
    expect(fillTemplate(state('Compute').ResultSelector!, { Payload: computed })).toEqual({ asOf });
    expect(published).toMatchObject({ step: 'publish', asOf, snapshot: expect.any(String) });
    expect(fillTemplate(state('Publish').ResultSelector!, { Payload: published })).toEqual({ snapshot: published.snapshot });
  });

  it('accepts a run started by hand, whose day comes from the execution start time', async () => {
    // `$$.Execution.StartTime` carries milliseconds; the scheduler's time does not.
    const computed = await handlers.compute(fillTemplate(state('Compute').Parameters!, { run: { scheduledAt: `${asOf}T05:00:00.123Z` } }).Payload, lambdaContext('compute'));

    expect(computed).toMatchObject({ asOf });
  });
});

describe('the state machine\'s other choices', () => {
  it('goes on only when this run is the oldest running one', () => {
    const self = 'arn:aws:states:eu-west-1:123456789012:execution:Pmpulse-test-pipeline:b';
    const older = 'arn:aws:states:eu-west-1:123456789012:execution:Pmpulse-test-pipeline:a';

    expect(choose(state('OldestRun?'), { guard: { oldest: [self], self } })).toBe('SyncSources');
    expect(choose(state('OldestRun?'), { guard: { oldest: [], self } })).toBe('SyncSources');
    expect(choose(state('OldestRun?'), { guard: { oldest: [older], self } })).toBe('OlderRunStillRunning');
  });

  it('ends failed after publishing when a source failed, and succeeds when none did', () => {
    expect(choose(state('EverySourceSynced?'), { sync: { failed: ['asana-west'] } })).toBe('ReportUnsyncedSources');
    expect(choose(state('EverySourceSynced?'), { sync: { failed: [] } })).toBe('Done');
  });
});
