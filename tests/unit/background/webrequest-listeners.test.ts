import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { redirectOf, watchRedirects } from '@/entrypoints/background/redirect-hops';
import { captureMainFrameHeaders } from '@/entrypoints/background/tab-state';

type Filter = { urls: string[]; types?: string[]; tabId?: number };

/**
 * Issue 17: a webRequest listener reaches the worker for every request its filter lets through,
 * on every page the user browses. On the Chromium build the worker may hear every main-frame
 * response (the page's own opt-out headers) and every redirect, never every response: a listener
 * for each response of each page cost 190 ms of worker time on a 1,272-request page. (Chromium
 * reads a filter's `tabId: -1` as "any tab", so it cannot narrow one to the worker's own requests.)
 */
describe('webRequest listeners on the Chromium build', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('onHeadersReceived hears main-frame responses only; redirects are heard through onBeforeRedirect', () => {
    // WXT's fake browser has no webRequest: the registrations are recorded instead.
    const headers = vi.spyOn(fakeBrowser.webRequest.onHeadersReceived, 'addListener').mockImplementation(() => undefined);
    const redirects = vi.spyOn(fakeBrowser.webRequest.onBeforeRedirect, 'addListener').mockImplementation(() => undefined);
    captureMainFrameHeaders();
    watchRedirects();
    const headerFilters = headers.mock.calls.map((call) => call[1] as Filter);
    expect(headerFilters.length).toBeGreaterThan(0);
    for (const filter of headerFilters) expect(filter.types).toEqual(['main_frame']);
    expect(redirects).toHaveBeenCalledTimes(1);
  });
});

/** The redirect observer watchRedirects installs, to call with events. */
function listenRedirects(): (details: object) => void {
  let heard: ((details: object) => void) | undefined;
  vi.spyOn(fakeBrowser.webRequest.onBeforeRedirect, 'addListener').mockImplementation(((listener: (details: object) => void) => {
    heard = listener;
  }) as never);
  watchRedirects();
  return (details) => heard!(details);
}

describe('redirect hops across the worker\'s two scripts (issue 17)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('a redirect the worker\'s script heard is found by the services script\'s copy of the module', async () => {
    const heard = listenRedirects();
    const since = Date.now();
    heard({ requestId: 'r1', tabId: -1, url: 'https://alpha.test/a.jpg', redirectUrl: 'https://cdn.test/a.jpg', responseHeaders: [{ name: 'x-robots-tag', value: 'noai' }] });
    // The services script bundles its own copy of redirect-hops.ts.
    vi.resetModules();
    const copy = await import('@/entrypoints/background/redirect-hops');
    expect(copy.redirectOf).not.toBe(redirectOf);
    const hop = await copy.redirectOf('https://alpha.test/a.jpg', since, 0);
    expect(hop?.location).toBe('https://cdn.test/a.jpg');
  });
});

describe('redirect hops of two requests for the same URL (two collects at once)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('a redirect answered with noai to one request keeps its noai when another request for the URL was answered without it', async () => {
    const heard = listenRedirects();
    const since = Date.now();
    const url = 'https://alpha.test/same.jpg';
    heard({ requestId: 'mine', tabId: -1, url, redirectUrl: 'https://cdn.test/same.jpg', responseHeaders: [{ name: 'x-robots-tag', value: 'noai' }] });
    heard({ requestId: 'other-collect', tabId: -1, url, redirectUrl: 'https://cdn.test/same.jpg', responseHeaders: [{ name: 'cache-control', value: 'max-age=60' }] });
    const hop = await redirectOf(url, since, 0);
    expect(hop?.location).toBe('https://cdn.test/same.jpg');
    expect(hop?.headers['x-robots-tag']).toEqual(['noai']);
  });

  it('unchanged: one request’s redirect is read with its own headers', async () => {
    const heard = listenRedirects();
    const since = Date.now();
    const url = 'https://alpha.test/alone.jpg';
    heard({ requestId: 'alone', tabId: -1, url, redirectUrl: 'https://cdn.test/alone.jpg', responseHeaders: [{ name: 'cache-control', value: 'max-age=60' }] });
    const hop = await redirectOf(url, since, 0);
    expect(hop?.headers).toEqual({ 'cache-control': ['max-age=60'] });
  });
});
