import { createSiteAuthHandler, loadSiteAuth } from './site-auth/app.ts';

// Init: the app client id from Secrets Manager once per execution environment; the session key is re-read every few minutes.
const loaded = await loadSiteAuth();
export const handler = createSiteAuthHandler(loaded.settings, loaded.sessionKey);
