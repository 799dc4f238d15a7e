import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Secrets Manager API on 127.0.0.1: answers GetSecretValue (the one call the
 * handlers make) from a map of ARN → value, and counts the calls. `requests` keeps each call's
 * headers; `failNext` makes the next calls fail with the given status and error type.
 */
export async function startSecretsServer(secrets: Record<string, string>) {
  const calls: string[] = [];
  const requests: { secretId: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const failures: { status: number; type: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      calls.push(String(SecretId));
      requests.push({ secretId: String(SecretId), headers: request.headers, body });
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      const failure = failures.shift();
      if (failure) {
        response.statusCode = failure.status;
        response.end(JSON.stringify({ __type: failure.type, message: 'failing on purpose' }));
        return;
      }
      const value = SecretId === undefined ? undefined : secrets[SecretId];
      if (target !== 'secretsmanager.GetSecretValue' || value === undefined) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: `no secret ${SecretId}` }));
        return;
      }
      response.end(JSON.stringify({ ARN: SecretId, Name: String(SecretId).split(':').at(-1), SecretString: value, VersionId: 'v1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    requests,
    failNext: (status: number, type: string, times = 1) => {
      for (let i = 0; i < times; i++) failures.push({ status, type });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
