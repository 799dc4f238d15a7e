import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The domain of an address: `digest@acme.com` → `acme.com`. */
export const senderDomain = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/**
 * The SES identities a message from `address` may be authorised by, in this stack's account and
 * region: the address itself, and its domain. SES authorises SendEmail on the identity the sender
 * was verified as, which an operator may have done either way; the stack does not know which, and
 * both name this one sender only (the policy also pins `ses:FromAddress`).
 */
export function senderIdentityArns(scope: Construct, address: string): string[] {
  const stack = Stack.of(scope);
  const arn = (identity: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  return [arn(address), arn(senderDomain(address))];
}
