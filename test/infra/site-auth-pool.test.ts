import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SiteAuth } from '../../infra/site-auth.ts';

/** Without federation, only an administrator sets a person's id: the app client may read it, never write it. */

describe('SiteAuth app client', () => {
  it('reads the person id and groups attributes and writes only the e-mail', () => {
    const stack = new Stack(new App(), 'Pool');
    const auth = new SiteAuth(stack, 'SiteAuth', { stage: 'test', domainPrefix: 'pmpulse-test' });
    auth.addAppClient('d111.cloudfront.net');

    const client = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['custom:pmpulse_person', 'custom:pmpulse_groups', 'email']));
    expect(client.WriteAttributes).toEqual(['email']);
    expect(client.AllowedOAuthScopes).not.toContain('aws.cognito.signin.user.admin');
  });
});
