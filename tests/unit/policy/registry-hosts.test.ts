import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { REGISTRY_HOSTS } from '../../../utils/model/registry-hosts';
import { carriedAddresses } from '../../../utils/model/shared-hosting';
import { scanDocument } from '../../../utils/scan/scan-page';
import { evaluateSiteRegistry, frameSiteEvidence, matchSitePolicies, namedRenditionsEvidence, shownRenditionEvidence, siteEvidenceBeside, SITE_REGISTRY, type UserLists } from '../../../utils/policy/site-registry';

/*
 * The registry lists each company's registrable domains, but some of a company's images are served
 * from hosts under other registrable domains: YouTube's channel avatars on yt3.ggpht.com, Substack's
 * post images in its S3 bucket, Reddit's legacy uploads, DeviantArt's on Wix's media host, Stack
 * Exchange's on its imgur installation, GitHub's assets on githubassets.com. Such an image matched no
 * entry and was kept, from any page. Heed's supplement (utils/model/registry-hosts.ts) matches each
 * host to its company's entry, through the same path as the entry's own domains.
 */

const none: UserLists = { userAllow: [], userBlock: [] };
const reasons = (url: string, lists: UserLists = none) => evaluateSiteRegistry(url, 'image', 'ai-training', lists).map((e) => e.reason ?? e.effect);
const values = (url: string) => evaluateSiteRegistry(url, 'image', 'ai-training', none).map((e) => e.value);

