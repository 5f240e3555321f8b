import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureMainFrameHeaders, forgetTab, getTabState, updateTabState } from '@/entrypoints/background/tab-state';
import type { PageSignals } from '@/utils/page/page-signals';

const url = 'https://alpha.test/page.html';
const signals = { url } as unknown as PageSignals;
const headers = { 'x-robots-tag': ['noai'] };

/** The main-frame header observer captureMainFrameHeaders installs, to call with events. */
function listenMainFrame(): (details: object) => void {
  let heard: ((details: object) => void) | undefined;
  vi.spyOn(fakeBrowser.webRequest.onHeadersReceived, 'addListener').mockImplementation(((listener: (details: object) => void) => {
    heard = listener;
  }) as never);
  captureMainFrameHeaders();
  return (details) => heard!(details);
}

describe('updateTabState', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps both of two updates made at once: the header observer and the page signals do not erase each other', async () => {
    await Promise.all([updateTabState(1, url, { headers }), updateTabState(1, url, { signals })]);
    const state = await getTabState(1);
    expect(state?.headers).toEqual(headers);
    expect(state?.signals).toEqual(signals);
  });

  it('keeps both when the two updates come from two copies of the module: the worker\'s script and its services script (issue 17)', async () => {
    // The header observer runs in the worker's own script, the page signals are written by the
    // services script it loads later: each bundles its own copy of this module.
    vi.resetModules();
    const copy = await import('@/entrypoints/background/tab-state');
    expect(copy.updateTabState).not.toBe(updateTabState); // two copies indeed
    await Promise.all([updateTabState(1, url, { headers }), copy.updateTabState(1, url, { signals })]);
    const state = await getTabState(1);
    expect(state?.headers).toEqual(headers);
    expect(state?.signals).toEqual(signals);
  });

  it('a new page in the tab resets what was known about the old one', async () => {
    await updateTabState(1, url, { headers });
    await updateTabState(1, 'https://alpha.test/other.html', { signals });
    expect(await getTabState(1)).toEqual({ pageUrl: 'https://alpha.test/other.html', signals, headers: null });
  });

  it('tabs are independent', async () => {
    await Promise.all([updateTabState(1, url, { headers }), updateTabState(2, url, { signals })]);
    expect((await getTabState(1))?.signals).toBeNull();
    expect((await getTabState(2))?.headers).toBeNull();
  });
});

describe('forgetTab', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a closed tab stays forgotten when an update for it was still on its way', async () => {
    await Promise.all([updateTabState(1, url, { headers }), forgetTab(1)]);
    expect(await getTabState(1)).toBeNull();
  });
});

// A main-frame response is a new document in the tab: the page reloaded (or was loaded again at
// the same address). The signals the always-on script read from the document before stayed in
// the tab's state, and the popup's reading fell back on them when the new document could not be
// scripted yet: the old document's metas judged a page that now says noai.
describe('the page loaded again at the same address', () => {
  beforeEach(() => fakeBrowser.reset());

  it('the signals read from the document before are forgotten, its new headers kept', async () => {
    const heard = listenMainFrame();
    await updateTabState(1, url, { signals });
    heard({ tabId: 1, url, responseHeaders: [{ name: 'X-Robots-Tag', value: 'noai' }] });
    await vi.waitFor(async () => expect((await getTabState(1))?.headers).not.toBeNull());
    const state = await getTabState(1);
    expect(state?.signals).toBeNull();
    expect(state?.headers?.['x-robots-tag']).toBeDefined();
  });
});

// An observer event without its responseHeaders (none asked for them is known to omit them, but
// nothing guarantees it): read as a page answered with no header, its noai was lost.
describe('a main-frame event that carries no response headers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records no headers for the page, so they are requested again rather than read as none', async () => {
    const heard = listenMainFrame();
    await updateTabState(1, url, { signals });
    heard({ tabId: 1, url });
    await vi.waitFor(async () => expect((await getTabState(1))?.signals).toBeNull());
    const state = await getTabState(1);
    expect(state?.headers).toBeNull();
    expect(state?.served ?? null).toBeNull();
  });
});
