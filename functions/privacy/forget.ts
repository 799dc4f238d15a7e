import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.ts';
import type { Person } from '../domain/index.ts';
import type { ReportStore } from '../publish/report-store.ts';
import { ErasureTable } from '../store/erasure-table.ts';
import type { Store } from '../store/store.ts';
import { configMentions } from './config-mentions.ts';
import { accountKey, emailKey, erasureDigest, ErasureList } from './erasure-list.ts';
import { anonymousIdOf, redactorFor } from './redaction-rules.ts';
import { sweepReports, type ReportSweep } from './report-sweep.ts';
import { sweepStore, type StoreSweepCounts } from './store-sweep.ts';
import { findSubject, type ErasureSubject } from './subject.ts';

/** An erasure request that cannot be carried out as asked (exit 2: nothing was changed). */
export class ForgetError extends Error {
  override name = 'ForgetError';
  /** 2: bad request; 0: nothing left to do (the person was erased before). */
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface ForgetInput {
  config: Config;
  store: Store;
  reports: ReportStore;
  now: () => Date;
  /** A `people[]` id or `<source>:<account id>`. */
  person: string;
  /** Throws when the sync lease the caller holds was lost (another run may be writing). */
  assertHeld?: () => void;
}

export interface ForgetReport {
  subject: ErasureSubject;
  /** The anonymous account the person's records now carry in every source (`<source>:<token>`). */
  token: string;
  /** The id the anonymous person has in the figures (the smallest of its record ids). */
  anonymousId: string;
  /** True when an earlier erasure had listed these accounts (this run completed or repeated it). */
  alreadyListed: boolean;
  store: StoreSweepCounts;
  reports: ReportSweep;
  /** Where the config file still names the person. */
  configMentions: string[];
}

/**
 * A GDPR erasure: lists the person's accounts (digests only) so no later sync stores them again,
 * removes their identity from the store and re-attributes their work to an anonymous account,
 * then rewrites every retained report document. In that order, so a crash half-way leaves them
 * listed and a second run finishes the rest.
 */
export async function forgetPerson(input: ForgetInput): Promise<ForgetReport> {
  const table = ErasureTable.of(input.store);
  if (!table) throw new ForgetError('erasure needs the DynamoDB store (embedded or dynamodb)');
  const people = await storedPeople(input.store);
  const list = new ErasureList(await table.read());
  const subject = findSubject(input.config, people, input.person);
  if (!subject && (list.tokenForAccount(input.person) ?? list.tokenForEmail(input.person)) !== undefined) {
    throw new ForgetError(`"${input.person}" was erased before (it is on the erasure list): nothing left to do`, 0);
  }
  if (!subject) throw new ForgetError(`no person "${input.person}": give a people[] id from the config or a stored account as <source>:<account id>; nothing changed`);
  if (subject.accounts.length === 0) throw new ForgetError(`"${input.person}" has no source account in the config or the store: nothing to erase`);
  const secret = await table.secret();
  const keys = [...subject.accounts.map(accountKey), ...subject.emails.map(emailKey)];
  const known = keys.map((key) => list.tokenFor(key)).find((token) => token !== undefined);
  const token = known ?? `erased-${randomBytes(4).toString('hex')}`;
  input.assertHeld?.();
  const erasedAt = input.now().toISOString();
  await table.addEntries(keys.map((key) => ({ digest: erasureDigest(secret, key), token, erasedAt })));
  const redactor = redactorFor(subject, token);
  input.assertHeld?.();
  const store = await sweepStore(table, redactor, new Set(subject.accounts), token);
  input.assertHeld?.();
  const reports = await sweepReports(input.reports, redactor);
  return { subject, token, anonymousId: anonymousIdOf(subject, token), alreadyListed: known !== undefined, store, reports, configMentions: configMentions(input.config, subject) };
}

async function storedPeople(store: Store): Promise<Person[]> {
  const people: Person[] = [];
  for await (const page of store.scanRecords('person')) people.push(...page);
  return people;
}
