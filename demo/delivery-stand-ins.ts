import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_MAIL_DOMAIN, DEMO_SLACK_ENV } from './delivery-config.ts';
import { startSesServer } from './servers/ses-server.ts';
import { startSlackWebhookServer } from './servers/slack-webhook-server.ts';

/**
 * The local stand-ins of Amazon SES and two Slack incoming webhooks, for trying `--send` without
 * an AWS account or a Slack workspace:
 *
 *     node demo/delivery-stand-ins.ts [--out DIR] [--verified @northwind.example,...]
 *
 * prints the environment to set in another shell (the demo config's webhook variables and
 * AWS_ENDPOINT_URL_SESV2), then writes each mail it takes and each Slack post it answers into
 * DIR (default .pmpulse/sent): `mail/NNN-<to>.html` and `.txt`, `slack/NNN-<channel>.json`.
 * Ctrl-C stops it.
 */
const { values } = parseArgs({ options: { out: { type: 'string', default: '.pmpulse/sent' }, verified: { type: 'string', default: `@${DEMO_MAIL_DOMAIN}` } } });
const out = resolve(values.out);
await mkdir(join(out, 'mail'), { recursive: true });
await mkdir(join(out, 'slack'), { recursive: true });
let count = 0;
const numbered = () => String(++count).padStart(3, '0');
const safe = (text: string) => text.replace(/[^A-Za-z0-9@._-]/g, '_');

const ses = await startSesServer({
  verified: values.verified.split(',').map((id) => id.trim()).filter(Boolean),
  onMail: (mail) => {
    const base = join(out, 'mail', `${numbered()}-${safe(mail.to.join(','))}`);
    void writeFile(`${base}.html`, mail.html ?? '');
    void writeFile(`${base}.txt`, `Subject: ${mail.subject}\nFrom: ${mail.from}\nTo: ${mail.to.join(', ')}\n\n${mail.text ?? ''}`);
    process.stdout.write(`mail  ${mail.to.join(', ')}: ${mail.subject}\n`);
  },
});
const slack = await startSlackWebhookServer({
  onPost: (post) => {
    void writeFile(join(out, 'slack', `${numbered()}-${safe(post.hook)}.json`), `${JSON.stringify(post.body, null, 2)}\n`);
    process.stdout.write(`slack #${post.hook}: ${post.status} ${post.answer}\n`);
  },
});
const env = {
  AWS_ENDPOINT_URL_SESV2: ses.url,
  [DEMO_SLACK_ENV.leadership]: slack.hook('leadership'),
  [DEMO_SLACK_ENV.strategy]: slack.hook('strategy'),
};
process.stdout.write(`SES v2 and Slack webhook stand-ins are listening; what they receive goes to ${out}.\nIn another shell:\n`);
for (const [name, value] of Object.entries(env)) process.stdout.write(`  export ${name}=${value}\n`);
process.stdout.write('  npx pmpulse digest --config <the demo config> --send\n');
process.on('SIGINT', () => {
  void Promise.all([ses.close(), slack.close()]).then(() => process.exit(0));
});
