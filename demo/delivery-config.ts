/**
 * Where the demo's digests and alerts would go with `--send`: the config keys a real set-up fills
 * in (README, "Digests and alerts"). The addresses are the demo company's; the Slack webhook URLs
 * are read from these environment variables, which `node demo/delivery-stand-ins.ts` prints for
 * its local stand-ins. Rendering the digests (`npm run demo`, `pmpulse digest --out`) needs none.
 */
export const DEMO_SLACK_ENV = { leadership: 'PMPULSE_DEMO_SLACK_LEADERSHIP', strategy: 'PMPULSE_DEMO_SLACK_STRATEGY' } as const;
export const DEMO_MAIL_DOMAIN = 'northwind.example';

export const demoDelivery = {
  email: { from: `digest@${DEMO_MAIL_DOMAIN}` },
  recipients: { leadership: [`leadership@${DEMO_MAIL_DOMAIN}`], strategy: [`strategy@${DEMO_MAIL_DOMAIN}`], pmFromPeople: true },
  slack: { leadership: { webhookUrlEnv: DEMO_SLACK_ENV.leadership }, strategy: { webhookUrlEnv: DEMO_SLACK_ENV.strategy } },
};
