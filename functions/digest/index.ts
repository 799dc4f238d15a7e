export { buildDigest } from './build.ts';
export { audienceName, type Audience, type Digest, type DigestItem, type DigestSection, type DigestSettings, type SnapshotPair } from './model.ts';
export { DigestInputError, readSnapshotPair } from './read-pair.ts';
export { UnknownPmError } from './pm.ts';
export { slug } from './links.ts';
export { renderHtml } from './render/html.ts';
export { renderText } from './render/text.ts';
export { renderSlack, SLACK_LIMITS, type SlackMessage } from './render/slack.ts';
export { everyAudience, fileBase, writeDigestFiles } from './write.ts';
