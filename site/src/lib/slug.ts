/**
 * Source ids ("jira:acct:5b10…", "pm/ä 1") become URL path segments and file names. The rule lives
 * with the access rules (functions/access/person-path.ts), because the session must name a PM's
 * page exactly as the build does: safe ids pass unchanged, anything else is reduced to [a-z0-9-]
 * plus a short hash of the original, so two ids never share a slug.
 */
export { personPathSegment as slug } from '../../../functions/access/person-path.ts';
