import { PrivacyConfigSchema, type PrivacyConfig } from '../../../functions/config/privacy.ts';

/** The environment variable carrying the config's `privacy` block (JSON) into the build; absent: the defaults. */
export const PRIVACY_ENV = 'PMPULSE_SITE_PRIVACY';

/** The privacy settings the pages are built with; a bad value was already refused by the config loader, so this one throws plainly. */
export function privacySettings(env: NodeJS.ProcessEnv = process.env): PrivacyConfig {
  const raw = env[PRIVACY_ENV];
  return PrivacyConfigSchema.parse(raw ? JSON.parse(raw) : {});
}
