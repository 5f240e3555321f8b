import { describe, expect, it } from 'vitest';
import { assessPage } from '../../../utils/policy/assess';
import { refusalBeforeRequest } from '../../../utils/policy/pre-fetch';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import type { PageSignals } from '../../../utils/page/page-signals';
import { parseSettings, type Settings } from '../../../utils/model/settings';

const settings = parseSettings({});
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

const files = (origin: string, over: Partial<OriginFiles> = {}): OriginFiles => ({
  origin,
  robots: { url: `${origin}/robots.txt`, outcome: 'unavailable', status: 404 },
  tdmrep: { url: `${origin}/.well-known/tdmrep.json`, outcome: 'absent' },
  aiTxt: { url: `${origin}/ai.txt`, outcome: 'absent' },
  rsl: [],
  ...over,
});

const pageSignals: PageSignals = {
  url: 'https://museum.example/gallery',
  title: 'Gallery',
  metas: [],
  tdm: {},
  licence: { pageUrl: 'https://museum.example/gallery', licences: [{ via: 'rel', url: CC_BY }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
  rsl: [],
};

const site = (s: Settings = settings) => assessPage({ page: pageSignals, headers: {}, origin: files('https://museum.example') }, s);
const robots = (origin: string, body: string) => files(origin, { robots: { url: `${origin}/robots.txt`, outcome: 'ok', body } });

describe('refusalBeforeRequest (DESIGN.md §2 rule 2: checked before an image is requested)', () => {
  it('lets an image nothing refuses be requested', () => {
    const url = 'https://museum.example/img/a.png';
    expect(refusalBeforeRequest(site(), url, files('https://museum.example'), settings)).toBeNull();
  });

  it('refuses, unrequested, an image under a path the image origin’s robots.txt disallows', () => {
    const url = 'https://museum.example/private/a.png';
    const r = refusalBeforeRequest(site(), url, robots('https://museum.example', 'User-agent: *\nDisallow: /private/\n'), settings);
    expect(r?.decision).toBe('refused');
    expect(r?.reasons).toEqual(['robots-disallow']);
    expect(r?.evidence.some((e) => e.kind === 'fetch' && e.value === 'not requested')).toBe(true);
  });

  it('refuses an image whose AI token is disallowed on a CDN', () => {
    const url = 'https://cdn.example/x/a.png';
    const r = refusalBeforeRequest(site(), url, robots('https://cdn.example', 'User-agent: GPTBot\nDisallow: /\n'), settings);
    expect(r?.reasons).toEqual(['robots-disallow']);
  });

  it('treats an unreachable robots.txt of the image origin as a complete disallow', () => {
    const url = 'https://cdn.example/x/a.png';
    const r = refusalBeforeRequest(site(), url, files('https://cdn.example', { robots: { url: 'https://cdn.example/robots.txt', outcome: 'unreachable', detail: 'HTTP 503' } }), settings);
    expect(r?.reasons).toEqual(['robots-unreachable']);
  });

  it('refuses an image on a domain the user blocked, and on a registry-blocked domain', () => {
    const blocking = parseSettings({ userBlock: ['cdn.example'] });
    expect(refusalBeforeRequest(site(blocking), 'https://img.cdn.example/a.png', files('https://img.cdn.example'), blocking)?.reasons).toEqual(['user-blocked']);
    expect(refusalBeforeRequest(site(), 'https://t4.ftcdn.net/a.png', files('https://t4.ftcdn.net'), settings)?.reasons).toContain('site-blocked');
  });

  it('gives every reason known before the request, not only the first', () => {
    const blocking = parseSettings({ userBlock: ['cdn.example'] });
    const r = refusalBeforeRequest(site(blocking), 'https://cdn.example/p/a.png', robots('https://cdn.example', 'User-agent: *\nDisallow: /p/\n'), blocking);
    expect(r?.reasons.sort()).toEqual(['robots-disallow', 'user-blocked']);
  });

  it('refuses an image whose page-level evidence denies (e.g. the page’s meta robots)', () => {
    const noai = assessPage({ page: { ...pageSignals, metas: [{ name: 'robots', content: 'noai' }] }, headers: {}, origin: files('https://museum.example') }, settings);
    expect(refusalBeforeRequest(noai, 'https://museum.example/img/a.png', files('https://museum.example'), settings)?.reasons).toContain('meta-robots');
  });

  it('refuses an image under a path the image origin’s ai.txt disallows', () => {
    const url = 'https://museum.example/private/a.png';
    const aiTxt = { url: 'https://museum.example/ai.txt', outcome: 'ok' as const, body: 'User-Agent: *\nDisallow: /private/\n' };
    expect(refusalBeforeRequest(site(), url, files('https://museum.example', { aiTxt }), settings)?.reasons).toEqual(['ai-txt-disallow']);
  });
});
