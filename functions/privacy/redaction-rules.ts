import { anonymousEmail, ERASED_NAME } from './erasure-list.ts';
import { Redactor } from './redactor.ts';
import type { ErasureSubject } from './subject.ts';

/**
 * What an erased person becomes wherever they are written: their account ids the anonymous
 * account's (`jira:5b10…` → `jira:erased-1a2b3c4d`), their e-mails its reserved address, their
 * names "Former user", and their id in the figures the id the anonymous person will have in the
 * next compute, so old and new snapshots agree.
 */

/** The smallest of the anonymous record ids: the figures merge accounts sharing an e-mail under it. */
export function anonymousIdOf(subject: ErasureSubject, token: string): string {
  return subject.accounts.map((id) => `${id.slice(0, id.indexOf(':'))}:${token}`).sort()[0]!;
}

export function redactorFor(subject: ErasureSubject, token: string): Redactor {
  const anonymousId = anonymousIdOf(subject, token);
  const exact = new Map<string, string>();
  const within = new Map<string, string>();
  for (const id of subject.accounts) {
    const colon = id.indexOf(':');
    within.set(id, `${id.slice(0, colon)}:${token}`);
    // A short bare id (a CSV row's "ana") is replaced only where it is the whole value.
    const bare = id.slice(colon + 1);
    (bare.length >= 8 ? within : exact).set(bare, token);
  }
  for (const email of subject.emails) within.set(email, anonymousEmail(token));
  for (const name of subject.names) within.set(name, ERASED_NAME);
  if (subject.configured) exact.set(subject.configured.id, anonymousId);
  return new Redactor({ exact, within });
}
