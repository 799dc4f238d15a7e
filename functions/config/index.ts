export * from './schema.ts';
export { ConfigError, isConfigError, loadConfig, parseConfig, readToken } from './load.ts';
