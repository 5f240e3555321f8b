import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { showNotice } from '../../../utils/page/in-page-notice';

/**
 * The background injects showNotice with scripting.executeScript, which sends only the
 * function's source: it must run with nothing but its argument and the page's `document`.
 */
function runInjected(doc: Document, notice: unknown): void {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the same round trip the browser makes
  const injected = new Function('document', `return (${showNotice.toString()})`)(doc) as (n: unknown) => void;
  injected(notice);
}

describe('in-page notice', () => {
  it('runs from its source alone and renders page text as text', () => {
    const { document } = parseHTML('<!doctype html><html><body><p>page</p></body></html>');
    runInjected(document, { headline: 'Heed: <b>blocked</b>', reasons: ['noai <img src=x onerror=alert(1)>', 'robots'] });
    const host = document.getElementById('heed-notice-host')!;
    const root = host.shadowRoot!;
    expect(root.querySelector('strong')!.textContent).toBe('Heed: <b>blocked</b>');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('button')!.textContent).toBe('Dismiss');
  });

  it('replaces an earlier notice instead of stacking, and shows at most six reasons', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    runInjected(document, { headline: 'one', reasons: [] });
    runInjected(document, { headline: 'two', reasons: Array.from({ length: 9 }, (_, i) => `r${i}`) });
    expect(document.querySelectorAll('#heed-notice-host')).toHaveLength(1);
    expect(document.getElementById('heed-notice-host')!.shadowRoot!.querySelectorAll('li')).toHaveLength(6);
  });

  it('resets every style the page could put on its host, and sits outside the page’s body', () => {
    const { document } = parseHTML('<!doctype html><html><body style="transform: scale(0)"></body></html>');
    runInjected(document, { headline: 'Heed: blocked', reasons: ['noai'] });
    const host = document.getElementById('heed-notice-host')!;
    const css = host.shadowRoot!.querySelector('style')!.textContent!.replace(/\s+/g, ' ');
    // Inside a shadow tree an !important :host rule beats the page’s own !important rules on the host
    // (CSS Cascade 4, context), and all: initial stops inherited page styles (color, font, visibility).
    expect(css).toMatch(/:host \{ all: initial !important;/);
    expect(host.parentNode).toBe(document.documentElement);
  });
});
