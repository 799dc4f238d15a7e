import type { Config } from '../config/schema.ts';
import type { ErasureSubject } from './subject.ts';

/**
 * Where the config file still names an erased person. pmpulse never edits the config (it is the
 * operator's file, often in version control), so `forget` says what to remove; until it is gone
 * a `people[]` entry or a project rule would bring the name back at the next compute.
 */
export function configMentions(config: Config, subject: ErasureSubject): string[] {
  const ids = new Set([subject.requested, ...subject.accounts, ...(subject.configured ? [subject.configured.id] : [])]);
  const emails = new Set(subject.emails);
  const names = new Set(subject.names.map((name) => name.toLowerCase()));
  const named = (text: string | undefined): boolean =>
    text !== undefined && (ids.has(text) || emails.has(text.trim().toLowerCase()) || names.has(text.trim().toLowerCase()));
  const mentions: string[] = [];
  config.people.forEach((person, i) => {
    if (named(person.id) || named(person.email) || named(person.name) || person.aliases.some(named)) mentions.push(`people[${i}] (id ${person.id}): remove the entry`);
  });
  (config.projectRules ?? []).forEach((rule, i) => {
    if (named(rule.pm)) mentions.push(`projectRules[${i}].pm: name another PM or drop the rule`);
  });
  config.sources.forEach((source, i) => {
    if ('email' in source && named(source.email)) mentions.push(`sources[${i}].email (${source.name}): the API account is theirs; give the source another account`);
  });
  return mentions;
}
