import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OriginSignals } from '@/entrypoints/background/origin-signals';
import { openHeedDB, putCachedSignal } from '@/utils/store/db';
import { evaluateRobots } from '@/utils/signals/robots-txt';
import { purposeProfile } from '@/utils/model/purposes';
import { serveFiles } from '../fixtures/serve-files';
import { clearHistory } from '@/utils/store/retention';

let n = 0;
const db = () => openHeedDB(`origin-cache-test-${++n}`);


const robotsDenies = (files: Awaited<ReturnType<OriginSignals['get']>>, url: string) =>
  evaluateRobots(files.robots, url, 'image', purposeProfile('ai-training')).filter((e) => e.effect === 'deny');

const ORIGIN = 'https://site.example';
const KEY = `origin-files/4 ${ORIGIN}`; // origin-signals.ts CACHE_FORMAT

describe('OriginSignals: a site-cache entry that is not what Heed stored', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each<[string, unknown]>([
    ['not an object', 'garbage'],
    ['an empty object', {}],
    ['robots.txt without an outcome', { origin: ORIGIN, robots: { url: `${ORIGIN}/robots.txt` }, tdmrep: { url: 'x', outcome: 'absent' }, aiTxt: { url: 'x', outcome: 'absent' }, rsl: [] }],
    ['robots.txt ok without a body', { origin: ORIGIN, robots: { url: `${ORIGIN}/robots.txt`, outcome: 'ok' }, tdmrep: { url: 'x', outcome: 'absent' }, aiTxt: { url: 'x', outcome: 'absent' }, rsl: [] }],
    ['an RSL list that is not a list', { origin: ORIGIN, robots: { url: `${ORIGIN}/robots.txt`, outcome: 'ok', body: '' }, tdmrep: { url: 'x', outcome: 'absent' }, aiTxt: { url: 'x', outcome: 'absent' }, rsl: 'none' }],
    ['another origin\'s files', { origin: 'https://other.example', robots: { url: 'https://other.example/robots.txt', outcome: 'ok', body: '' }, tdmrep: { url: 'x', outcome: 'absent' }, aiTxt: { url: 'x', outcome: 'absent' }, rsl: [] }],
  ])('%s: read again from the site, not used (and no crash)', async (_name, value) => {
    const fetched = serveFiles({ [`${ORIGIN}/robots.txt`]: 'User-agent: *\nDisallow: /' });
    const d = await db();
    await putCachedSignal(d, KEY, typeof value === 'object' ? { ...value, fetchedAt: Date.now() } : value, Date.now());
    const files = await new OriginSignals(d).get(ORIGIN);
    expect(fetched).toContain(`${ORIGIN}/robots.txt`);
    expect(files.origin).toBe(ORIGIN);
    expect(robotsDenies(files, `${ORIGIN}/a.png`).length).toBeGreaterThan(0);
  });

  it('a well-formed entry is used without a request', async () => {
    const fetched = serveFiles({ [`${ORIGIN}/robots.txt`]: 'User-agent: *\nDisallow: /' });
    const d = await db();
    await new OriginSignals(d).get(ORIGIN);
    const before = fetched.length;
    const files = await new OriginSignals(d).get(ORIGIN);
    expect(fetched.length).toBe(before);
    expect(robotsDenies(files, `${ORIGIN}/a.png`).length).toBeGreaterThan(0);
  });
});

// A cached robots.txt is trusted for 24 h at most (DESIGN.md §2 rule 2). One stamped in the
// future (fetched while the clock was set ahead) read as fresh until the clock caught up.
describe('OriginSignals: a cached file stamped in the future', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is stale: robots.txt is read again, and its new Disallow applies', async () => {
    const d = await db();
    const ahead = Date.now() + 365 * 24 * 3_600_000;
    const allowAll = { origin: ORIGIN, robots: { url: `${ORIGIN}/robots.txt`, outcome: 'ok', body: '' }, tdmrep: { url: 'x', outcome: 'absent' }, aiTxt: { url: 'x', outcome: 'absent' }, rsl: [] };
    await putCachedSignal(d, KEY, { ...allowAll, fetchedAt: ahead }, ahead);
    const fetched = serveFiles({ [`${ORIGIN}/robots.txt`]: 'User-agent: *\nDisallow: /' });
    const files = await new OriginSignals(d).get(ORIGIN);
    expect(fetched).toContain(`${ORIGIN}/robots.txt`);
    expect(robotsDenies(files, `${ORIGIN}/a.png`).length).toBeGreaterThan(0);
  });
});

// The site cache only saves requests. A database that could not be read or written (closed by
// the browser, over its quota) rejected get(): the badge and every collect of the site failed.
describe('OriginSignals: a site cache that cannot be used', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('the files are read from the site, and their refusals apply', async () => {
    const d = await db();
    d.close();
    const fetched = serveFiles({ [`${ORIGIN}/robots.txt`]: 'User-agent: *\nDisallow: /' });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const files = await new OriginSignals(d).get(ORIGIN);
    expect(fetched).toContain(`${ORIGIN}/robots.txt`);
    expect(robotsDenies(files, `${ORIGIN}/a.png`).length).toBeGreaterThan(0);
    const docs = await new OriginSignals(d).rslDocuments([`${ORIGIN}/l.xml`], `${ORIGIN}/page`);
    expect(docs).toEqual([{ url: `${ORIGIN}/l.xml`, outcome: 'absent' }]);
  });
});

