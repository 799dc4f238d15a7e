// `node bench/lambda.ts [--runs N]`: each Lambda's bundle as `cdk synth` builds it (esbuild, the
// stack's bundling options), its minified size, and its cold init: the bundle imported in a fresh
// Node process, as the Lambda runtime does at init, median of N. Sync, the digest function and the
// sign-in function read their secrets at init (the import waits for them), from a local stand-in for Secrets
// Manager, with credentials in the environment as Lambda gives them; the stand-in speaks plain
// HTTP, so the TLS handshake of a real read is not in the figure.
// Writes bench/lambda-results.json.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { bundling } from '../infra/defaults.ts';
import { startSecretsServer } from '../test/handlers/secrets-server.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
const root = new URL('..', import.meta.url).pathname;
// Inside the repository, so the bundles resolve the AWS SDK from node_modules as Lambda does from its runtime.
const outRoot = join(root, '.pmpulse', 'bench-lambda');
const functions = ['sync', 'compute', 'publish', 'digest', 'site-auth'] as const;

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/bench/${name}-AbCdEf`;
const secrets = await startSecretsServer({ [arn('JIRA')]: 'jira-token', [arn('ASANA')]: 'asana-token', [arn('client')]: '{"clientId":"c"}', [arn('key')]: 'k'.repeat(64), [arn('slack')]: JSON.stringify({ SLACK_WEBHOOK_LEADERSHIP: 'https://hooks.slack.com/services/T0/B0/bench' }) });
const env = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
  PMPULSE_STAGE: 'bench',
  PMPULSE_TABLE: 'pmpulse-bench',
  PMPULSE_REPORTS_BUCKET: 'pmpulse-bench-reports',
  PMPULSE_CONFIG: JSON.stringify({
    sources: [
      { type: 'jira', name: 'jira', baseUrl: 'https://acme.atlassian.net', email: 'bot@acme.com', tokenEnv: 'JIRA_API_TOKEN' },
      { type: 'asana', name: 'asana', tokenEnv: 'ASANA_PAT' },
    ],
    // The digest function sends by SES and to one Slack channel, as a configured deployment does.
    digest: { email: { from: 'digest@acme.com' }, recipients: { leadership: ['cto@acme.com'] }, slack: { leadership: { webhookUrlEnv: 'SLACK_WEBHOOK_LEADERSHIP' } } },
    alerts: [{ kind: 'projectOffTrack' }],
  }),
  PMPULSE_SECRET_ARNS: JSON.stringify({ JIRA_API_TOKEN: arn('JIRA'), ASANA_PAT: arn('ASANA') }),
  PMPULSE_AUTH_DOMAIN: 'https://pmpulse-bench.auth.eu-west-1.amazoncognito.com',
  PMPULSE_USER_POOL_ID: 'eu-west-1_bench',
  PMPULSE_AUTH_CLIENT_SECRET: arn('client'),
  PMPULSE_SESSION_KEY_SECRET: arn('key'),
  PMPULSE_DIGEST_SLACK_SECRET_ARN: arn('slack'),
  PMPULSE_DIGEST_RECIPIENTS: 'config',
};

// Asynchronous: the Secrets Manager stand-in runs in this process and must keep answering.
const run = promisify(execFile);
async function initMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  return Number(stdout);
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
const results: Record<string, { bytes: number; gzipBytes: number; initMs: number; initMinMs: number; initMaxMs: number }> = {};
try {
  for (const name of functions) {
    const outfile = join(outRoot, name, 'index.mjs');
    await mkdir(join(outRoot, name), { recursive: true });
    await build({
      entryPoints: [join(root, 'functions', 'handlers', `${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: bundling.target,
      minify: true,
      mainFields: bundling.mainFields,
      external: bundling.externalModules,
      banner: { js: bundling.banner! },
      logLevel: 'error',
    });
    await initMs(outfile); // warm the file-system cache once, as a Lambda image is on local disk
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await initMs(outfile));
    results[name] = {
      bytes: (await stat(outfile)).size,
      gzipBytes: gzipSync(readFileSync(outfile)).length,
      initMs: Math.round(median(samples)),
      initMinMs: Math.round(Math.min(...samples)),
      initMaxMs: Math.round(Math.max(...samples)),
    };
  }
} finally {
  await secrets.close();
}

await writeFile(new URL('./lambda-results.json', import.meta.url), `${JSON.stringify({ node: process.version, runs, functions: results }, null, 2)}\n`);
console.log(`Lambda bundles (esbuild, minified, ESM; AWS SDK external) and cold init, median of ${runs}`);
console.log('function'.padEnd(10), 'KB'.padStart(7), 'gzip KB'.padStart(8), 'init ms'.padStart(8), 'min–max'.padStart(10));
for (const [name, r] of Object.entries(results)) {
  console.log(name.padEnd(10), (r.bytes / 1024).toFixed(1).padStart(7), (r.gzipBytes / 1024).toFixed(1).padStart(8), String(r.initMs).padStart(8), `${r.initMinMs}–${r.initMaxMs}`.padStart(10));
}
