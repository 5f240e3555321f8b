import { test as base, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { launchHeed, type HeedBrowser } from './browser';
import { startSiteServer, type SiteServer } from './server';
import { PopupPage, openSiteWithPopup } from './popup-page';

export const SITES_DIR = resolve(import.meta.dirname, '../sites');

/** `heed`: a fresh Chromium profile with Heed loaded; `sites`: the multi-host fixture server. */
export const test = base.extend<{ heed: HeedBrowser }, { sites: SiteServer }>({
  sites: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const server = await startSiteServer(SITES_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above
  heed: async ({}, use) => {
    const heed = await launchHeed();
    await use(heed);
    await heed.context.close();
  },
});
export { expect, PopupPage, openSiteWithPopup };

/** Open `url` in a tab, then the popup bound to that tab. */
