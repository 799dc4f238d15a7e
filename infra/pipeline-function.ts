import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bundling, defaults } from './defaults.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Stack traces that point into the sources, not the bundle. */
export const functionNodeOptions = '--enable-source-maps';

export type PipelineStep = 'sync' | 'compute' | 'publish';
/** Every function built this way: the pipeline's steps and the digest function that follows them. */
export type HandlerName = PipelineStep | 'digest';

export interface PipelineFunctionProps {
  /** The step it runs: its handler is `functions/handlers/<step>.ts`. */
  readonly step: HandlerName;
  /** Where a run that failed all its attempts lands, with its event and error. */
  readonly failureQueue: sqs.IQueue;
  readonly environment?: Record<string, string>;
  /** @default Duration.minutes(5) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /**
   * Set to 1 for a step whose runs must never overlap.
   * @default - no reservation
   */
  readonly reservedConcurrency?: number;
  /** @default Duration.hours(2) */
  readonly maxEventAge?: Duration;
  /** @default 2 */
  readonly retryAttempts?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /**
   * What happens to the log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * One pipeline step as a Lambda: Node 24 on arm64, an esbuild ESM bundle, its own log group and a
 * role that may write only to that log group until the stack grants it data access.
 */
export class PipelineFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? defaults.logRetention,
      removalPolicy: props.logRemovalPolicy ?? defaults.dataRemovalPolicy,
    });
    // An own role instead of AWSLambdaBasicExecutionRole, whose log permissions cover every log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `pmpulse ${props.step} function`,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', this.functionProps(props));
  }

  private functionProps(props: PipelineFunctionProps): NodejsFunctionProps {
    return {
      entry: join(repoRoot, 'functions', 'handlers', `${props.step}.ts`),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: defaults.runtime,
      architecture: defaults.architecture,
      memorySize: props.memorySize ?? defaults.memorySize,
      timeout: props.timeout ?? defaults.timeout,
      role: this.role,
      logGroup: this.logGroup,
      description: `pmpulse ${props.step}`,
      environment: { NODE_OPTIONS: functionNodeOptions, ...props.environment },
      bundling,
      onFailure: new SqsDestination(props.failureQueue),
      maxEventAge: props.maxEventAge ?? defaults.maxEventAge,
      retryAttempts: props.retryAttempts ?? defaults.retryAttempts,
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
    };
  }
}
