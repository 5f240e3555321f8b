import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OriginSignals } from '@/entrypoints/background/origin-signals';
import { openHeedDB } from '@/utils/store/db';
import { evaluateRsl } from '@/utils/signals/rsl';
import { purposeProfile } from '@/utils/model/purposes';
import { serveFiles } from '../fixtures/serve-files';

let n = 0;
const db = () => openHeedDB(`origin-signals-test-${++n}`);

const RSL = (usage: 'permits' | 'prohibits') =>
  `<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><${usage} type="usage">ai-train</${usage}></license></content></rsl>`;


const denies = (files: readonly Parameters<typeof evaluateRsl>[0][], url: string) =>
  files.flatMap((f) => evaluateRsl(f, url, purposeProfile('ai-training'))).filter((e) => e.effect === 'deny');

// An RSL licence past the third one a robots.txt or a page declares was not fetched and not
// listed: read as "no licence terms", so a fourth licence prohibiting AI training kept the
// images. A declared licence left unread fails closed now (DESIGN.md §2 rule 5).
describe('OriginSignals: RSL licences past the cap', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('robots.txt declaring more RSL licences than are read: the unread ones are unreadable, not absent', async () => {
    serveFiles({
      'https://site.example/robots.txt': ['User-agent: *', 'Allow: /', ...[1, 2, 3, 4].map((i) => `License: https://site.example/l${i}.xml`)].join('\n'),
      'https://site.example/l1.xml': RSL('permits'),
      'https://site.example/l2.xml': RSL('permits'),
      'https://site.example/l3.xml': RSL('permits'),
      'https://site.example/l4.xml': RSL('prohibits'),
    });
    const files = await new OriginSignals(await db()).get('https://site.example');
    expect(denies(files.rsl, 'https://site.example/a.png').length).toBeGreaterThan(0);
  });

  it('a page linking more RSL licences than are read: the unread ones are unreadable, not absent', async () => {
    serveFiles(Object.fromEntries([1, 2, 3, 4].map((i) => [`https://site.example/l${i}.xml`, RSL(i === 4 ? 'prohibits' : 'permits')])));
    const urls = [1, 2, 3, 4].map((i) => `https://site.example/l${i}.xml`);
    const docs = await new OriginSignals(await db()).rslDocuments(urls, 'https://site.example/page');
    expect(denies(docs, 'https://site.example/a.png').length).toBeGreaterThan(0);
  });
});

// A relative `License:` in a robots.txt answered after a redirect was resolved against
// `/robots.txt`, not against where the file is: the licence the owner named (prohibiting AI
// training) was never fetched, the URL Heed made up answered 404, read as "no licence".
describe('OriginSignals: RSL licences of a robots.txt answered after a redirect', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a relative License: resolves against the URL that answered the file', async () => {
    const moved = 'https://cdn.site.example/static/robots.txt';
    const files: Record<string, string> = {
      [moved]: 'User-agent: *\nAllow: /\nLicense: license.xml\n',
      'https://cdn.site.example/static/license.xml': RSL('prohibits'),
    };
    vi.stubGlobal('fetch', async (url: string) => {
      const target = url === 'https://site.example/robots.txt' ? moved : url;
      const body = files[target];
      const res = body === undefined ? new Response('', { status: 404 }) : new Response(body, { status: 200 });
      Object.defineProperty(res, 'url', { value: target });
      Object.defineProperty(res, 'redirected', { value: target !== url });
      return res;
    });
    const got = await new OriginSignals(await db()).get('https://site.example');
    expect(got.rsl.map((f) => f.url)).toEqual(['https://cdn.site.example/static/license.xml']);
    expect(denies(got.rsl, 'https://site.example/a.png').length).toBeGreaterThan(0);
  });
});

// A License: value written Link-header style (`<https://…>`) was fetched as a made-up path whose
// 404 read as "no licence"; one that names no http(s) URL was dropped as if none was declared.
describe('OriginSignals: License: records as sites write them', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a licence in angle brackets is fetched and its prohibition applies', async () => {
    serveFiles({
      'https://site.example/robots.txt': 'User-agent: *\nAllow: /\nLicense: <https://site.example/l.xml>\n',
      'https://site.example/l.xml': RSL('prohibits'),
    });
    const files = await new OriginSignals(await db()).get('https://site.example');
    expect(denies(files.rsl, 'https://site.example/a.png').map((e) => e.reason)).toContain('rsl-prohibits');
  });

  it('a licence Heed cannot fetch (ftp:) is unreadable, not absent', async () => {
    serveFiles({ 'https://site.example/robots.txt': 'User-agent: *\nAllow: /\nLicense: ftp://site.example/l.xml\n' });
    const files = await new OriginSignals(await db()).get('https://site.example');
    expect(denies(files.rsl, 'https://site.example/a.png').map((e) => e.reason)).toEqual(['signal-unreadable']);
  });
});

// An RSL licence linked with a target that is not an http(s) URL: it cannot be fetched, and is
// recorded unread (it fails closed), without any request.
describe('OriginSignals: an RSL licence whose address is not an http(s) URL', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is unread, not fetched', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(String(url));
      return new Response('', { status: 404 });
    });
    const docs = await new OriginSignals(await db()).rslDocuments(['urn:rsl:site:1', 'ftp://site.example/l.xml'], 'https://site.example/page');
    expect(docs.map((d) => [d.url, d.outcome])).toEqual([['urn:rsl:site:1', 'error'], ['ftp://site.example/l.xml', 'error']]);
    expect(denies(docs, 'https://site.example/a.png').map((e) => e.reason)).toEqual(['signal-unreadable', 'signal-unreadable']);
    expect(requested).toEqual([]);
  });
});
