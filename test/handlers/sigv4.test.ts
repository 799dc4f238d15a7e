import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { amzDate, canonicalRequest, signingKey, signV4, type SignableRequest } from '../../functions/handlers/sigv4.ts';
import { sdkSigner } from './sdk-signer.ts';

/**
 * The published SigV4 test suite (aws-sig-v4-test-suite, as in the AWS General Reference
 * "Signature Version 4 test suite"): credentials AKIDEXAMPLE, region us-east-1, service
 * `service`, 2015-08-30T12:36:00Z, host example.amazonaws.com. The expected values are the
 * suite's `.authz` / `.sts` files, not computed here.
 */
const SUITE = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  service: 'service',
  amzDate: '20150830T123600Z',
};
const headers = { Host: 'example.amazonaws.com', 'X-Amz-Date': '20150830T123600Z' };
const authz = (signature: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`;

describe('SigV4 signing', () => {
  it('signs get-vanilla as the test suite does', () => {
    expect(signV4({ method: 'GET', path: '/', headers, body: '' }, SUITE)).toBe(authz('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'));
  });

  it('signs post-vanilla, and builds its canonical request and string to sign as published', () => {
    const request: SignableRequest = { method: 'POST', path: '/', headers, body: '' };

    expect(canonicalRequest(request).text).toBe(
      'POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    // post-vanilla.sts ends with the SHA-256 of that canonical request.
    expect(createHash('sha256').update(canonicalRequest(request).text).digest('hex')).toBe('553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87');
    expect(signV4(request, SUITE)).toBe(authz('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'));
  });

  it('sorts query parameters (get-vanilla-query-order-key-case) and encodes the path (get-utf8)', () => {
    expect(signV4({ method: 'GET', path: '/', query: { Param2: 'value2', Param1: 'value1' }, headers, body: '' }, SUITE)).toBe(
      authz('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'),
    );
    expect(signV4({ method: 'GET', path: '/\u1234', headers, body: '' }, SUITE)).toBe(authz('8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85'));
  });

  it('derives the signing key of the IAM documentation example', () => {
    expect(signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
  });

  it('formats x-amz-date', () => {
    expect(amzDate(new Date('2015-08-30T12:36:00.123Z'))).toBe('20150830T123600Z');
  });

  it('signs a GetSecretValue call with a session token as the SDK signer does', async () => {
    const at = new Date('2026-03-01T08:09:10Z');
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+example', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token=' };
    const body = JSON.stringify({ SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/prod/JIRA-AbCdEf' });
    const signed = {
      'content-type': 'application/x-amz-json-1.1',
      host: 'secretsmanager.eu-west-1.amazonaws.com',
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      'x-amz-date': amzDate(at),
      'x-amz-target': 'secretsmanager.GetSecretValue',
      'x-amz-security-token': credentials.sessionToken,
    };
    const ours = signV4({ method: 'POST', path: '/', headers: signed, body }, { credentials, region: 'eu-west-1', service: 'secretsmanager', amzDate: amzDate(at) });

    const sdk = sdkSigner(credentials, 'eu-west-1', 'secretsmanager');
    const request = { method: 'POST', protocol: 'https:', hostname: signed.host, path: '/', query: {}, headers: { ...signed }, body };
    const { headers: sdkHeaders } = await sdk.sign(request, { signingDate: at });

    expect(ours).toBe(sdkHeaders.authorization);
  });
});