describe('a registry company’s image on a host under another registrable domain', () => {
  it('YouTube’s channel avatars on yt3.ggpht.com, yt4.ggpht.com and yt3.googleusercontent.com are refused as YouTube’s', () => {
    for (const url of [
      'https://yt3.ggpht.com/ytc/AIdro_kDRQPhJSlRLHo=s88-c-k-c0x00ffffff-no-rj',
      'https://yt4.ggpht.com/erSTICdzExMuC1fQFG3PYtCcZ1L=s32-c-k-c0x00ffffff-no-rj',
      'https://yt3.googleusercontent.com/7B3P4uto9relfiCiD9ckWLFByRJ=s900-c-k-c0x00ffffff-no-rj',
    ]) {
      expect(reasons(url)).toEqual(['site-blocked']);
      expect(values(url)[0]).toMatch(/^YouTube \(/);
      expect(values(url)[0]).toContain(new URL(url).hostname);
    }
  });

  it('Substack’s post images in its S3 bucket are refused as Substack’s, in every S3 address form', () => {
    for (const url of [
      'https://substack-post-media.s3.amazonaws.com/public/images/d4a086a6-684d_1280x1280.png',
      'https://s3.amazonaws.com/substack-post-media/public/images/d4a086a6-684d_1280x1280.png',
      'https://substack-post-media.s3.us-east-1.amazonaws.com/public/images/d4a086a6-684d_1280x1280.png',
    ]) {
      expect(reasons(url)).toEqual(['site-blocked']);
      expect(values(url)[0]).toMatch(/^Substack \(substack-post-media\.s3\.amazonaws\.com/);
    }
  });

  it('Reddit’s legacy uploads on i.reddituploads.com are refused as Reddit’s', () => {
    expect(reasons('https://i.reddituploads.com/ba3a8a14280b489097195cae445ecbc5?fit=max&h=1536&w=1536')).toEqual(['site-blocked']);
  });

  it('DeviantArt’s, Stack Exchange’s and GitHub’s images are read as their restricted entries', () => {
    expect(reasons('https://images-wixmp-ed30a86b8c4ca887773594c2.wixmp.com/f/57ed5ce1/d5zpd7b.jpg/v1/fill/w_703,h_1136,q_70,strp/a-pre.jpg')).toEqual(['site-restricted']);
    expect(reasons('https://i.stack.imgur.com/0000Q.png')).toEqual(['site-restricted']);
    expect(evaluateSiteRegistry('https://github.githubassets.com/images/modules/logos_page/Octocat.png', 'image', 'ai-training', none)).toEqual([
      expect.objectContaining({ kind: 'site-registry', effect: 'info', reason: 'site-restricted', value: expect.stringMatching(/^GitHub \(github\.githubassets\.com/) }),
    ]);
  });

  it('a listed host written in another case, with a trailing dot or in full-width letters is the same host', () => {
    for (const url of ['https://YT3.GGPHT.COM./a=s88', 'https://yt3.ggpht.com%2e/a=s88', 'https://ｙｔ３.ggpht.com/a=s88', 'https://I.Stack.Imgur.com../a.png']) {
      expect(reasons(url)[0]).toMatch(/^site-(blocked|restricted)$/);
    }
  });
});

describe('the other tenants of a shared domain stay unmatched', () => {
  it('Blogger’s, Google Photos’ and imgur’s own images, and another S3 bucket, match no entry', () => {
    for (const url of [
      'https://lh3.googleusercontent.com/blogger_img_proxy/a.jpg',
      'https://lh3.ggpht.com/a/b.jpg',
      'https://yt5.ggpht.com/a.jpg',
      'https://blogger.googleusercontent.com/img/b/a.jpg',
      'https://i.imgur.com/OhaOsc4.png',
      'https://stack.imgur.com/a.png',
      'https://x.i.stack.imgur.com.example.org/a.png',
      'https://other-bucket.s3.amazonaws.com/substack-post-media/a.png',
      'https://evil.substack-post-media.s3.amazonaws.com/a.png',
      'https://s3.amazonaws.com/substack-post-media-copy/a.png',
      'https://static.wixstatic.com/media/a.jpg',
      'https://images-wixmp-0000000000000000000000.wixmp.com/f/a.jpg',
      'https://githubassets.com.example.org/a.png',
    ]) {
      expect(evaluateSiteRegistry(url, 'image', 'ai-training', none)).toEqual([]);
    }
  });
});

describe('the user’s lists and a host Heed matches to a registry entry', () => {
  it('an allow entry naming the host lifts the entry, as one naming a registry domain does', () => {
    const [e] = evaluateSiteRegistry('https://yt3.ggpht.com/a=s88', 'image', 'ai-training', { userAllow: ['yt3.ggpht.com'], userBlock: [] });
    expect(e).toMatchObject({ kind: 'user-list', effect: 'info' });
    expect(reasons('https://substack-post-media.s3.amazonaws.com/public/images/a.png', { userAllow: ['substack-post-media.s3.amazonaws.com'], userBlock: [] })).toEqual(['info']);
  });
  it('an allow entry for the shared domain around it lifts nothing: ggpht.com, imgur.com and amazonaws.com name many owners', () => {
    expect(reasons('https://yt3.ggpht.com/a=s88', { userAllow: ['ggpht.com'], userBlock: [] })).toEqual(['site-blocked']);
    expect(reasons('https://i.stack.imgur.com/a.png', { userAllow: ['imgur.com'], userBlock: [] })).toEqual(['site-restricted']);
    expect(reasons('https://substack-post-media.s3.amazonaws.com/a.png', { userAllow: ['amazonaws.com', 's3.amazonaws.com'], userBlock: [] })).toEqual(['site-blocked']);
  });
  it('an allow entry for another host of the shared domain lifts nothing', () => {
    expect(reasons('https://yt3.ggpht.com/a=s88', { userAllow: ['lh3.ggpht.com'], userBlock: [] })).toEqual(['site-blocked']);
  });
});

describe('every place a registry lookup happens reads the listed hosts', () => {
  const page = 'https://blog.example.org/post';
  it('an image proxy naming the file, a rendition shown and a srcset candidate are refused as the company’s', () => {
    // The proxy's own URL, with the file it carries: assess.ts and pre-fetch.ts look up each carried address.
    expect(siteEvidenceBeside(page, 'https://yt3.ggpht.com/a=s88', 'image', 'ai-training', none).map((e) => e.reason)).toEqual(['site-blocked']);
    expect(shownRenditionEvidence(page, 'https://i0.wp.com/substack-post-media.s3.amazonaws.com/public/images/a.png?w=640', 'ai-training', none).map((e) => e.reason)).toEqual(['site-blocked']);
    expect(namedRenditionsEvidence(page, { renditions: ['https://blog.example.org/a-2000.jpg', 'https://i.reddituploads.com/ba3a8a14?fit=max'] }, 'ai-training', none).map((e) => e.reason)).toEqual(['site-blocked']);
  });
  it('a page on the shared domain does not hide a listed host’s entry', () => {
    expect(siteEvidenceBeside('https://lh3.ggpht.com/album/', 'https://yt3.ggpht.com/a=s88', 'image', 'ai-training', none).map((e) => e.reason)).toEqual(['site-blocked']);
  });
});

describe('the list of hosts Heed matches to registry entries', () => {
  it('every host names an entry of the bundled registry, by one of its domains and by its name', () => {
    for (const h of REGISTRY_HOSTS) {
      const entry = SITE_REGISTRY.sites.find((s) => s.domains.includes(h.entryDomain));
      expect(entry?.name, h.host).toBe(h.site);
    }
  });
  it('every host is written as the URL parser writes it, lies under none of its entry’s own domains, and cites an https page', () => {
    for (const h of REGISTRY_HOSTS) {
      expect(new URL(`https://${h.host}/`).hostname).toBe(h.host);
      const entry = SITE_REGISTRY.sites.find((s) => s.domains.includes(h.entryDomain))!;
      expect(entry.domains.some((d) => h.host === d || h.host.endsWith(`.${d}`)), h.host).toBe(false);
      expect(h.source).toMatch(/^https:\/\/[^/]+\/./);
    }
  });
  it('the refusal names the host matched and the page showing it serves the company’s content', () => {
    const [e] = evaluateSiteRegistry('https://yt3.ggpht.com/a=s88', 'image', 'ai-training', none);
    expect(e!.value).toBe('YouTube (yt3.ggpht.com, YouTube’s host for channel avatars and post images): blocked (forbids automated-collection, redistribution)');
    expect(e!.note).toContain('yt3.ggpht.com serves YouTube’s content: https://github.com/uBlockOrigin/uAssets/issues/7636');
    expect(e!.source).toBe(SITE_REGISTRY.sites.find((s) => s.name === 'YouTube')!.source);
  });
});

/*
 * The five saved real pages (../shared/realworld/sites, SOURCES.md): every image address they name —
 * each candidate the scan finds, the rendition it shows, every srcset and source candidate, and each
 * address those carry — and, wider, every http(s) address written anywhere in the saved HTML or
 * named by any attribute, read against the page (over 3,800 addresses). None
 * is on a host of model/registry-hosts.ts, so none may be matched through it: a host written too
 * widely there (a whole shared domain, wp.com, wikimedia's CDN) would refuse these pages' images.
 */
describe('the saved real pages and the hosts Heed matches to registry entries', () => {
  const SITES = resolve(import.meta.dirname, '../../../../shared/realworld/sites');
  const PAGES = [
    ['https://en.wikipedia.org/wiki/Bob_Dylan', 'en.wikipedia.org/wiki/Bob_Dylan'],
    ['https://en.m.wikipedia.org/wiki/File:Enh_N_channel_Mosfet.svg', 'en.m.wikipedia.org/wiki/File:Enh_N_channel_Mosfet.svg'],
    ['https://www.reisen-mit-dem-internet.de/europa/deutschland/niedersachsen/ostfriesland/emden-21416', 'www.reisen-mit-dem-internet.de/europa/deutschland/niedersachsen/ostfriesland/emden-21416'],
    ['https://ritinardo.wordpress.com/2017/11/26/bundesregierung-2017-btw17-groko/', 'ritinardo.wordpress.com/2017/11/26/bundesregierung-2017-btw17-groko/index.html'],
    ['https://murdeltas.wordpress.com/2015/04/05/barcamp-graz-2015-politcamp-call-for-action/', 'murdeltas.wordpress.com/2015/04/05/barcamp-graz-2015-politcamp-call-for-action/index.html'],
  ] as const;
  const images = new Set<string>();
  const written = new Set<string>();
  for (const [url, file] of PAGES) {
    const html = readFileSync(resolve(SITES, file), 'utf8').replaceAll(':{{PORT}}', '');
    const doc = parseHTML(html).document as unknown as Document;
    for (const c of scanDocument(doc, url, { resourceTiming: false, inFrame: false })) {
      for (const u of [c.url, c.thumbnailUrl, ...(c.renditions ?? [])]) {
        if (!u) continue;
        for (const a of [u, ...carriedAddresses(u)]) images.add(a);
      }
    }
    for (const m of html.matchAll(/https?:\/\/[^\s"'<>()\\]+/g)) written.add(m[0]);
    // And every attribute value read as addresses relative to the page (src, srcset, href, data-*).
    for (const el of doc.querySelectorAll('*')) {
      for (const { value } of Array.from(el.attributes)) {
        for (const token of value.split(/[\s,]+/)) {
          if (!/[./]/.test(token) || token.length > 2000) continue;
          try {
            const a = new URL(token, url);
            if (/^https?:$/.test(a.protocol)) written.add(a.href);
          } catch {
            // Not an address.
          }
        }
      }
    }
  }
  const matchedThroughHosts = (urls: Iterable<string>) => [...urls].filter((u) => matchSitePolicies(u).some((m) => m.via));
  it('none of the image addresses the pages name is matched through a listed host', () => {
    expect(images.size).toBeGreaterThan(200);
    expect(matchedThroughHosts(images)).toEqual([]);
  });
  it('nor any other address written in the saved pages', () => {
    expect(written.size).toBeGreaterThan(3800);
    expect(matchedThroughHosts(written)).toEqual([]);
  });
  it('the same pages naming a listed host’s image have that image matched, and only that one', () => {
    const html = readFileSync(resolve(SITES, PAGES[4][1]), 'utf8').replaceAll(':{{PORT}}', '').replace('</body>', '<img src="https://yt3.ggpht.com/ytc/AIdro_kD=s88-c-k-c0x00ffffff-no-rj" alt=""></body>');
    const doc = parseHTML(html).document as unknown as Document;
    const urls = scanDocument(doc, PAGES[4][0], { resourceTiming: false, inFrame: false }).flatMap((c) => [c.url, c.thumbnailUrl, ...(c.renditions ?? [])]).filter((u): u is string => !!u);
    expect(matchedThroughHosts(new Set(urls))).toEqual(['https://yt3.ggpht.com/ytc/AIdro_kD=s88-c-k-c0x00ffffff-no-rj']);
  });
});

// YouTube's privacy-enhanced embeds are served from youtube-nocookie.com, a registrable domain of
// YouTube's own: a frame of it inside an unlisted page is YouTube's player, and what it shows was
// not refused for YouTube's site (only files on ytimg.com were).
describe('YouTube’s privacy-enhanced embed on youtube-nocookie.com', () => {
  it('a frame of www.youtube-nocookie.com refuses what it shows as YouTube’s frame does', () => {
    const frames = (url: string) => frameSiteEvidence('https://blog.example.org/post', [{ url }], 'ai-training', none).filter((e) => e.effect === 'deny').map((e) => e.reason);
    expect(frames('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ')).toEqual(['site-blocked']);
    expect(frames('https://youtube-nocookie.com/embed/dQw4w9WgXcQ')).toEqual(['site-blocked']);
    expect(frames('https://youtube-nocookie.com.example.org/embed/dQw4w9WgXcQ')).toEqual([]);
  });
});
