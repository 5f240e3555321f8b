import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseHTML } from 'linkedom';
import { assessSite } from '@/entrypoints/background/site-assessment';
import { OriginSignals } from '@/entrypoints/background/origin-signals';
import { addFrameHeaders } from '@/entrypoints/background/frame-headers';
import { gatherImage } from '@/entrypoints/background/gather-image';
import { fetchLimited } from '@/entrypoints/background/fetch-limited';
import type { OriginFiles } from '@/utils/signals/origin-files';
import { evaluateRobots } from '@/utils/signals/robots-txt';
import { openHeedDB } from '@/utils/store/db';
import { readPageSignals } from '@/utils/page/page-signals';
import { pageSignalsFromScan } from '@/utils/page/received-signals';
import { purposeProfile } from '@/utils/model/purposes';
import { parseSettings } from '@/utils/model/settings';
import type { ImageCandidate } from '@/utils/policy/verdict';
import { originFiles } from '../policy/fixtures/origin-files';
import { png } from '../media/image-fixtures';

/**
 * Firefox (MV3) lets the user withhold Heed's host access, at install or later, for every site
 * or all but some (README, "Firefox"); Chromium lets the user narrow it to some sites too. The
 * background's requests to a site it has no access to are then ordinary cross-origin requests:
 * one answered with `Access-Control-Allow-Origin: *` (most CDNs, GitHub Pages) succeeds, but the
 * browser shows only the CORS-safelisted headers (`type: 'cors'`). `X-Robots-Tag: noai`,
 * `Content-Usage`, `cf-mitigated: challenge`, `Server` are hidden: read as if absent, a refusal
 * was lost. With host access (every browser's default) the response is `type: 'basic'`.
 */
const PAGE = 'https://photos.example/album';
const IMAGE = 'https://cdn.example/a.png';
const AI = purposeProfile('ai-training');

/** A response as the browser hands it over: `type` 'cors' without host access (only safelisted headers shown), 'basic' with it. */
function answered(type: 'cors' | 'basic', body: BodyInit | null, headers: Record<string, string>, status = 200): Response {
  const shown = type === 'cors' ? Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() === 'content-type')) : headers;
  const res = new Response(body, { status, headers: shown });
  Object.defineProperty(res, 'type', { value: type });
  return res;
}

const origins = {
  get: async (origin: string): Promise<OriginFiles> => originFiles(origin),
  rslDocuments: async () => [],
} as unknown as OriginSignals;
const page = pageSignalsFromScan(
  readPageSignals(parseHTML('<html><head><title>A</title><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head></html>').document as unknown as Document, PAGE),
);
const licensed = parseSettings({ mode: 'licensed' });
const candidate = (over: Partial<ImageCandidate> = {}): ImageCandidate => ({
  url: IMAGE, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [], ...over,
});
let n = 0;

describe('a response whose headers the browser hid (no host access to its site)', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.unstubAllGlobals());

  it('is unreachable, never a response read in full', async () => {
    vi.stubGlobal('fetch', async () => answered('cors', 'x', { 'content-type': 'text/plain', 'x-robots-tag': 'noai' }));
    const r = await fetchLimited(IMAGE, 10);
    expect(r.outcome).toBe('unreachable');
  });

  it('the page’s headers requested again without host access are unread: the site fails closed', async () => {
    vi.stubGlobal('fetch', async () => answered('cors', '', { 'content-type': 'text/html', 'x-robots-tag': 'noai' }));
    const assessed = await assessSite(origins, 7, PAGE, page, licensed);
    expect(assessed.reasons).toContain('signal-unreadable');
    expect(assessed.status).toBe('blocked');
  });

  it('a frame’s headers read without host access are unread, so its images fail closed', async () => {
    vi.stubGlobal('fetch', async () => answered('cors', null, { 'content-type': 'text/html', 'x-robots-tag': 'noai' }));
    const c = candidate({ frames: [{ url: 'https://frame.example/', metas: [], tdm: {} }] } as unknown as Partial<ImageCandidate>);
    await addFrameHeaders([c]);
    expect(c.frames![0]!.headersUnread).toMatch(/could not be read/);
  });

  it('robots.txt read without host access disallows everything (robots-unreachable), never a file with no rule', async () => {
    // A bot challenge answered in the file's place: its `cf-mitigated: challenge` is hidden, and its HTML has no rule.
    vi.stubGlobal('fetch', async (url: string) =>
      url.endsWith('/robots.txt') ? answered('cors', '<html>Just a moment…</html>', { 'content-type': 'text/html', 'cf-mitigated': 'challenge' }, 403) : answered('cors', '', {}, 404),
    );
    const files = await new OriginSignals(await openHeedDB(`host-access-test-${++n}`)).get('https://cdn.example');
    const denies = evaluateRobots(files.robots, IMAGE, 'image', AI).filter((e) => e.effect === 'deny').map((e) => e.reason);
    expect(denies).toEqual(['robots-unreachable']);
  });

  it('an image fetched without host access is not kept: its own headers went unread', async () => {
    vi.stubGlobal('fetch', async () => answered('cors', png({ width: 800, height: 600 }) as BodyInit, { 'content-type': 'image/png', 'x-robots-tag': 'noai' }));
    const r = await gatherImage(origins, candidate(), parseSettings({}), (_u, req) => req(), async () => null, 0);
    expect(r.ok).toBe(false);
  });
});

describe('unchanged: with host access (the default on Chromium and Firefox)', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.unstubAllGlobals());

  it('the page’s headers requested again are read, and a licensed page stays open', async () => {
    vi.stubGlobal('fetch', async () => answered('basic', '', { 'content-type': 'text/html', 'x-robots-tag': 'all' }));
    const assessed = await assessSite(origins, 7, PAGE, page, licensed);
    expect(assessed.reasons).not.toContain('signal-unreadable');
    expect(assessed.status).not.toBe('blocked');
  });

  it('an image is fetched and its headers read', async () => {
    vi.stubGlobal('fetch', async () => answered('basic', png({ width: 800, height: 600 }) as BodyInit, { 'content-type': 'image/png', 'x-robots-tag': 'noai' }));
    const r = await gatherImage(origins, candidate(), parseSettings({}), (_u, req) => req(), async () => null, 0);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.image.inputs.headers['x-robots-tag']).toBe('noai');
  });

  it('a robots.txt is read', async () => {
    vi.stubGlobal('fetch', async (url: string) => (url.endsWith('/robots.txt') ? answered('basic', 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' }) : answered('basic', '', {}, 404)));
    const files = await new OriginSignals(await openHeedDB(`host-access-test-${++n}`)).get('https://cdn.example');
    expect(files.robots.outcome).toBe('ok');
    expect(evaluateRobots(files.robots, IMAGE, 'image', AI).filter((e) => e.effect === 'deny')).toEqual([]);
  });
});
