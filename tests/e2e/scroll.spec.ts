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

// DESIGN.md §2 "one job, one page": a page that changes its address (pushState) shows another
// page, whose images the job's page signals do not speak for. The tab's update ends the watch,
// but a report the watcher sent before it reached the worker was added and judged under the old
// page's licence. Here the watcher's reports are sent as its watcher sends them, one read at an
// address that is not the job's page (the race made certain), one at the page's own.
test('collect while scrolling: images reported from another address than the job’s page are dropped, and the watch ends', async ({ heed, sites }) => {
  const { page, popup, tabId } = await openSiteWithPopup(heed, `${sites.origin('feed.test')}/`);
  await popup.page.getByTestId('collect-while-scrolling').check();
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '3');
  await expect(popup.page.getByTestId('stop-watching')).toBeVisible();
  const report = (path: string, at: string) =>
    heed.serviceWorker.evaluate(
      async ([id, url, address]) => {
        const api = (globalThis as unknown as { chrome: { scripting: { executeScript(o: object): Promise<unknown> } } }).chrome;
        await api.scripting.executeScript({
          target: { tabId: id },
          // In the watcher's own world: its job id, and the runtime it reports through.
          func: (u: string, a: string) => {
            const g = globalThis as unknown as { __heedJobId?: string; chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } };
            return g.chrome.runtime.sendMessage({ type: 'cs-bg-scan-more', jobId: g.__heedJobId, candidates: [{ url: new URL(u, location.href).href }], limit: null, page: a });
          },
          args: [url, address],
        });
      },
      [tabId, path, at] as const,
    );
  const here = page.url();
  await report('/img/p9-same-page.png', here);
  await expect(progress).toHaveAttribute('data-found', '4');
  await report('/img/p9-other-page.png', new URL('/another-article', here).href);
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(progress).toHaveAttribute('data-found', '4');
  const paths = (await popup.verdicts()).map((v) => new URL(v.url).pathname);
  expect(paths).toContain('/img/p9-same-page.png');
  expect(paths).not.toContain('/img/p9-other-page.png');
});

// DESIGN.md §2 rule 3 holds while scrolling too: images a frame loads after the collect's first
// scan answer to that frame's robots meta and headers. The watcher's reports carried no frame, so
// they were judged as the top page's images and its CC BY permitted them.
test('collect while scrolling: an image a frame loads later answers to the frame’s own opt-out (meta or header)', async ({ heed, sites }) => {
  const { page, popup } = await openSiteWithPopup(heed, `${sites.origin('frames.test')}/watch.html`);
  await popup.page.getByTestId('collect-while-scrolling').check();
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(progress).toHaveAttribute('data-found', '1');
  await expect(popup.page.getByTestId('stop-watching')).toBeVisible();
  const add = (frameName: string, src: string) =>
    page.frames().find((f) => f.url().endsWith(frameName))!.evaluate((s) => {
      const img = document.createElement('img');
      img.src = s;
      img.width = 320;
      img.height = 240;
      document.body.append(img);
    }, src);
  await add('/watch-embed.html', '/img/watch-later-meta.png');
  await add('/watch-header-embed.html', '/img/watch-later-header.png');
  await page.evaluate(() => { const img = document.createElement('img'); img.src = '/img/watch-later-top.png'; img.width = 320; img.height = 240; document.body.append(img); });
  await expect(progress).toHaveAttribute('data-found', '4', { timeout: 15_000 });
  await popup.page.getByTestId('stop-watching').click();
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  const byPath = Object.fromEntries((await popup.verdicts()).map((v) => [new URL(v.url).pathname, [v.decision, v.reasons]]));
  expect(byPath).toEqual({
    '/img/watch-top.png': ['permitted', []],
    '/img/watch-later-top.png': ['permitted', []],
    '/img/watch-later-meta.png': ['refused', ['meta-robots']],
    '/img/watch-later-header.png': ['refused', ['x-robots-tag']],
  });
});

// A frame the page adds after the watch began is covered too: an image the collect already stored
// from the top page that this new frame (its metas say noimageai) shows as well is judged again
// under it, refused, and taken out of the collection. Before, only the frames present when the
// watch began had a watcher, and the image stayed collected against the frame's refusal.
test('collect while scrolling: a frame the page adds later, showing an image already stored, refuses it and takes it out', async ({ heed, sites }) => {
  const { page, popup } = await openSiteWithPopup(heed, `${sites.origin('frames.test')}/watch.html`);
  await popup.page.getByTestId('collect-while-scrolling').check();
  await popup.page.getByTestId('collect-page').click();
  const progress = popup.page.getByTestId('collect-progress');
  await expect(popup.page.getByTestId('stop-watching')).toBeVisible();
  const top = `${sites.origin('frames.test')}/img/watch-top.png`;
  await expect.poll(async () => (await popup.verdicts()).find((v) => v.url === top)?.decision, { timeout: 15_000 }).toBe('permitted');
  // The page adds a gallery frame (noimageai) showing the same image.
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.src = '/watch-embed.html?late=1';
    frame.width = '400';
    frame.height = '300';
    frame.onload = () => {
      const img = frame.contentDocument!.createElement('img');
      img.src = '/img/watch-top.png';
      img.width = 320;
      img.height = 240;
      frame.contentDocument!.body.append(img);
    };
    document.body.append(frame);
  });
  await expect.poll(async () => (await popup.verdicts()).filter((v) => v.url === top).map((v) => v.decision), { timeout: 20_000 }).toContain('refused');
  await popup.page.getByTestId('stop-watching').click();
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  const refused = (await popup.verdicts()).find((v) => v.url === top && v.decision === 'refused');
  expect(refused?.reasons).toContain('meta-robots');
  const { manifest } = await popup.exportManifest();
  expect(manifest.items.map((i: { url: string }) => i.url)).not.toContain(top);
});
