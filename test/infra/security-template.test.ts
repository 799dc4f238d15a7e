import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyAdministration } from '../../infra/data-key.ts';
import type { PmpulseStack } from '../../infra/pmpulse-stack.ts';
import { siteBuildNode } from '../../infra/site-build.ts';
import { actionsOf, pipelineConfig, policyStatements, synthesise } from './built-stack.ts';

/** Pay rates nothing else in the config or the stack could produce by chance. */
const rates = { 'ana@acme.com': 87.35, 'bo@acme.com': 1234.56 };
const configWithRates = {
  ...pipelineConfig,
  people: [
    { id: 'ana@acme.com', name: 'Ana', rate: rates['ana@acme.com'] },
    { id: 'bo@acme.com', name: 'Bo', capacityHoursPerWeek: 32, rate: rates['bo@acme.com'] },
    { id: 'cy@acme.com', name: 'Cy' },
  ],
  kpi: { currency: 'EUR' },
};

let built: Awaited<ReturnType<typeof synthesise>>;
let stack: PmpulseStack;
let template: Template;
let id: (construct: { node: { defaultChild?: unknown } }) => string;
type KeyStatement = { Sid?: string; Principal: Record<string, unknown>; Action: string | string[]; Condition?: Record<string, Record<string, unknown>> };
const resources = () => template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] }>;
const keyStatements = (keyId: string) => (resources()[keyId]!.Properties!.KeyPolicy as { Statement: KeyStatement[] }).Statement;
const actions = (statement: KeyStatement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);

beforeAll(async () => {
  built = await synthesise({ 'pmpulse:config': configWithRates });
  ({ stack, template, logicalId: id } = built);
});

afterAll(() => built.cleanup());

