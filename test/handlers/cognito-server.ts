import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A user as ListUsersInGroup answers it. */
export interface StandInUser {
  Username: string;
  Attributes: { Name: string; Value: string }[];
  Enabled: boolean;
  UserStatus: string;
}

/** A user with an e-mail (verified unless said otherwise) and, for a PM, a person id. */
export function user(username: string, email: string | undefined, options: { person?: string; verified?: boolean; enabled?: boolean; status?: string } = {}): StandInUser {
  return {
    Username: username,
    Attributes: [
      { Name: 'sub', Value: `sub-${username}` },
      ...(email === undefined ? [] : [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: String(options.verified ?? true) }]),
      ...(options.person === undefined ? [] : [{ Name: 'custom:pmpulse_person', Value: options.person }]),
    ],
    Enabled: options.enabled ?? true,
    UserStatus: options.status ?? 'CONFIRMED',
  };
}

/**
 * A stand-in for the Cognito user pools API on 127.0.0.1, answering ListUsersInGroup (the one call
 * the digest function makes) as the service does: JSON 1.1 over POST with the
 * `AWSCognitoIdentityProviderService.ListUsersInGroup` target, at most `pageSize` users a page
 * (and never more than the request's Limit) with a NextToken for the rest, and
 * ResourceNotFoundException for a pool or group it does not know. `requests` keeps every call.
 */
export async function startCognitoServer(userPoolId: string, groups: Record<string, StandInUser[]>, pageSize = 2) {
  const requests: { target: string | undefined; body: Record<string, unknown>; signed: boolean }[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const target = request.headers['x-amz-target'] as string | undefined;
      const body = JSON.parse(text || '{}') as { UserPoolId?: string; GroupName?: string; Limit?: number; NextToken?: string };
      requests.push({ target, body, signed: /^AWS4-HMAC-SHA256 Credential=/.test(request.headers.authorization ?? '') });
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      const fail = (type: string, message: string) => {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: type, message }));
      };
      if (target !== 'AWSCognitoIdentityProviderService.ListUsersInGroup') return fail('UnknownOperationException', `unknown operation ${target}`);
      if (body.UserPoolId !== userPoolId) return fail('ResourceNotFoundException', `User pool ${body.UserPoolId} does not exist.`);
      const members = body.GroupName === undefined ? undefined : groups[body.GroupName];
      if (!members) return fail('ResourceNotFoundException', 'Group not found.');
      const start = body.NextToken === undefined ? 0 : Number(body.NextToken.replace(/^page-/, ''));
      const end = start + Math.min(pageSize, body.Limit ?? 60);
      response.end(JSON.stringify({ Users: members.slice(start, end), ...(end < members.length ? { NextToken: `page-${end}` } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
