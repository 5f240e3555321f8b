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

/** Change one setting in the library's settings form (`field`: its data-testid) and save it. */
export async function saveSetting(heed: HeedBrowser, field: string, value: string): Promise<void> {
  await changeSettings(heed, (page) => page.getByTestId(field).fill(value));
}

/** Choose one option of a setting's list (`field`: its data-testid) and save it, as a user sets it. */
export async function chooseSetting(heed: HeedBrowser, field: string, value: string): Promise<void> {
  await changeSettings(heed, (page) => page.getByTestId(field).selectOption(value));
}

async function changeSettings(heed: HeedBrowser, change: (page: Page) => Promise<unknown>): Promise<void> {
  const page = await openLibrary(heed);
  await page.getByTestId('nav-settings').click();
  await change(page);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
  await page.close();
}
