import * as z from 'zod';
import { ConfigError, type Config } from '../config/index.ts';
import { parseSecretJson } from './secret-json.ts';
import { readSecret, type SecretReader } from './secrets.ts';

/**
 * The secret that holds `people[].rate` in AWS, `{"<person id>": cost per hour}`: the stack keeps
 * pay rates out of the Lambda environment and the template, and sets this on compute only.
 */
export const RATES_SECRET_ENV = 'PMPULSE_RATES_SECRET_ARN';
/** The ids whose rate the deployed config had (JSON array): a rate the secret lacks fails the cold start. */
export const RATED_PEOPLE_ENV = 'PMPULSE_RATED_PEOPLE';

const RatesSchema = z.record(z.string().min(1), z.number().nonnegative());
const IdsSchema = z.array(z.string().min(1));

/**
 * The config with each person's rate read from the rates secret, once per cold start. Without
 * `PMPULSE_RATES_SECRET_ARN` (the CLI, a local run) the config is returned as it is. Throws
 * ConfigError naming the variable when the secret is not a rate table, names a person the config
 * does not know, or lacks a rate the deployed config had.
 */
export async function withPeopleRates(config: Config, env: NodeJS.ProcessEnv = process.env, read: SecretReader = (id) => readSecret(id, env)): Promise<Config> {
  const secretId = env[RATES_SECRET_ENV];
  if (!secretId) return config;
  const rates = parseSecretJson(await read(secretId), RatesSchema, RATES_SECRET_ENV, '{"<person id>": rate, …}');
  const expected = env[RATED_PEOPLE_ENV] ? parseSecretJson(env[RATED_PEOPLE_ENV], IdsSchema, RATED_PEOPLE_ENV, '["<person id>", …]') : [];
  const known = new Set(config.people.map((person) => person.id));
  const problems = [
    ...Object.keys(rates).filter((id) => !known.has(id)).map((id) => `${id}: a rate for a person who is not in people[]`),
    ...expected.filter((id) => rates[id] === undefined).map((id) => `${id}: people[].rate was configured but the secret has no rate for this person (docs/deploy.md)`),
  ];
  if (problems.length) throw new ConfigError(RATES_SECRET_ENV, problems);
  return { ...config, people: config.people.map((person) => (rates[person.id] === undefined ? person : { ...person, rate: rates[person.id] })) };
}

