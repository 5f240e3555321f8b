import { expect, type Page } from '@playwright/test';
import type { HeedBrowser } from './browser';

/** Open the library (the options page) in a tab and wait until its item count is known. */
export async function openLibrary(heed: HeedBrowser, query = ''): Promise<Page> {
  const page = await heed.context.newPage();
  await page.goto(`chrome-extension://${heed.extensionId}/options.html${query}`);
  await expect(page.getByTestId('library-count')).not.toHaveAttribute('data-count', '');
  return page;
}

/** The number of items the library says it shows. */
export async function libraryCount(page: Page): Promise<number> {
  const count = page.getByTestId('library-count');
  await expect(count).not.toHaveAttribute('data-count', '');
  return Number(await count.getAttribute('data-count'));
}
