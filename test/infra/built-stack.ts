import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/build-app.ts';

/** The config the stack tests synthesise with: one Asana source, so one connector secret. */
export const pipelineConfig = {
  sources: [{ type: 'asana', name: 'asana-main', tokenEnv: 'ASANA_TOKEN' }],
  themes: [{ id: 'growth', name: 'Growth', target: 0.5, match: { tags: ['growth'] } }],
};

/** Synthesises the app once (esbuild bundles, cdk-nag) into a temporary directory. */
export async function synthesise(context: Record<string, unknown> = {}) {
  const outdir = await mkdtemp(join(tmpdir(), 'pmpulse-cdk-'));
  const built = buildApp({ outdir, context: { 'pmpulse:stage': 'test', 'pmpulse:config': pipelineConfig, ...context } });
  const template = Template.fromStack(built.stack);
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    built.stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string;
  return { ...built, template, logicalId, cleanup: () => rm(outdir, { recursive: true, force: true }) };
}

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type PolicyProperties = { PolicyDocument: { Statement: Statement[] }; Roles: { Ref: string }[] };

/** Every IAM policy statement of the template, with the roles it is attached to. */
export function policyStatements(template: Template): { roles: string[]; statements: Statement[] }[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).map((policy) => {
    const properties = policy.Properties as PolicyProperties;
    return { roles: properties.Roles.map((role) => role.Ref), statements: properties.PolicyDocument.Statement };
  });
}

export const actionsOf = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
