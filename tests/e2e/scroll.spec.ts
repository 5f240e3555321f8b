import { test, expect, openSiteWithPopup } from './harness/fixtures';

test('collect while scrolling adds the images an infinite feed loads, until stopped', async ({ heed, sites }) => {
  const { page, popup } = await openSiteWithPopup(heed, `${sites.origin('feed.test')}/`);
  await popup.page.getByTestId('collect-while-scrolling').check();
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '3');
  await expect(popup.page.getByTestId('stop-watching')).toBeVisible();

  // Scroll the feed to its end; each page of posts is picked up by the watcher.
  for (let i = 0; i < 8; i++) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
  }
  await expect(progress).toHaveAttribute('data-found', '15', { timeout: 15_000 });
  await expect(progress).toHaveAttribute('data-state', 'running'); // still watching

  await popup.page.getByTestId('stop-watching').click();
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  const verdicts = await popup.verdicts();
  expect(verdicts).toHaveLength(15);
  expect(new Set(verdicts.map((v) => v.url)).size).toBe(15);
  expect(verdicts.every((v) => v.decision === 'permitted')).toBe(true);

  // Stopped means stopped: more scrolling adds nothing.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(1000);
  await expect(progress).toHaveAttribute('data-found', '15');
});
