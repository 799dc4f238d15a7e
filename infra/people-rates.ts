import { SecretValue, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { RATED_PEOPLE_ENV, RATES_SECRET_ENV } from '../functions/handlers/people-rates.ts';

export interface PeopleRatesProps {
  /** The stage, part of the secret's name. */
  readonly stage: string;
  /** The pipeline config as given to the stack, `people[].rate` and all. */
  readonly pipelineConfig: unknown;
}

/**
 * Pay rates (`people[].rate`) stay out of the Lambda environment and the template: the stack hands
 * the functions the config without them, and compute reads them at cold start from one Secrets
 * Manager secret, `{"<person id>": rate}`. The secret is created holding `{}`; `docs/deploy.md`
 * shows the `put-secret-value` that stores the rates.
 */
export class PeopleRates extends Construct {
  readonly secret: secretsmanager.Secret;
  /** The config JSON the functions get: `people[].rate` removed. */
  readonly configJson: string;
  /** The people whose rate the given config had: compute fails at cold start if the secret lacks one. */
  readonly ratedPeople: readonly string[];

  constructor(scope: Construct, id: string, props: PeopleRatesProps) {
    super(scope, id);
    const { config, ratedPeople } = withoutRates(props.pipelineConfig);
    this.configJson = JSON.stringify(config);
    this.ratedPeople = ratedPeople;
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: `pmpulse/${props.stage}/people-rates`,
      description: `pmpulse ${props.stage}: cost per hour by person id, read by compute`,
      // No rates yet, and nothing secret in the template: the rates are put in after deploy.
      secretStringValue: SecretValue.unsafePlainText('{}'),
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Pay rates are data set by the organisation, not credentials: nothing to rotate; they are replaced with put-secret-value (docs/deploy.md).',
    });
  }

  /** The environment compute reads the rates with. */
  get environment(): Record<string, string> {
    return {
      [RATES_SECRET_ENV]: this.secret.secretArn,
      ...(this.ratedPeople.length ? { [RATED_PEOPLE_ENV]: JSON.stringify(this.ratedPeople) } : {}),
    };
  }

  grantRead(grantee: iam.IGrantable): void {
    this.secret.grantRead(grantee);
  }
}

/** The config with every `people[].rate` removed, and the ids of the people that had one. */
export function withoutRates(config: unknown): { config: unknown; ratedPeople: string[] } {
  if (!isRecord(config) || !Array.isArray(config.people)) return { config, ratedPeople: [] };
  const ratedPeople: string[] = [];
  const people = config.people.map((person: unknown) => {
    if (!isRecord(person) || !('rate' in person)) return person;
    const { rate: _rate, ...rest } = person;
    if (typeof rest.id === 'string') ratedPeople.push(rest.id);
    return rest;
  });
  return { config: { ...config, people }, ratedPeople };
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
