import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { personPathSegment } from '../../access/person-path.ts';
import { PERSON_CLAIM } from '../site-auth/roles.ts';

/** One user of a group as ListUsersInGroup answers it (the fields read here). */
export interface GroupUser {
  Username?: string | undefined;
  Attributes?: { Name?: string | undefined; Value?: string | undefined }[] | undefined;
  Enabled?: boolean | undefined;
  UserStatus?: string | undefined;
}

/** Every user of one group, page by page (NextToken). */
export type ListGroup = (group: string) => AsyncIterable<GroupUser>;

/** The e-mail addresses each digest goes to, from the site's groups. */
export interface GroupRecipients {
  leadership: string[];
  strategy: string[];
  /** By the PM's id in managers.json: only the people the site lets open that PM's page. */
  pm: Map<string, string[]>;
  /** Users left out, with why (no addresses: usernames only, for the log). */
  skipped: { group: string; username: string; reason: string }[];
}

/**
 * Recipients from the Cognito groups the site's roles come from: group `leadership` gets the
 * leadership digest, `strategy` the strategy digest, and each user of group `pm` the digest of the
 * one PM whose page the site lets them open: the manager whose page segment equals the segment of
 * their `custom:pmpulse_person` (the comparison the edge makes, access/person-path.ts). So a PM's
 * digest reaches only that PM, and a PM with no person id gets none.
 *
 * Left out: disabled users (cut off from the site, cut off from its mail), users without an
 * e-mail, and Cognito users whose e-mail is not verified (a user may change their own address;
 * until verified it is not known to be theirs). A federated user's address comes from the
 * identity provider at each sign-in and Cognito never verifies it, so it is taken as it is.
 */
export async function recipientsFromGroups(list: ListGroup, pmIds: readonly string[]): Promise<GroupRecipients> {
  const result: GroupRecipients = { leadership: [], strategy: [], pm: new Map(), skipped: [] };
  const pmBySegment = new Map(pmIds.map((id) => [personPathSegment(id), id]));
  for (const group of ['leadership', 'strategy', 'pm'] as const) {
    for await (const user of list(group)) {
      const username = user.Username ?? '(no username)';
      const skip = (reason: string) => result.skipped.push({ group, username, reason });
      const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value?.trim();
      const email = attribute('email')?.toLowerCase();
      if (user.Enabled === false) { skip('disabled'); continue; }
      if (!email) { skip('no e-mail address'); continue; }
      if (user.UserStatus !== 'EXTERNAL_PROVIDER' && attribute('email_verified') !== 'true') { skip('e-mail address not verified'); continue; }
      if (group !== 'pm') { addOnce(result[group], email); continue; }
      const person = attribute(PERSON_CLAIM);
      if (!person) { skip(`no ${PERSON_CLAIM}`); continue; }
      const pmId = pmBySegment.get(personPathSegment(person));
      if (pmId === undefined) { skip(`${PERSON_CLAIM} names no PM of the snapshot`); continue; }
      addOnce(result.pm.get(pmId) ?? result.pm.set(pmId, []).get(pmId)!, email);
    }
  }
  return result;
}

function addOnce(list: string[], email: string): void {
  if (!list.includes(email)) list.push(email);
}

/** Where and as whom the SDK client calls; the default chain and region when empty. */
export type CognitoClientConfig = ConstructorParameters<typeof CognitoIdentityProviderClient>[0];

/**
 * ListUsersInGroup of one user pool through the SDK client, following NextToken. The client is
 * loaded on first use, so a function whose recipients come from the config never loads it (the
 * Lambda runtime provides it).
 */
export function cognitoGroupLister(userPoolId: string, clientConfig: CognitoClientConfig = {}): { list: ListGroup; close: () => void } {
  let client: CognitoIdentityProviderClient | undefined;
  return {
    async *list(group: string) {
      const sdk = await import('@aws-sdk/client-cognito-identity-provider');
      client ??= new sdk.CognitoIdentityProviderClient(clientConfig);
      let token: string | undefined;
      do {
        const page = await client.send(new sdk.ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, Limit: 60, ...(token ? { NextToken: token } : {}) }));
        yield* page.Users ?? [];
        token = page.NextToken;
      } while (token);
    },
    close: () => client?.destroy(),
  };
}
