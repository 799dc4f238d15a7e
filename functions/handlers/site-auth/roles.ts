import { personPathSegment } from '../../access/person-path.ts';
import { ROLES, type Role } from '../../access/role-rules.ts';

/**
 * Where the ID token names a person's site roles and, for a PM, their `people[]` id.
 * Cognito users: the pool's groups (`cognito:groups`) and the custom attribute an administrator sets.
 * Federated users: the provider's group claim and person claim, which the stack maps onto the two
 * custom attributes below (the provider's claim names are stack settings).
 */
export const GROUPS_CLAIM = 'cognito:groups';
export const FEDERATED_GROUPS_CLAIM = 'custom:pmpulse_groups';
export const PERSON_CLAIM = 'custom:pmpulse_person';

export interface SiteIdentity {
  roles: Role[];
  /** The path segment of the PM's own page: what the edge compares `/pm/{person}/` with. */
  person?: string;
}

/** The known roles among the token's groups (unknown groups are ignored) and the PM's page segment. */
export function identityFromClaims(claims: Record<string, unknown>): SiteIdentity {
  const groups = [...groupList(claims[GROUPS_CLAIM]), ...groupList(claims[FEDERATED_GROUPS_CLAIM])];
  const roles = ROLES.filter((role) => groups.includes(role));
  const person = claims[PERSON_CLAIM];
  // The segment is [A-Za-z0-9_-] whatever the id holds, so it can never reach outside /pm/<segment>/.
  return { roles, ...(typeof person === 'string' && person.trim() ? { person: personPathSegment(person) } : {}) };
}

/**
 * Cognito gives its own groups as an array; a provider's multi-valued claim arrives in a custom
 * attribute as text, `[leadership, pm]` or `["leadership","pm"]` or `leadership,pm`.
 */
function groupList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(/[,\s]+/)
    .map((part) => part.replace(/^"|"$/g, ''))
    .filter(Boolean);
}