// "Clear history" deletes the whole site cache (utils/store/retention.ts), so that the next
// collect reads each site's files again — as a user does who has just seen a site publish a
// refusal. The worker also shares each origin's files in memory for a minute after reading them:
// a collect started in that minute used the reading from before the clear, and the site's new
// `Disallow: /` for GPTBot was not read.
describe('OriginSignals: Clear history', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the next read after Clear history asks the site again, and its new Disallow applies', async () => {
    const d = await db();
    const origins = new OriginSignals(d);
    const stop = origins.listen();
    try {
      serveFiles({ [`${ORIGIN}/robots.txt`]: 'User-agent: *\nAllow: /' });
      expect(robotsDenies(await origins.get(ORIGIN), `${ORIGIN}/a.png`)).toEqual([]);
      const fetched = serveFiles({ [`${ORIGIN}/robots.txt`]: 'User-agent: GPTBot\nDisallow: /' });
      await clearHistory(d);
      await new Promise((r) => setTimeout(r, 50)); // the announcement crosses a BroadcastChannel
      const files = await origins.get(ORIGIN);
      expect(fetched).toContain(`${ORIGIN}/robots.txt`);
      expect(robotsDenies(files, `${ORIGIN}/a.png`).map((e) => e.reason)).toEqual(['robots-disallow']);
    } finally {
      stop();
    }
  });
});

// Readings an earlier Heed cached read what it could not see then: a bot challenge's 403 as "no
// robots.txt", a UTF-32 file as a robots.txt with no rule. Kept for their 24 h, they went on
// allowing what the site's file refuses. The cache's format names the reading, and a new one
// reads every site again.
describe('OriginSignals: a reading cached by an earlier Heed', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a bot challenge cached as no robots.txt is read again: robots-unreachable', async () => {
    const d = await db();
    const earlier = { origin: ORIGIN, robots: { url: `${ORIGIN}/robots.txt`, outcome: 'unavailable', status: 403 }, tdmrep: { url: 'x', outcome: 'absent' }, aiTxt: { url: 'x', outcome: 'absent' }, rsl: [] };
    await putCachedSignal(d, 'origin-files/2 https://site.example', { ...earlier, fetchedAt: Date.now() }, Date.now());
    vi.stubGlobal('fetch', async () => new Response('<!DOCTYPE html><title>Just a moment...</title>', { status: 403, headers: { 'cf-mitigated': 'challenge' } }));
    const files = await new OriginSignals(d).get(ORIGIN);
    expect(robotsDenies(files, `${ORIGIN}/a.png`).map((e) => e.reason)).toEqual(['robots-unreachable']);
  });

  it('an AWS WAF CAPTCHA cached as no robots.txt is read again: robots-unreachable', async () => {
    const d = await db();
    const earlier = { origin: ORIGIN, robots: { url: `${ORIGIN}/robots.txt`, outcome: 'unavailable', status: 405 }, tdmrep: { url: 'x', outcome: 'absent' }, aiTxt: { url: 'x', outcome: 'absent' }, rsl: [] };
    await putCachedSignal(d, 'origin-files/3 https://site.example', { ...earlier, fetchedAt: Date.now() }, Date.now());
    vi.stubGlobal('fetch', async () => new Response('<!DOCTYPE html><title>Human verification</title>', { status: 405, headers: { 'x-amzn-waf-action': 'captcha' } }));
    const files = await new OriginSignals(d).get(ORIGIN);
    expect(robotsDenies(files, `${ORIGIN}/a.png`).map((e) => e.reason)).toEqual(['robots-unreachable']);
  });
});

// The worker shares each origin's files in memory for a minute after reading them. A reading
// taken from the site cache just short of its 24 h (DESIGN.md §2 rule 2: cache ≤ 24 h) was so
// used for up to a minute past them, and a refusal published since was not read.
describe('OriginSignals: a reading shared in memory', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is not used past 24 h from its fetch: robots.txt is read again, and its new Disallow applies', async () => {
    const d = await db();
    const t0 = Date.now();
    const DAY = 24 * 3_600_000;
    const allowAll = { origin: ORIGIN, robots: { url: `${ORIGIN}/robots.txt`, outcome: 'ok', body: '' }, tdmrep: { url: 'x', outcome: 'absent' }, aiTxt: { url: 'x', outcome: 'absent' }, rsl: [] };
    await putCachedSignal(d, KEY, { ...allowAll, fetchedAt: t0 - DAY + 1000 }, t0 - DAY + 1000);
    const fetched = serveFiles({ [`${ORIGIN}/robots.txt`]: 'User-agent: GPTBot\nDisallow: /' });
    const origins = new OriginSignals(d);
    expect(robotsDenies(await origins.get(ORIGIN), `${ORIGIN}/a.png`)).toEqual([]);
    expect(fetched).not.toContain(`${ORIGIN}/robots.txt`);
    vi.useFakeTimers({ toFake: ['Date'], now: t0 + 2000 });
    const files = await origins.get(ORIGIN);
    expect(robotsDenies(files, `${ORIGIN}/a.png`).map((e) => e.reason)).toEqual(['robots-disallow']);
  });
});
