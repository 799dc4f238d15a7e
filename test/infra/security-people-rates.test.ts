import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/index.ts';
import { RATED_PEOPLE_ENV, RATES_SECRET_ENV, withPeopleRates } from '../../functions/handlers/people-rates.ts';
import { withoutRates } from '../../infra/people-rates.ts';
import { startSecretsServer } from '../handlers/secrets-server.ts';

/**
 * Finding 9, pay rates: the stack removes `people[].rate` from the config it deploys
 * (test/infra/security-template.test.ts proves none reaches the template), and compute puts them
 * back from the rates secret at cold start. Read through a Secrets Manager stand-in on loopback
 * with the same signed request the Lambda makes.
 */
const RATES = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/people-rates-AbCdEf';
const EMPTY = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/people-rates-new';
const STRANGER = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/people-rates-stranger';
const BROKEN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:pmpulse/test/people-rates-broken';

const localConfig = {
  people: [
    { id: 'ana@acme.com', name: 'Ana', rate: 87.35 },
    { id: 'bo@acme.com', capacityHoursPerWeek: 32, rate: 0 },
    { id: 'cy@acme.com', name: 'Cy' },
  ],
  kpi: { currency: 'EUR' },
};

let server: Awaited<ReturnType<typeof startSecretsServer>>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startSecretsServer({
    [RATES]: JSON.stringify({ 'ana@acme.com': 87.35, 'bo@acme.com': 0 }),
    [EMPTY]: '{}',
    [STRANGER]: JSON.stringify({ 'ana@acme.com': 87.35, 'bo@acme.com': 0, 'zed@acme.com': 55 }),
    [BROKEN]: '{"ana@acme.com": 87.35,',
  });
  env = { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret/key+example', AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint };
});

afterAll(() => server.close());

describe('pay rates in AWS', () => {
  it('gives compute the same config as a local run with the rates inline', async () => {
    const { config: deployed, ratedPeople } = withoutRates(localConfig);
    expect(JSON.stringify(deployed)).not.toContain('rate"');
    expect(ratedPeople).toEqual(['ana@acme.com', 'bo@acme.com']);

    const withRates = await withPeopleRates(parseConfig(deployed, 'PMPULSE_CONFIG'), { ...env, [RATES_SECRET_ENV]: RATES, [RATED_PEOPLE_ENV]: JSON.stringify(ratedPeople) });

    expect(withRates).toEqual(parseConfig(localConfig, 'pmpulse.config.json'));
    expect(server.calls.at(-1)).toBe(RATES);
  });

  it('leaves a config without the rates secret as it is (the CLI, a local run)', async () => {
    const config = parseConfig(localConfig, 'pmpulse.config.json');
    expect(await withPeopleRates(config, {})).toBe(config);
  });

  it('fails the cold start, naming the person, when the secret lacks a rate the config had', async () => {
    const { config, ratedPeople } = withoutRates(localConfig);
    await expect(withPeopleRates(parseConfig(config, 'PMPULSE_CONFIG'), { ...env, [RATES_SECRET_ENV]: EMPTY, [RATED_PEOPLE_ENV]: JSON.stringify(ratedPeople) })).rejects.toThrow(
      /PMPULSE_RATES_SECRET_ARN: ana@acme\.com: people\[\]\.rate was configured but the secret has no rate for this person .*; bo@acme\.com: /,
    );
  });

  it('rejects a rate for someone not in people[], and a secret that is not a rate table, without repeating its text', async () => {
    const config = parseConfig(withoutRates(localConfig).config, 'PMPULSE_CONFIG');
    await expect(withPeopleRates(config, { ...env, [RATES_SECRET_ENV]: STRANGER })).rejects.toThrow(/zed@acme\.com: a rate for a person who is not in people\[\]/);
    const broken = withPeopleRates(config, { ...env, [RATES_SECRET_ENV]: BROKEN });
    await expect(broken).rejects.toThrow(/PMPULSE_RATES_SECRET_ARN: not valid JSON/);
    await expect(broken).rejects.not.toThrow(/87\.35/);
    await expect(withPeopleRates(config, { ...env, [RATES_SECRET_ENV]: RATES }, async () => '{"ana@acme.com": -1}')).rejects.toThrow(/PMPULSE_RATES_SECRET_ARN: \["ana@acme\.com"\]: Too small/);
  });
});
