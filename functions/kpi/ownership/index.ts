export { applyProjectRules, ruleMatches, specificityOf, type FieldVotes, type OwnershipOptions, type PmFrom } from './project-ownership.ts';
export { FieldVoteTally } from './field-votes.ts';
