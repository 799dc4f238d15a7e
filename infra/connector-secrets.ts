import { Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface ConnectorSecretsProps {
  /** The `tokenEnv` names of the configured sources, e.g. `JIRA_API_TOKEN`, `ASANA_PAT`. */
  readonly tokenEnvs: readonly string[];
  /** The stage, part of each created secret's name. */
  readonly stage: string;
  /**
   * Secrets that already hold a token, by `tokenEnv` name (full ARN); the others are created empty.
   * @default {} - one new secret per token
   */
  readonly existingSecretArns?: Readonly<Record<string, string>>;
}

/**
 * One Secrets Manager secret per connector token. A created secret starts with a random
 * placeholder; `docs/deploy.md` shows the `put-secret-value` that stores the real token.
 */
export class ConnectorSecrets extends Construct {
  readonly secrets: Readonly<Record<string, secretsmanager.ISecret>>;

  constructor(scope: Construct, id: string, props: ConnectorSecretsProps) {
    super(scope, id);
    const existing = props.existingSecretArns ?? {};
    const secrets: Record<string, secretsmanager.ISecret> = {};
    for (const name of new Set(props.tokenEnvs)) {
      const arn = existing[name];
      secrets[name] = arn
        ? secretsmanager.Secret.fromSecretCompleteArn(this, name, arn)
        : this.createSecret(name, props.stage);
    }
    this.secrets = secrets;
  }

  /** `{ tokenEnv: secret ARN }`, the value of the sync function's `PMPULSE_SECRET_ARNS`. */
  get arnsByEnv(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.secrets).map(([name, secret]) => [name, secret.secretArn]));
  }

  /** GetSecretValue (and DescribeSecret) on exactly these secrets. */
  grantRead(grantee: iam.IGrantable): void {
    for (const secret of Object.values(this.secrets)) secret.grantRead(grantee);
  }

  private createSecret(name: string, stage: string): secretsmanager.Secret {
    const secret = new secretsmanager.Secret(this, name, {
      secretName: `pmpulse/${stage}/${name}`,
      description: `pmpulse ${stage}: the connector token read by sync as ${name}`,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'A Jira API token or Asana PAT is issued by that service, not by AWS: it is rotated there and stored here with put-secret-value (docs/deploy.md).',
    });
    return secret;
  }
}
