import { afterEach, describe, expect, it, vi } from 'vitest';
import { addFrameHeaders, MAX_FRAMES } from '@/entrypoints/background/frame-headers';
import type { ImageCandidate } from '@/utils/policy/verdict';

const inFrame = (i: number): ImageCandidate =>
  ({ url: `https://img.example/${i}.png`, frames: [{ url: `https://frame${i}.example/`, metas: [], tdm: {} }] }) as unknown as ImageCandidate;

/** A response that, requested again without cookies, came from another address (a login page). */
const redirected = (to: string) => {
  const res = new Response(null, { status: 200, headers: { 'X-Robots-Tag': 'all' } });
  Object.defineProperty(res, 'redirected', { value: true });
  Object.defineProperty(res, 'url', { value: to });
  return res;
};

describe('addFrameHeaders', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads each frame’s opt-out headers once, keeping only those', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(null, { status: 200, headers: { 'X-Robots-Tag': 'noimageai', 'Set-Cookie': 'a=b', 'Content-Type': 'text/html' } });
    });
    const shared = inFrame(0);
    const twin = { ...inFrame(1), frames: shared.frames } as ImageCandidate;
    await addFrameHeaders([shared, twin]);
    expect(fetched).toEqual(['https://frame0.example/']);
    expect(shared.frames![0]!.headers).toEqual({ 'x-robots-tag': 'noimageai' });
  });

  it('frames past the cap are requested not at all and marked unread, so their images fail closed', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(null, { status: 200 });
    });
    const candidates = Array.from({ length: MAX_FRAMES + 1 }, (_, i) => inFrame(i));
    await addFrameHeaders(candidates);
    expect(fetched).toHaveLength(MAX_FRAMES);
    expect(candidates[MAX_FRAMES]!.frames![0]!.headersUnread).toMatch(/more than 20 frames/);
    expect(candidates[0]!.frames![0]!.headersUnread).toBeUndefined();
  });

  // A frame above the one showing an image that did not answer the scan is listed as unread
  // (received-signals.ts framesOfReports): its images fail closed whatever its headers say.
  // Requesting it again was a request to a site for nothing, and took one of the cap's slots
  // from a frame whose headers can still refuse.
  it('a frame already unread is not requested, and takes no slot from the frames that are', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(null, { status: 200, headers: { 'X-Robots-Tag': 'noai' } });
    });
    const unreadAbove = Array.from({ length: MAX_FRAMES }, (_, i) => ({
      url: `https://above${i}.example/`, metas: [], tdm: {}, headersUnread: 'a frame above the one showing the image did not answer the scan',
    }));
    const candidate = { url: 'https://img.example/a.png', frames: [...unreadAbove, { url: 'https://frame.example/', metas: [], tdm: {} }] } as unknown as ImageCandidate;
    await addFrameHeaders([candidate]);
    expect(fetched).toEqual(['https://frame.example/']);
    expect(candidate.frames!.at(-1)!.headers).toEqual({ 'x-robots-tag': 'noai' });
    expect(candidate.frames!.slice(0, -1).every((f) => /did not answer the scan/.test(f.headersUnread ?? ''))).toBe(true);
  });
});

// A frame whose headers Heed could not read (5xx, timeout, a 3xx that leads nowhere, or a 4xx
// whose headers are the error page's, not the frame document's) was read as a frame with no
// opt-out header, so its images were kept. They fail closed now (DESIGN.md §2 rule 5).
describe('a frame whose response headers could not be read', () => {
  afterEach(() => vi.unstubAllGlobals());
  it.each([
    ['5xx', () => new Response(null, { status: 503 })],
    ['a 403 (the error page’s headers, not the frame’s)', () => new Response(null, { status: 403, headers: { 'X-Robots-Tag': 'all' } })],
    ['a redirect without a Location', () => new Response(null, { status: 302 })],
    ['a network error', () => { throw new TypeError('Failed to fetch'); }],
    // Another document's headers (see below): a redirect to a login page, a 206 (part of one).
    ['a redirect to a login page', () => redirected('https://frame0.example/login')],
    ['a 206 (part of the document)', () => new Response(null, { status: 206, headers: { 'X-Robots-Tag': 'all' } })],
  ])('%s: its images fail closed', async (_, answer) => {
    vi.stubGlobal('fetch', async () => answer());
    const c = inFrame(0);
    await addFrameHeaders([c]);
    expect(c.frames![0]!.headers).toBeUndefined();
    expect(c.frames![0]!.headersUnread).toMatch(/could not be read/);
  });
});

// A frame's opt-out header longer than 16,384 characters was cut to exactly that length, which the
// X-Robots-Tag reader takes as read in full: a `noai` after the cut was lost and its images kept.
// A header too long to keep whole now leaves the frame's headers unread (fail closed).
describe('a frame whose opt-out header is too long to keep', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('its images fail closed instead of the header being cut', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 200, headers: { 'X-Robots-Tag': `${'x'.repeat(17_000)}, noai` } }));
    const c = inFrame(0);
    await addFrameHeaders([c]);
    expect(c.frames![0]!.headersUnread).toMatch(/too long/);
  });
});

// Requested again without the user's cookies, a frame (or the page, site-assessment.ts) that
// redirects to its login page answers with the login page's headers: its own `X-Robots-Tag:
// noai` was lost and its images kept. A 206 (Heed sends no Range) is part of a document. Both
// now leave the frame's headers unread, and its images fail closed (DESIGN.md §2 rule 5): rows of
// 'a frame whose response headers could not be read' above. A fragment is no redirect:
describe('a frame requested again that answers with another document', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('a frame address with a fragment, answered at the same address, is read', async () => {
    vi.stubGlobal('fetch', async (url: string) => {
      const res = new Response(null, { status: 200, headers: { 'X-Robots-Tag': 'noai' } });
      Object.defineProperty(res, 'url', { value: url.split('#')[0] });
      return res;
    });
    const c = { url: 'https://img.example/a.png', frames: [{ url: 'https://frame0.example/p#photos', metas: [], tdm: {} }] } as unknown as ImageCandidate;
    await addFrameHeaders([c]);
    expect(c.frames![0]!.headersUnread).toBeUndefined();
    expect(c.frames![0]!.headers).toEqual({ 'x-robots-tag': 'noai' });
  });
});

// A bot check answered in the frame's place (Cloudflare marks its challenge pages `cf-mitigated:
// challenge`, whatever their status): its headers are the check's, and the frame's own
// `X-Robots-Tag: noai` was lost. Now the frame's headers are unread, and its images fail closed.
describe('a frame requested again that answers with a bot challenge', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('its headers are unread, so its images fail closed', async () => {
    vi.stubGlobal('fetch', async (url: string) => {
      const res = new Response(null, { status: 200, headers: { 'cf-mitigated': 'challenge' } });
      Object.defineProperty(res, 'url', { value: url });
      return res;
    });
    const c = inFrame(0);
    await addFrameHeaders([c]);
    expect(c.frames![0]!.headersUnread).toMatch(/bot challenge/);
  });
});