describe('finding 9: data at rest', () => {
  it('encrypts the reports and the site with the customer-managed data key, the site through its alias', () => {
    const encryption = (bucket: { node: { defaultChild?: unknown } }) =>
      (resources()[id(bucket)]!.Properties!.BucketEncryption as { ServerSideEncryptionConfiguration: unknown[] }).ServerSideEncryptionConfiguration;
    expect(encryption(stack.reports.bucket)).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [id(stack.dataKey.key), 'Arn'] } }, BucketKeyEnabled: true },
    ]);
    const site = encryption(stack.site.bucket) as { ServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID: unknown } }[];
    expect(site[0]!.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(JSON.stringify(site[0]!.ServerSideEncryptionByDefault.KMSMasterKeyID)).toContain(':alias/pmpulse/test/data');
    expect(resources()[id(stack.dataKey.alias)]!.Properties).toMatchObject({ AliasName: 'alias/pmpulse/test/data', TargetKeyId: { 'Fn::GetAtt': [id(stack.dataKey.key), 'Arn'] } });
    expect(resources()[id(stack.dataKey.key)]!.Properties).toMatchObject({ EnableKeyRotation: true });
  });

  it('lets the account administer the data key but not use it', () => {
    const root = keyStatements(id(stack.dataKey.key)).filter((s) => JSON.stringify(s.Principal).includes(':root'));
    expect(root).toHaveLength(1);
    expect(actions(root[0]!)).toEqual(keyAdministration);
    for (const action of actions(root[0]!)) {
      // No wildcard of the administration list reaches a use of the key.
      for (const use of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:CreateGrant']) {
        expect(new RegExp(`^${action.replace('*', '.*')}$`).test(use), `${action} covers ${use}`).toBe(false);
      }
    }
  });

  it('admits by name only compute, publish, the digest (to read), the site build and CloudFront for this distribution and bucket', () => {
    const statements = keyStatements(id(stack.dataKey.key)).filter((s) => s.Sid !== 'Administration');
    const byPrincipal = Object.fromEntries(statements.map((s) => [JSON.stringify(s.Principal), actions(s)]));
    const role = (construct: { node: { defaultChild?: unknown } }) => JSON.stringify({ AWS: { 'Fn::GetAtt': [id(construct), 'Arn'] } });
    expect(byPrincipal).toEqual({
      [role(stack.functions.compute.role)]: ['kms:Decrypt', 'kms:GenerateDataKey'],
      [role(stack.functions.publish.role)]: ['kms:Decrypt', 'kms:GenerateDataKey'],
      [role(stack.digests.function.role)]: ['kms:Decrypt'],
      [role(stack.siteBuild.project.role as never)]: ['kms:Decrypt', 'kms:GenerateDataKey'],
      [JSON.stringify({ Service: 'cloudfront.amazonaws.com' })]: ['kms:Decrypt'],
    });
    const cloudFront = statements.find((s) => JSON.stringify(s.Principal).includes('cloudfront'))!;
    expect(JSON.stringify(cloudFront.Condition!.StringEquals!['AWS:SourceArn'])).toContain(`"Ref":"${id(stack.site.distribution)}"`);
    expect(JSON.stringify(cloudFront.Condition!.StringEquals!['AWS:SourceArn'])).not.toContain('*');
    const context = JSON.stringify(cloudFront.Condition!.StringLike!['kms:EncryptionContext:aws:s3:arn']);
    expect(context).toContain(`"${id(stack.site.bucket)}"`);
    expect(context).not.toContain(`"${id(stack.reports.bucket)}"`);
    // sync never touches the buckets, so the key does not know it.
    expect(JSON.stringify(keyStatements(id(stack.dataKey.key)))).not.toContain(`"${id(stack.functions.sync.role)}"`);
  });

  it('lets compute write only under staging/ and read no report', () => {
    const compute = policyStatements(template).find(({ roles }) => roles.includes(id(stack.functions.compute.role)))!.statements;
    const s3 = compute.filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(actionsOf(s3)).toEqual(['s3:PutObject']);
    expect(s3[0]!.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(stack.reports.bucket), 'Arn'] }, '/staging/*']] });
  });

  it('keeps every pay rate out of the template, the functions read them from one secret', () => {
    const text = JSON.stringify(template.toJSON());
    for (const rate of Object.values(rates)) expect(text).not.toContain(String(rate));
    expect(text).not.toMatch(/\\?"rate\\?"/);
    const env = (step: 'sync' | 'compute' | 'publish') => (resources()[id(stack.functions[step].function)]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    const config = JSON.parse(env('compute').PMPULSE_CONFIG as string) as typeof configWithRates;
    expect(config.people).toEqual([{ id: 'ana@acme.com', name: 'Ana' }, { id: 'bo@acme.com', name: 'Bo', capacityHoursPerWeek: 32 }, { id: 'cy@acme.com', name: 'Cy' }]);
    expect(env('compute').PMPULSE_RATES_SECRET_ARN).toEqual({ Ref: id(stack.peopleRates.secret) });
    expect(JSON.parse(env('compute').PMPULSE_RATED_PEOPLE as string)).toEqual(['ana@acme.com', 'bo@acme.com']);
    for (const step of ['sync', 'publish'] as const) expect(env(step).PMPULSE_RATES_SECRET_ARN).toBeUndefined();
    expect(resources()[id(stack.peopleRates.secret)]!.Properties).toMatchObject({ Name: 'pmpulse/test/people-rates', SecretString: '{}' });
    const readers = policyStatements(template).flatMap(({ roles, statements }) =>
      statements.filter((s) => actionsOf([s]).includes('secretsmanager:GetSecretValue') && JSON.stringify(s.Resource).includes(id(stack.peopleRates.secret))).map(() => roles),
    );
    expect(readers).toEqual([[id(stack.functions.compute.role)]]);
  });

  it('has no dependency cycle (key → distribution → site bucket ↛ key)', () => {
    const all = resources();
    const references = (value: unknown, into: Set<string>): Set<string> => {
      if (Array.isArray(value)) value.forEach((v) => references(v, into));
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'Ref' && typeof v === 'string' && v in all) into.add(v);
          else if (k === 'Fn::GetAtt' && Array.isArray(v) && (v[0] as string) in all) into.add(v[0] as string);
          else references(v, into);
        }
      }
      return into;
    };
    const edges = new Map(Object.entries(all).map(([name, r]) => [name, new Set([...references(r.Properties, new Set()), ...[r.DependsOn ?? []].flat()])]));
    const state = new Map<string, 'open' | 'done'>();
    const cycle: string[] = [];
    const visit = (node: string, path: string[]): boolean => {
      if (state.get(node) === 'done') return false;
      if (state.get(node) === 'open') return cycle.push(...path, node) > 0;
      state.set(node, 'open');
      for (const next of edges.get(node) ?? []) if (visit(next, [...path, node])) return true;
      state.set(node, 'done');
      return false;
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycle).toEqual([]);
    // The one edge that would close it: the site bucket does not reference the key.
    expect(edges.get(id(stack.site.bucket))!.has(id(stack.dataKey.key))).toBe(false);
    expect(edges.get(id(stack.dataKey.key))!.has(id(stack.site.distribution))).toBe(true);
  });
});

