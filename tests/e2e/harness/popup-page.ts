import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openPopup, tabIdFor, type HeedBrowser } from './browser';

export interface VerdictRow {
  url: string;
  decision: string;
  reasons: string[];
}

/** Popup page object: read the site status and the verdict rows. */
export class PopupPage {
  constructor(readonly page: Page) {}

  async siteStatus(): Promise<string> {
    return (await this.page.getByTestId('site-status').getAttribute('data-status')) ?? '';
  }

  async siteReasons(): Promise<string[]> {
    return this.page.getByTestId('site-reasons').locator('[data-reason]').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason') ?? ''));
  }

  /** Press Collect and wait until the job is no longer running. */
  async collect(): Promise<VerdictRow[]> {
    const progress = this.page.getByTestId('collect-progress');
    const previousJob = (await progress.getAttribute('data-job-id')) ?? '';
    await this.page.getByTestId('collect-page').click();
    await expect(progress).not.toHaveAttribute('data-job-id', previousJob);
    await expect(progress).toHaveAttribute('data-state', /done|error/, { timeout: 45_000 });
    // Fixture pages are within the scan's caps: nothing left out to tell the user about.
    await expect(this.page.getByTestId('collect-note')).toHaveCount(0);
    return this.verdicts();
  }

  async verdicts(): Promise<VerdictRow[]> {
    return this.page.getByTestId('verdict').evaluateAll((els) =>
      els.map((e) => ({
        url: e.getAttribute('data-url') ?? '',
        decision: e.getAttribute('data-decision') ?? '',
        reasons: (e.getAttribute('data-reasons') ?? '').split(' ').filter(Boolean),
      })),
    );
  }

  /** Click an export button (`export-json`, `export-hf`, …) and return the downloaded file. */
  async download(testId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 60_000 }), this.page.getByTestId(testId).click()]);
    return { fileName: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  }

  /** Click Export JSON and parse the downloaded manifest. */
  async exportManifest(): Promise<{ fileName: string; text: string; manifest: any }> {
    const { fileName, bytes } = await this.download('export-json');
    const text = bytes.toString('utf8');
    return { fileName, text, manifest: JSON.parse(text) };
  }
}

/** Open `url` in a tab, then the popup bound to that tab. */
export async function openSiteWithPopup(heed: HeedBrowser, url: string): Promise<{ page: Page; popup: PopupPage; tabId: number }> {
  const page = await heed.context.newPage();
  await page.goto(url);
  const tabId = await tabIdFor(heed, page);
  const popup = new PopupPage(await openPopup(heed, tabId));
  return { page, popup, tabId };
}
