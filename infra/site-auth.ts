import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArnFormat, Duration, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ROLES } from '../functions/access/role-rules.ts';
import { AUTH_ENV } from '../functions/handlers/site-auth/app.ts';
import { FEDERATED_GROUPS_CLAIM, PERSON_CLAIM } from '../functions/handlers/site-auth/roles.ts';
import { STAGE_ENV } from '../functions/handlers/runtime-config.ts';
import { bundling, defaults } from './defaults.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** An OpenID Connect identity provider of the organisation (Entra ID, Okta, Google Workspace …). */
export interface FederationProps {
  readonly name: string;
  readonly issuerUrl: string;
  readonly clientId: string;
  /** Full ARN of the Secrets Manager secret holding the provider's client secret (resolved at deploy). */
  readonly clientSecretArn: string;
  /**
   * The provider's claim that lists the person's site roles (values `leadership`, `strategy`, `pm`),
   * e.g. `roles` for Entra ID app roles or `groups` for Okta; mapped onto `custom:pmpulse_groups`.
   * @default - roles come from the user pool's groups only
   */
  readonly groupsClaim?: string;
  /**
   * The provider's claim holding a PM's `people[]` id; mapped onto `custom:pmpulse_person`.
   * @default - set `custom:pmpulse_person` on the user in the pool
   */
  readonly personClaim?: string;
}

/** The user pool's custom attributes the roles and a PM's person id come from (see functions/handlers/site-auth/roles.ts). */
const customAttribute = (claim: string) => claim.replace(/^custom:/, '');

export interface SiteAuthProps {
  readonly stage: string;
  /** Globally unique prefix of the hosted-UI domain `<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainPrefix: string;
  /**
   * Sign-in through the organisation's identity provider instead of Cognito users.
   * @default - users are created in the pool by an administrator
   */
  readonly federation?: FederationProps;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Who may read the site: a Cognito user pool (no self sign-up, MFA, threat protection), its
 * hosted UI, the session key the edge checks, and the sign-in function behind `/_auth/*`.
 * The app client comes last (`addAppClient`), once the distribution's address is known.
 */
export class SiteAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  readonly sessionKey: secretsmanager.Secret;
  readonly function: NodejsFunction;
  readonly functionUrl: lambda.FunctionUrl;
  readonly role: iam.Role;
  private readonly props: SiteAuthProps;
  private readonly clientSecretName: string;
  private readonly sessionKeyName: string;
  private readonly identityProviders: cognito.UserPoolClientIdentityProvider[] = [];

