import { defineConfig } from '@playwright/test';

// One worker: the machines have 2 cores and each test runs its own Chromium.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  retries: 0,
});
