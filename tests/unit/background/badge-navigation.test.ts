import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showStatusBadge } from '@/entrypoints/background/badge';

/** Run the worker's script (entrypoints/background/index.ts) against the fake browser; its webRequest and menus are not heard here. */
async function startWorker() {
  for (const event of [fakeBrowser.webRequest.onHeadersReceived, fakeBrowser.webRequest.onBeforeRedirect]) vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
  const worker = (await import('@/entrypoints/background/index')).default as unknown as { main: () => void };
  worker.main();
}

// The page changed its address without loading a new document (history.pushState, a new
// #fragment): the browser keeps a tab's badge across such a change, and Heed read nothing new,
// so the badge went on saying the previous address was OK while the tab showed another page.
describe('the badge after the page changes its address without loading', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('the previous address’s OK is taken down', async () => {
    await startWorker();
    const tab = await fakeBrowser.tabs.create({ url: 'https://spa.example/open' });
    await showStatusBadge(tab.id!, 'permitted');
    expect(await browser.action.getBadgeText({ tabId: tab.id! })).toBe('OK');
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { url: 'https://spa.example/members' }, { ...tab, url: 'https://spa.example/members', status: 'complete' });
    await vi.waitFor(async () => expect(await browser.action.getBadgeText({ tabId: tab.id! })).toBe(''));
  });
});
