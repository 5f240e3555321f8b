import { describe, expect, it } from 'vitest';
import { assessImage, assessPage, type ImageInputs } from '../../../utils/policy/assess';
import { refusalBeforeRequest } from '../../../utils/policy/pre-fetch';
import type { ImageCandidate } from '../../../utils/policy/verdict';
import { parseSettings } from '../../../utils/model/settings';
import { carriedAddresses } from '../../../utils/model/shared-hosting';
import { originFiles } from './fixtures/origin-files';

/*
 * The decision itself, not only the registry lookup: a licensed museum page whose image is (or
 * comes through, or is shown as) a file on a registry company's host under another registrable
 * domain (model/registry-hosts.ts). Before, each of these was collected.
 */
const settings = parseSettings({});
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const PAGE = 'https://museum.example/gallery';
const page = assessPage({
  page: {
    url: PAGE, title: 'Gallery', metas: [], tdm: {}, rsl: [],
    licence: { pageUrl: PAGE, licences: [{ via: 'rel', url: CC_BY }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
  },
  headers: {},
  origin: originFiles('https://museum.example'),
}, settings);
const origins = (...urls: string[]) => [...new Set(urls.flatMap((u) => [u, ...carriedAddresses(u)]).map((u) => new URL(u).origin))].map((o) => originFiles(o));
const candidate = (url: string, over: Partial<ImageCandidate> = {}): ImageCandidate => ({ url, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [], ...over });
const decide = (url: string, over: Partial<ImageInputs> = {}, cand: Partial<ImageCandidate> = {}, s = settings) =>
  assessImage(page, { url, finalUrl: url, headers: {}, redirects: [], origins: origins(url, over.finalUrl ?? url), embedded: { evidence: [], licence: null }, ...over }, candidate(url, cand), s);
// Opt-out mode keeps what no signal refuses: there the registry entry is all that refuses these.
const optOut = parseSettings({ mode: 'opt-out' });

describe('a decision on an image from a registry company’s host under another registrable domain', () => {
  it('the museum’s own image stays permitted', () => {
    expect(decide('https://museum.example/a.png').decision).toBe('permitted');
  });
  it('in opt-out mode a YouTube avatar, a Substack post image and a Reddit upload are refused, not kept', () => {
    for (const url of ['https://yt4.ggpht.com/a=s32-c-k', 'https://substack-post-media.s3.amazonaws.com/public/images/a.png', 'https://i.reddituploads.com/ba3a8a14?fit=max']) {
      expect(decide(url, {}, {}, optOut), url).toMatchObject({ decision: 'refused', reasons: ['site-blocked'] });
    }
  });
  it('an image URL on yt3.ggpht.com is refused before it is requested and after', () => {
    expect(refusalBeforeRequest(page, 'https://yt3.ggpht.com/ytc/a=s88', null, settings)?.reasons).toContain('site-blocked');
    const d = decide('https://yt3.ggpht.com/ytc/a=s88');
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('site-blocked');
  });
  it('a redirect that ends in Substack’s S3 bucket is refused', () => {
    const final = 'https://substack-post-media.s3.amazonaws.com/public/images/a_1280x640.jpeg';
    const d = decide('https://museum.example/img/7', { finalUrl: final, redirects: [{ url: 'https://museum.example/img/7', location: final, headers: {} }] });
    expect(d.decision).toBe('refused');
    expect(d.reasons).toContain('site-blocked');
  });
  it('a proxy URL naming Reddit’s upload and a srcset candidate on Stack Exchange’s imgur host are refused', () => {
    expect(decide('https://i0.wp.com/i.reddituploads.com/ba3a8a14280b489097195cae445ecbc5.jpg').reasons).toContain('site-blocked');
    expect(refusalBeforeRequest(page, 'https://i0.wp.com/i.reddituploads.com/ba3a8a14280b489097195cae445ecbc5.jpg', null, settings)?.reasons).toContain('site-blocked');
    expect(decide('https://museum.example/a-2000.png', {}, { renditions: ['https://museum.example/a-2000.png', 'https://i.stack.imgur.com/0000Q.png'] }).reasons).toContain('site-restricted');
  });
});
