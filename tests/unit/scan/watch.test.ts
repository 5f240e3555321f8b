import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import { watchForImages } from '../../../utils/scan/watch';
import type { ImageCandidate } from '../../../utils/policy/verdict';

const PAGE = 'https://feed.example/';

// linkedom delivers MutationObserver records on a timer; flush it and the watcher's throttle.
const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await vi.advanceTimersByTimeAsync(500);
  }
};

describe('watchForImages', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports images added after it starts, once each, and stops cleanly', async () => {
    const { document } = parseHTML('<html><body><main><img src="first.jpg"></main></body></html>');
    const batches: string[][] = [];
    const stop = watchForImages(document as unknown as Document, PAGE, (cs: ImageCandidate[]) => batches.push(cs.map((c) => c.url)), { throttleMs: 100 });
    await settle();
    expect(batches).toEqual([]); // the first scan belongs to Collect

    const main = document.querySelector('main')!;
    main.insertAdjacentHTML('beforeend', '<article><img src="second.jpg"><img src="first.jpg"></article>');
    await settle();
    expect(batches).toEqual([['https://feed.example/second.jpg']]);

    main.querySelector('article img')!.setAttribute('data-src', 'lazy-third.jpg'); // a lazy library's swap
    main.querySelector('article img')!.setAttribute('src', 'third.jpg');
    await settle();
    expect(batches.at(-1)).toEqual(['https://feed.example/lazy-third.jpg']);

    stop();
    stop(); // idempotent
    main.insertAdjacentHTML('beforeend', '<img src="after-stop.jpg">');
    await settle();
    expect(batches.flat()).not.toContain('https://feed.example/after-stop.jpg');
  });

  it('stops reporting once the page changed address (history.pushState): its images belong to another page', async () => {
    const { document } = parseHTML('<html><body><main><img src="first.jpg"></main></body></html>');
    const location = { href: PAGE };
    Object.defineProperty(document, 'location', { value: location, configurable: true });
    const batches: string[][] = [];
    watchForImages(document as unknown as Document, PAGE, (cs: ImageCandidate[]) => batches.push(cs.map((c) => c.url)), { throttleMs: 100 });
    const main = document.querySelector('main')!;
    main.insertAdjacentHTML('beforeend', '<img src="same-page.jpg">');
    await settle();
    expect(batches).toEqual([['https://feed.example/same-page.jpg']]);
    location.href = 'https://feed.example/other-user'; // a single-page app moved on
    main.insertAdjacentHTML('beforeend', '<img src="other-page.jpg">');
    await settle();
    expect(batches.flat()).not.toContain('https://feed.example/other-page.jpg');
  });

  it('can report the initial images, and survives a listener that throws', async () => {
    const { document } = parseHTML('<html><body><img src="a.jpg"></body></html>');
    const seen: string[] = [];
    const stop = watchForImages(
      document as unknown as Document,
      PAGE,
      (cs) => {
        seen.push(...cs.map((c) => c.url));
        throw new Error('listener bug');
      },
      { emitInitial: true, throttleMs: 50 },
    );
    document.body.insertAdjacentHTML('beforeend', '<img src="b.jpg">');
    await settle();
    expect(seen).toEqual(['https://feed.example/a.jpg', 'https://feed.example/b.jpg']);
    stop();
  });

  it('keeps finding new images once the feed holds more than one scan takes: images reported before do not count', async () => {
    const imgs = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `<img src="p${from + i}.jpg">`).join('');
    const { document } = parseHTML(`<html><body><main>${imgs(0, 3)}</main></body></html>`);
    const batches: string[][] = [];
    const stop = watchForImages(document as unknown as Document, PAGE, (cs) => batches.push(cs.map((c) => c.url.slice(PAGE.length))), { throttleMs: 100, maxCandidates: 3 });
    const main = document.querySelector('main')!;
    main.insertAdjacentHTML('beforeend', imgs(3, 5));
    await settle();
    main.insertAdjacentHTML('beforeend', imgs(5, 9));
    await settle();
    stop();
    // The cap is per scan: three new images each time, the fourth on the next rescan.
    expect(batches.flat()).toEqual(['p3.jpg', 'p4.jpg', 'p5.jpg', 'p6.jpg', 'p7.jpg', 'p8.jpg']);
  });

  it('tells once when its rescans stop at the element or time cap, even with nothing new to report', async () => {
    const { document } = parseHTML(`<html><body><main>${'<a href="page.html">a page</a>'.repeat(100)}</main></body></html>`);
    const calls: [number, string | null][] = [];
    const stop = watchForImages(document as unknown as Document, PAGE, (cs, limit) => calls.push([cs.length, limit]), { throttleMs: 100, maxElements: 10 });
    for (let i = 0; i < 3; i++) {
      document.querySelector('main')!.insertAdjacentHTML('afterbegin', '<p>more</p>');
      await settle();
    }
    stop();
    expect(calls).toEqual([[0, 'elements']]);
  });

  it("given what the collect's own scan reported, reports an image that appeared before it started", async () => {
    const { document } = parseHTML('<html><body><img src="scanned.jpg"><img src="arrived-since.jpg"></body></html>');
    const batches: string[][] = [];
    const reported = new Set([`${PAGE}scanned.jpg`]);
    const stop = watchForImages(document as unknown as Document, PAGE, (cs) => batches.push(cs.map((c) => c.url.slice(PAGE.length))), { throttleMs: 100, reported });
    await settle();
    stop();
    expect(batches).toEqual([['arrived-since.jpg']]);
  });

  it('throttles a page that rewrites itself nonstop', async () => {
    const { document } = parseHTML('<html><body><div id="x"></div></body></html>');
    let batches = 0;
    const stop = watchForImages(document as unknown as Document, PAGE, () => batches++, { throttleMs: 200 });
    const x = document.getElementById('x')!;
    for (let i = 0; i < 100; i++) {
      x.innerHTML = `<img src="n${i}.jpg">`;
      await vi.advanceTimersByTimeAsync(20);
    }
    await settle();
    stop();
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThanOrEqual(100 * 20 / 200 + 3); // at most one rescan per throttle window
  });
});
