import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: more workers only contend (store, site build and Chromium tests are heavy).
    maxWorkers: 2,
    env: { TZ: 'UTC' },
    // s3rver (the local S3 in the report-store tests) pages ListObjectsV2 with a cipher OpenSSL 3 only offers as legacy.
    execArgv: ['--openssl-legacy-provider'],
  },
});