  constructor(scope: Construct, id: string, props: SiteAuthProps) {
    super(scope, id);
    this.props = props;
    this.clientSecretName = `pmpulse/${props.stage}/site-client`;
    this.sessionKeyName = `pmpulse/${props.stage}/site-session-key`;
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: defaults.dataRemovalPolicy,
      customAttributes: {
        [customAttribute(PERSON_CLAIM)]: new cognito.StringAttribute({ mutable: true, maxLen: 64 }),
        [customAttribute(FEDERATED_GROUPS_CLAIM)]: new cognito.StringAttribute({ mutable: true, maxLen: 2048 }),
      },
    });
    // One group per site role; an administrator adds people to them (docs/security.md).
    for (const role of ROLES) {
      new cognito.CfnUserPoolGroup(this, `Group${role[0]!.toUpperCase()}${role.slice(1)}`, { userPoolId: this.userPool.userPoolId, groupName: role, description: `pmpulse site role ${role}` });
    }
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    if (props.federation) this.addFederation(props.federation);
    this.sessionKey = new secretsmanager.Secret(this, 'SessionKey', {
      secretName: this.sessionKeyName,
      description: 'pmpulse: signs site session cookies; the same value sits in the CloudFront KeyValueStore',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.sessionKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The key must reach the CloudFront KeyValueStore before the secret changes, which a rotation Lambda cannot do; docs/security.md gives the rotation runbook.',
    });
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: 'pmpulse site sign-in' });
    this.function = this.signInFunction();
    this.functionUrl = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  }

  /** The hosted-UI address the sign-in function redirects to. */
  get domainUrl(): string {
    return this.domain.baseUrl();
  }

  /** The site's app client (public, PKCE, code flow) for `https://<siteDomain>`, and the secret the function finds its id in. */
  addAppClient(siteDomain: string): cognito.UserPoolClient {
    const client = this.userPool.addClient('SiteClient', {
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`https://${siteDomain}/_auth/callback`],
        logoutUrls: [`https://${siteDomain}/`],
      },
      supportedIdentityProviders: this.identityProviders.length ? this.identityProviders : [cognito.UserPoolClientIdentityProvider.COGNITO],
      // The ID token carries the person id; only a provider's sign-in may write it, never the user.
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes(customAttribute(PERSON_CLAIM), customAttribute(FEDERATED_GROUPS_CLAIM)),
      writeAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true })
        .withCustomAttributes(...(this.props.federation ? [customAttribute(PERSON_CLAIM), customAttribute(FEDERATED_GROUPS_CLAIM)] : [])),
      idTokenValidity: Duration.minutes(60),
    });
    const clientSecret = new secretsmanager.Secret(this, 'ClientId', {
      secretName: this.clientSecretName,
      description: 'pmpulse: the site app client id, found by name so the sign-in function does not depend on the client',
      secretObjectValue: { clientId: SecretValue.unsafePlainText(client.userPoolClientId) },
    });
    Validations.of(clientSecret).acknowledge({ id: 'AwsSolutions-SMG4', reason: 'It holds a public app client id, not a credential; there is nothing to rotate.' });
    return client;
  }

  private addFederation(federation: FederationProps): void {
    const provider = new cognito.UserPoolIdentityProviderOidc(this, 'Federation', {
      userPool: this.userPool,
      name: federation.name,
      issuerUrl: federation.issuerUrl,
      clientId: federation.clientId,
      // A dynamic reference: CloudFormation resolves it at deploy, the template never holds the value.
      clientSecret: SecretValue.secretsManager(federation.clientSecretArn).unsafeUnwrap(),
      scopes: ['openid', 'email'],
      attributeMapping: {
        email: cognito.ProviderAttribute.other('email'),
        custom: {
          ...(federation.groupsClaim ? { [FEDERATED_GROUPS_CLAIM]: cognito.ProviderAttribute.other(federation.groupsClaim) } : {}),
          ...(federation.personClaim ? { [PERSON_CLAIM]: cognito.ProviderAttribute.other(federation.personClaim) } : {}),
        },
      },
    });
    this.userPool.registerIdentityProvider(provider);
    this.identityProviders.push(cognito.UserPoolClientIdentityProvider.custom(provider.providerName));
  }

  private signInFunction(): NodejsFunction {
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: this.props.logRetention ?? defaults.logRetention, removalPolicy: defaults.dataRemovalPolicy });
    logGroup.grantWrite(this.role);
    this.sessionKey.grantRead(this.role);
    // By name, not by reference: the client secret depends on the distribution, which depends on this function.
    const stack = Stack.of(this);
    const clientSecretArn = stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${this.clientSecretName}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [clientSecretArn] }));
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${this.clientSecretName}-??????]`,
      reason: 'Secrets Manager appends six random characters to a secret ARN; the pattern matches this one secret name only.',
    });
    return new NodejsFunction(this, 'Function', {
      entry: join(repoRoot, 'functions', 'handlers', 'site-auth.ts'),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: defaults.runtime,
      architecture: defaults.architecture,
      memorySize: 256,
      timeout: Duration.seconds(10),
      role: this.role,
      logGroup,
      description: 'pmpulse site sign-in',
      bundling,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        [STAGE_ENV]: this.props.stage,
        [AUTH_ENV.domain]: this.domainUrl,
        [AUTH_ENV.userPoolId]: this.userPool.userPoolId,
        [AUTH_ENV.clientSecretName]: this.clientSecretName,
        [AUTH_ENV.sessionKeySecretName]: this.sessionKeyName,
      },
    });
  }
}
