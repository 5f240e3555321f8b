import { defineConfig } from '@playwright/test';

// One worker: the machines have 2 cores and each test runs its own browser.
// Two projects: the Chromium suite (tests/e2e/*.spec.ts, Playwright's own driver on Debian's
// Chromium) and the Firefox suite (tests/e2e/firefox/, puppeteer-core over WebDriver BiDi on
// Debian's Firefox ESR); `playwright test` runs both, `--project` picks one.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  retries: 0,
  projects: [
    { name: 'chromium', testIgnore: 'firefox/**' },
    { name: 'firefox', testMatch: 'firefox/**/*.spec.ts' },
  ],
});
