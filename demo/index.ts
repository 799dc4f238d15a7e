export * from './generator/index.ts';
export * from './servers/index.ts';
