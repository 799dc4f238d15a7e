import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSecretString, SecretsManagerError, targetFromEnv } from '../../functions/handlers/secrets-manager.ts';
import { loadSecrets, readSecret, SECRETS_ENV } from '../../functions/handlers/secrets.ts';
import { sdkSigner } from './sdk-signer.ts';
import { startSecretsServer } from './secrets-server.ts';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/JIRA-AbCdEf';
const OTHER = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/ASANA-AbCdEf';
const EMPTY = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/NEW-AbCdEf';
const credentials = { AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret/key+example', AWS_SESSION_TOKEN: 'session//token=' };


let server: Awaited<ReturnType<typeof startSecretsServer>>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startSecretsServer({ [ARN]: ' jira-token\n', [OTHER]: 'asana-token', [EMPTY]: '' });
  env = { AWS_REGION: 'eu-west-1', ...credentials, AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint };
});

afterAll(() => server.close());

describe('reading a secret without the SDK', () => {
  it('sends one GetSecretValue signed with the environment credentials, as the SDK signer signs it', async () => {
    const before = server.requests.length;

    expect(await readSecret(ARN, env)).toBe('jira-token');

    const [sent] = server.requests.slice(before);
    expect(sent).toMatchObject({ secretId: ARN, body: JSON.stringify({ SecretId: ARN }) });
    const headers = sent!.headers as Record<string, string>;
    expect(headers).toMatchObject({ 'x-amz-target': 'secretsmanager.GetSecretValue', 'content-type': 'application/x-amz-json-1.1', 'x-amz-security-token': 'session//token=' });
    // Re-sign what arrived with the SDK's signer, at the request's own date: the same signature.
    const at = headers['x-amz-date']!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');
    const signedNames = /SignedHeaders=([^,]+)/.exec(headers.authorization!)![1]!.split(';');
    expect(signedNames).toEqual(['content-type', 'host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']);
    const signer = sdkSigner({ accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY, sessionToken: credentials.AWS_SESSION_TOKEN }, 'eu-west-1', 'secretsmanager');
    const request = { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/', query: {}, headers: Object.fromEntries(signedNames.map((name) => [name, headers[name]!])), body: sent!.body };
    const resigned = await signer.sign(request, { signingDate: new Date(at) });
    expect(headers.authorization).toBe(resigned.headers.authorization);
  });

  it('retries throttling and server errors, and fails at once on a missing secret', async () => {
    const fast = { backoffMs: () => 1 };
    const target = targetFromEnv(env)!;
    server.failNext(500, 'InternalServiceError');
    server.failNext(400, 'ThrottlingException');
    const before = server.calls.length;

    expect(await getSecretString(OTHER, target, fast)).toBe('asana-token');
    expect(server.calls.length - before).toBe(3);

    const missing = getSecretString(`${ARN}-gone`, target, fast);
    await expect(missing).rejects.toThrow(/ResourceNotFoundException: no secret/);
    await expect(missing).rejects.toBeInstanceOf(SecretsManagerError);
    expect(server.calls.length - before).toBe(4);

    server.failNext(503, 'ServiceUnavailable', 3);
    await expect(getSecretString(OTHER, target, fast)).rejects.toMatchObject({ code: 'ServiceUnavailable', status: 503 });
  });

  it('gives up on an endpoint that does not answer', async () => {
    const target = targetFromEnv({ ...env, AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9' })!;
    await expect(getSecretString(ARN, target, { attempts: 2, backoffMs: () => 1 })).rejects.toMatchObject({ code: 'NetworkError' });
  });

  it('reads through the SDK, with its credential chain, when the environment has no credentials', async () => {
    const saved = process.env;
    process.env = { ...saved, ...env }; // where the SDK looks
    try {
      const before = server.requests.length;
      expect(await readSecret(OTHER, { AWS_REGION: 'eu-west-1' })).toBe('asana-token');
      expect(server.requests[before]!.headers['user-agent']).toMatch(/aws-sdk-js/);
    } finally {
      process.env = saved;
    }
  });

  it('leaves the call to the SDK where the environment does not settle it', () => {
    const base = { AWS_REGION: 'eu-west-1', ...credentials };
    expect(targetFromEnv(base)?.endpoint.href).toBe('https://secretsmanager.eu-west-1.amazonaws.com/');
    expect(targetFromEnv({ ...base, AWS_REGION: 'cn-north-1' })?.endpoint.href).toBe('https://secretsmanager.cn-north-1.amazonaws.com.cn/');
    expect(targetFromEnv({ ...base, AWS_REGION: 'us-gov-west-1' })?.endpoint.host).toBe('secretsmanager.us-gov-west-1.amazonaws.com');
    expect(targetFromEnv({ ...base, AWS_SESSION_TOKEN: undefined })?.credentials).toEqual({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+example' });
    expect(targetFromEnv({ ...base, AWS_ENDPOINT_URL: 'http://localhost:4566' })?.endpoint.host).toBe('localhost:4566');
    expect(targetFromEnv({ ...base, AWS_ENDPOINT_URL: 'http://localhost:4566', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })?.endpoint.host).toBe('secretsmanager.eu-west-1.amazonaws.com');

    expect(targetFromEnv({ AWS_REGION: 'eu-west-1' })).toBeUndefined();
    expect(targetFromEnv({ ...base, AWS_REGION: undefined })).toBeUndefined();
    expect(targetFromEnv({ ...base, AWS_USE_FIPS_ENDPOINT: 'true' })).toBeUndefined();
    expect(targetFromEnv({ ...base, AWS_USE_DUALSTACK_ENDPOINT: '1' })).toBeUndefined();
    expect(targetFromEnv({ ...base, AWS_REGION: 'us-iso-east-1' })).toBeUndefined();
  });
});

describe('loadSecrets', () => {
  it('puts each mapped secret into the environment once, leaving names already set', async () => {
    const target: NodeJS.ProcessEnv = { ...env, [SECRETS_ENV]: JSON.stringify({ JIRA_API_TOKEN: ARN, ASANA_PAT: OTHER }), ASANA_PAT: 'from-env' };
    const before = server.calls.length;

    expect(await loadSecrets(target)).toEqual(['JIRA_API_TOKEN']);

    expect(target).toMatchObject({ JIRA_API_TOKEN: 'jira-token', ASANA_PAT: 'from-env' });
    expect(server.calls.slice(before)).toEqual([ARN]);
  });

  it('rejects a map that is not names to secret ARNs, and a secret without a string value', async () => {
    await expect(loadSecrets({ [SECRETS_ENV]: '{"bad name":"arn:x"}' })).rejects.toThrow(/PMPULSE_SECRET_ARNS: \["bad name"\]: /);
    await expect(loadSecrets({ [SECRETS_ENV]: '{"A":"plain"}' })).rejects.toThrow(/must be a secret ARN/);
    await expect(readSecret(EMPTY, env)).rejects.toThrow(/has no string value yet/);
    expect(await loadSecrets({})).toEqual([]);
  });
});
