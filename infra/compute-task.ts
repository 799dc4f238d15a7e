import { Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { computeTaskImage } from './compute-image.ts';
import { ComputeNetwork } from './compute-network.ts';
import { defaults } from './defaults.ts';

/**
 * The task's size, from what was measured (docs/deploy.md, Measured limits): the reader's process
 * held 1,099 MiB at 1M stored tasks and 2,008 MiB at 2M, about 0.9 GiB more per million, so the
 * compute Lambda's 1,769 MB holds about 1.6M. 16 GiB holds about 17M, ten times that (1 vCPU allows
 * at most 8 GiB, about 8.8M). A second vCPU comes with 16 GiB; the engine runs on one thread, and
 * V8's garbage collector, busy over a heap this size, uses the other.
 */
export const computeTaskSize = {
  cpu: 2048,
  memoryLimitMiB: 16_384,
  /** V8's limit for the main heap; the rest is the engine's columns (outside the heap: 383 MB at 1M), code, buffers and sockets. */
  heapMiB: 14_336,
} as const;

export interface ComputeTaskProps {
  readonly stage: string;
  /** The compute Lambda's environment, the same keys and values. */
  readonly environment: Readonly<Record<string, string>>;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * Compute as an ECS task on Fargate (arm64), for a store too large for one 15-minute Lambda: the
 * same handler (functions/handlers/compute-task.ts), the same environment, and a task role the
 * stack grants exactly what it grants the compute Lambda. The state machine starts it with
 * `ecs:runTask.sync` and waits for it to stop; a non-zero exit fails the step.
 */
export class ComputeTask extends Construct {
  readonly network: ComputeNetwork;
  readonly cluster: ecs.Cluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
  /** What the running code may do: granted by the stack, as the compute Lambda's role is. */
  readonly taskRole: iam.Role;
  /** What ECS needs to start it: pull the image, write its logs. */
  readonly executionRole: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ComputeTaskProps) {
    super(scope, id);
    const logSettings = { ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }), ...(props.logRemovalPolicy === undefined ? {} : { logRemovalPolicy: props.logRemovalPolicy }) };
    this.network = new ComputeNetwork(this, 'Network', logSettings);
    this.cluster = new ecs.Cluster(this, 'Cluster', { vpc: this.network.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? defaults.logRetention,
      removalPolicy: props.logRemovalPolicy ?? defaults.dataRemovalPolicy,
    });
    const principal = new iam.ServicePrincipal('ecs-tasks.amazonaws.com');
    this.taskRole = new iam.Role(this, 'TaskRole', { assumedBy: principal, description: `pmpulse ${props.stage} compute task` });
    this.executionRole = new iam.Role(this, 'ExecutionRole', { assumedBy: principal, description: `pmpulse ${props.stage} compute task: start it (image, logs)` });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: computeTaskSize.cpu,
      memoryLimitMiB: computeTaskSize.memoryLimitMiB,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      taskRole: this.taskRole,
      executionRole: this.executionRole,
    });
    this.container = this.taskDefinition.addContainer('Compute', {
      image: computeTaskImage(this),
      essential: true,
      environment: {
        ...props.environment,
        NODE_OPTIONS: `${props.environment.NODE_OPTIONS ?? ''} --max-old-space-size=${computeTaskSize.heapMiB}`.trim(),
        // Lambda's runtime sets it for the function; the SDK finds no region without it.
        AWS_REGION: Stack.of(this).region,
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'compute' }),
      readonlyRootFilesystem: true,
    });
    this.acknowledgeFindings();
  }

  private acknowledgeFindings(): void {
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'The environment is the compute Lambda\'s: the config without pay rates, the table, bucket and stage, and the ARN of the rates secret, which the task reads at start. No credential is in it.',
    });
    Validations.of(this.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken takes no resource; AWS documents it with *. Pulling is limited to the repository of the image.',
    });
  }
}
