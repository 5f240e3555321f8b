import { expect, type Page } from '@playwright/test';
import type { HeedBrowser } from './browser';

/**
 * Stop the extension's service worker the way Chromium does when it idles out, and wait until
 * the instance that was running is gone. The popup's next poll may restart the worker within
 * milliseconds, so "no worker target" alone can be missed: a token set in the old instance
 * tells a restarted one apart.
 */
export async function stopServiceWorker(heed: HeedBrowser, page: Page): Promise<void> {
  const token = `stop-${Math.random()}`;
  const workers = () => heed.context.serviceWorkers().filter((w) => w.url().includes(heed.extensionId));
  for (const w of workers()) await w.evaluate((t) => void ((globalThis as Record<string, unknown>).heedStopToken = t), token).catch(() => undefined);
  const cdp = await heed.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const oldOneRuns = async (): Promise<boolean> => {
    const targets = (await cdp.send('Target.getTargets')).targetInfos;
    if (!targets.some((t) => t.type === 'service_worker' && t.url.includes(heed.extensionId))) return false;
    for (const w of workers()) {
      const probe = w.evaluate((t) => (globalThis as Record<string, unknown>).heedStopToken === t, token);
      const answer = await Promise.race([probe.catch(() => false), new Promise<false>((r) => setTimeout(() => r(false), 1000))]);
      if (answer) return true;
    }
    return false;
  };
  await expect.poll(oldOneRuns, { timeout: 15_000 }).toBe(false);
  await cdp.detach();
}
