import { createSiteAuthHandler, loadSiteAuth } from './site-auth/app.ts';

// Init: the app client and the session key from Secrets Manager, once per execution environment.
const loaded = await loadSiteAuth();
export const handler = createSiteAuthHandler(loaded.settings, loaded.sessionKey);
