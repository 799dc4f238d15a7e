import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, keyId, signSession } from '../../functions/handlers/site-auth/session.ts';
import { FUNCTION_CODE_LIMIT_BYTES, viewerAuthSource } from '../../infra/edge/sources.ts';
import type { PmpulseStack } from '../../infra/pmpulse-stack.ts';
import { runEdgeSource, viewerRequest } from '../handlers/edge-harness.ts';
import { synthesise } from './built-stack.ts';

/**
 * The site's behaviours and edge functions as the synthesized template holds them (findings 8 and
 * 11, the role groups), with federation so the provider's group and person claims are mapped.
 */

const federation = {
  name: 'Entra',
  issuerUrl: 'https://login.microsoftonline.com/tenant/v2.0',
  clientId: 'entra-client',
  clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:entra-AbCdEf',
  groupsClaim: 'roles',
  personClaim: 'employee_id',
};

let built: Awaited<ReturnType<typeof synthesise>>;
let stack: PmpulseStack;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;
let id: (construct: { node: { defaultChild?: unknown } }) => string;

beforeAll(async () => {
  built = await synthesise({ 'pmpulse:federation': federation });
  ({ stack, logicalId: id } = built);
  resources = built.template.toJSON().Resources;
});
afterAll(() => built.cleanup());

/** The function code as CloudFront receives it, the KeyValueStore id (a deploy-time value) filled with one of its real length. */
const KVS_ID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
function deployedCode(logicalId: string): string {
  const code = resources[logicalId]!.Properties.FunctionCode as string | { 'Fn::Join': [string, unknown[]] };
  if (typeof code === 'string') return code;
  return code['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : KVS_ID)).join('');
}

describe('site distribution behaviours', () => {
  it('gives /_auth/* its own function, POST-capable and uncached, and the default behaviour the session check', () => {
    const config = resources[id(stack.site.distribution)]!.Properties.DistributionConfig;
    const fnArn = (logicalId: string) => [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalId, 'FunctionARN'] } }];

    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual(fnArn(id(stack.site.viewerAuth)));
    expect(config.CacheBehaviors).toHaveLength(1);
    expect(config.CacheBehaviors[0]).toMatchObject({ PathPattern: '/_auth/*', FunctionAssociations: fnArn(id(stack.site.authRoutes)) });
    expect(config.CacheBehaviors[0].AllowedMethods).toContain('POST');
    expect(config.DefaultCacheBehavior.AllowedMethods ?? ['GET', 'HEAD']).not.toContain('POST');
    expect(resources[id(stack.site.authRoutes)]!.Properties.FunctionConfig.KeyValueStoreAssociations).toBeUndefined();
  });

  it('ships the session check with the role table and no /_auth/ shortcut, within the 10 KB code limit', async () => {
    const code = deployedCode(id(stack.site.viewerAuth));
    const size = Buffer.byteLength(code, 'utf8');

    expect(code).toBe(viewerAuthSource(KVS_ID));
    expect(code).not.toMatch(/__[A-Z_]+__/);
    expect(code).not.toContain("'/_auth/'");
    expect(size).toBeLessThan(FUNCTION_CODE_LIMIT_BYTES);
    expect(Buffer.byteLength(deployedCode(id(stack.site.authRoutes)), 'utf8')).toBeLessThan(FUNCTION_CODE_LIMIT_BYTES);
    console.log(`viewer-auth function: ${size} of ${FUNCTION_CODE_LIMIT_BYTES} bytes`);

    const key = { kid: keyId('s'.repeat(64)), key: 's'.repeat(64) };
    const edge = await runEdgeSource(code, new Map([[`key:${key.kid}`, key.key]]));
    const now = Math.floor(Date.now() / 1000);
    const pm = signSession({ sub: 'u', roles: ['pm'], person: 'ana', iat: now, exp: now + 600 }, key);
    expect(await edge(viewerRequest('/compare/', { [SESSION_COOKIE]: pm }))).toMatchObject({ uri: '/anonymous/compare/index.html' });
    expect(await edge(viewerRequest('/_auth/..%2fpm/bob/'))).toMatchObject({ statusCode: 302, headers: { location: { value: '/_auth/login?next=%2F_auth%2F..%252fpm%2Fbob%2F' } } });
  });

  it('runs the /_auth/* function from the template: known routes only', async () => {
    const edge = await runEdgeSource(deployedCode(id(stack.site.authRoutes)));

    expect(await edge(viewerRequest('/_auth/login'))).toMatchObject({ uri: '/_auth/login' });
    expect(await edge(viewerRequest('/_auth/..%2fpm/bob/'))).toMatchObject({ statusCode: 404 });
  });
});

describe('site roles in the user pool', () => {
  it('creates one group per role and maps the provider claims onto the attributes the sign-in function reads', () => {
    const groups = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup').map((r) => r.Properties.GroupName);
    expect(groups.sort()).toEqual(['leadership', 'pm', 'strategy']);
    const pool = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPool')!;
    expect(pool.Properties.Schema).toEqual(expect.arrayContaining([
      expect.objectContaining({ Name: 'pmpulse_person', Mutable: true }),
      expect.objectContaining({ Name: 'pmpulse_groups', Mutable: true }),
    ]));
    const provider = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPoolIdentityProvider')!;
    expect(provider.Properties.AttributeMapping).toMatchObject({ email: 'email', 'custom:pmpulse_groups': 'roles', 'custom:pmpulse_person': 'employee_id' });
    const client = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')!;
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:pmpulse_person', 'custom:pmpulse_groups']));
  });
});
