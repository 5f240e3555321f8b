import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { test, expect, openSiteWithPopup } from './harness/fixtures';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

test.describe('popup', () => {
  for (const [host, status] of [
    ['museum.test', 'permitted'],
    ['signals.test', 'restricted'],
    ['optout-meta.test', 'blocked'],
    ['plain.test', 'unknown'],
  ] as const) {
    test(`${status} site: no serious or critical accessibility violations, before and after Collect`, async ({ heed, sites }) => {
      const { popup } = await openSiteWithPopup(heed, `${sites.origin(host)}/`);
      expect(await popup.siteStatus()).toBe(status);
      const audit = async () => {
        const { violations } = await new AxeBuilder({ page: popup.page }).analyze();
        return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      };
      expect(await audit()).toEqual([]);
      await popup.collect();
      expect(await audit()).toEqual([]);
      await popup.page.screenshot({ path: resolve(SHOTS, `popup-${status}.png`), fullPage: true });
    });
  }

  test('thumbnails are read only for rows near the visible list, and as it scrolls', async ({ heed, sites }) => {
    const { popup } = await openSiteWithPopup(heed, `${sites.origin('many.test')}/?n=120`);
    const verdicts = await popup.collect();
    expect(verdicts.filter((v) => v.decision === 'permitted')).toHaveLength(120);
    const thumbs = popup.page.locator('img.thumb');
    await expect(thumbs.first()).toBeVisible();
    const first = await thumbs.count();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(60); // not 120 blobs read for a list a few rows tall
    await popup.page.getByTestId('verdict').last().scrollIntoViewIfNeeded();
    await expect(popup.page.getByTestId('verdict').last().locator('img.thumb')).toBeVisible();
    expect(await thumbs.count()).toBeGreaterThan(first);
  });

  test('is operable by keyboard: Tab reaches Collect and Enter starts it', async ({ heed, sites }) => {
    const { popup } = await openSiteWithPopup(heed, `${sites.origin('museum.test')}/`);
    await popup.siteStatus();
    const collect = popup.page.getByTestId('collect-page');
    for (let i = 0; i < 10 && !(await collect.evaluate((el) => el === document.activeElement)); i++) await popup.page.keyboard.press('Tab');
    await expect(collect).toBeFocused();
    await popup.page.keyboard.press('Enter');
    await expect(popup.page.getByTestId('collect-progress')).toHaveAttribute('data-state', 'done');
  });

  test('hostile page text is shown as text, never as markup', async ({ heed, sites }) => {
    const { popup } = await openSiteWithPopup(heed, `${sites.origin('hostile.test')}/`);
    let dialogs = 0;
    popup.page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await popup.collect();
    // No element the page's text tried to inject exists in the popup.
    expect(await popup.page.locator('main img[src="x"], main script').count()).toBe(0);
    expect(dialogs).toBe(0);
  });
});