describe('finding 11: the CloudWatch grant of the ops key', () => {
  it('lets CloudWatch use the alarm topic key only for alarms of this account and region', () => {
    const cloudWatch = keyStatements(id(stack.key)).filter((s) => JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'));
    expect(cloudWatch).toHaveLength(1);
    expect(cloudWatch[0]!.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
    });
  });
});

describe('finding 5: the site build', () => {
  type BuildSpec = { phases: Record<string, { commands: string[] }> };
  const buildSpec = () => JSON.parse((resources()[id(stack.siteBuild.project)]!.Properties!.Source as { BuildSpec: string }).BuildSpec) as BuildSpec;

  it('installs nothing unpinned: Node by exact version and checksum, dependencies from the lockfile without scripts', () => {
    const commands = Object.values(buildSpec().phases).flatMap((phase) => phase.commands);
    const archive = `node-v${siteBuildNode.version}-linux-arm64.tar.xz`;
    const download = commands.findIndex((c) => c.startsWith('curl ') && c.includes(`https://nodejs.org/dist/v${siteBuildNode.version}/${archive}`));
    const check = commands.findIndex((c) => c.includes(`echo "${siteBuildNode.sha256}  ${archive}" | sha256sum --check --strict -`));
    const unpack = commands.findIndex((c) => c.startsWith('tar ') && c.includes(archive));
    const ci = commands.findIndex((c) => c.startsWith('npm ci '));
    expect([download, check, unpack, ci].every((i) => i >= 0)).toBe(true);
    expect(download < check && check < unpack && unpack < ci).toBe(true);
    expect(siteBuildNode.version).toMatch(/^24\.\d+\.\d+$/);
    expect(siteBuildNode.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(commands[ci]).toContain('--ignore-scripts');
    // Nothing that resolves a version at build time: no npm install/exec, npx, latest or ranges.
    for (const command of commands) {
      expect(command).not.toMatch(/\bnpm (install|i|add|exec|update)\b|\bnpx\b|\byarn\b|\bpnpm\b|@latest|node@|\bn \d|\bnvm\b|runtime-versions/);
      expect(command).not.toMatch(/\bcurl\b.*\|\s*(ba)?sh/);
    }
    expect(commands.filter((c) => c.includes('curl '))).toHaveLength(1);
  });
});

describe('finding 6: the content security policy at the edge', () => {
  it('allows no inline script and tells browsers to drop their XSS auditor', () => {
    const config = (Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties as { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, Record<string, unknown>> } })
      .ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const policy = String(config.ContentSecurityPolicy!.ContentSecurityPolicy);
    const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(config.XSSProtection).toEqual({ Protection: false, Override: true });
  });
});
