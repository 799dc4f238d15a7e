import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { propsFromContext } from './context.ts';
import { PmpulseStack } from './pmpulse-stack.ts';

/** Behaviours the stack relies on, set here so tests and `cdk synth` build the same thing. */
const featureFlags = {
  // Access logs delivered by bucket policy, so both buckets can keep ACLs disabled.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  // The state machine may start the compute task's own revision, not any revision of its family.
  '@aws-cdk/aws-stepfunctions-tasks:fixRunEcsTaskPolicy': true,
};

/**
 * The app `cdk synth` runs, also built by the tests: one stack per stage, checked by the
 * cdk-nag AwsSolutions rules at synthesis (any unacknowledged finding fails it).
 */
export function buildApp(props: AppProps = {}): { app: App; stack: PmpulseStack; nag: AwsSolutionsChecks } {
  const app = new App({ ...props, context: { ...featureFlags, ...props.context } });
  const stackProps = propsFromContext(app.node);
  const stack = new PmpulseStack(app, `Pmpulse-${stackProps.stage}`, {
    ...stackProps,
    description: `pmpulse (${stackProps.stage}): sync, compute and publish PM KPIs`,
  });
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);
  return { app, stack, nag };
}
