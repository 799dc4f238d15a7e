import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personPathSegment } from '../../functions/access/person-path.ts';
import { cognitoGroupLister, recipientsFromGroups } from '../../functions/handlers/digest/cognito-recipients.ts';
import { startCognitoServer, user } from './cognito-server.ts';

/**
 * Recipients from the site's groups through the real SDK client against the Cognito stand-in.
 * PM ids in a real config are often e-mail addresses, which the site turns into hashed page
 * segments: a PM's digest goes to whoever the edge would let open that page, and to no one whose
 * id merely starts the same.
 */
const POOL = 'eu-west-1_Recipients';
const pmIds = ['ana@acme.com', 'ana@acme.com.au', 'bo'];
let cognito: Awaited<ReturnType<typeof startCognitoServer>>;
let lister: ReturnType<typeof cognitoGroupLister>;

beforeAll(async () => {
  cognito = await startCognitoServer(POOL, {
    leadership: [user('boss', 'Boss@Acme.com'), user('boss-again', 'boss@acme.com')],
    strategy: [],
    pm: [
      user('ana', 'ana@acme.com', { person: 'ana@acme.com' }),
      user('ana-au', 'ana@acme.com.au', { person: 'ana@acme.com.au' }),
      user('ana-prefix', 'fake@acme.com', { person: 'ana@acme.co' }),
      user('bo', 'bo@acme.com', { person: 'bo' }),
      user('bo-too', 'bo.deputy@acme.com', { person: 'bo' }),
    ],
  });
  lister = cognitoGroupLister(POOL, { region: 'eu-west-1', endpoint: cognito.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});

afterAll(async () => {
  lister.close();
  await cognito.close();
});

describe('recipients from the Cognito groups', () => {
  it('gives each PM the people whose person id opens that PM\'s page, and no one else', async () => {
    // The ids are not plain page segments: the site hashes them, and so does the match.
    expect(personPathSegment('ana@acme.com')).not.toBe('ana@acme.com');

    const recipients = await recipientsFromGroups(lister.list, pmIds);

    expect(Object.fromEntries(recipients.pm)).toEqual({
      'ana@acme.com': ['ana@acme.com'],
      'ana@acme.com.au': ['ana@acme.com.au'],
      bo: ['bo@acme.com', 'bo.deputy@acme.com'],
    });
    expect(recipients.skipped).toEqual([{ group: 'pm', username: 'ana-prefix', reason: 'custom:pmpulse_person names no PM of the snapshot' }]);
    // One address once, whatever its case; an empty group is no error.
    expect(recipients.leadership).toEqual(['boss@acme.com']);
    expect(recipients.strategy).toEqual([]);
  });

  it('stops with the service\'s error when the group does not exist', async () => {
    const missing = cognitoGroupLister('eu-west-1_Other', { region: 'eu-west-1', endpoint: cognito.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    await expect(recipientsFromGroups(missing.list, pmIds)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    missing.close();
  });
});
