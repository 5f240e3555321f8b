import { describe, expect, it } from 'vitest';
import { registrableDomain } from '../../../utils/model/registrable-domain';
import { PSL_SPLIT_HOSTS, SHARED_HOSTS, carriedAddresses, carriedUrls, licenceSite, pageCopyOf, sameLicenceSite } from '../../../utils/model/shared-hosting';

describe('licenceSite: whose image a URL is (DESIGN.md §2 rule 4, shared hosting)', () => {
  it.each<[string, string | null]>([
    // Ordinary sites: the registrable domain.
    ['https://www.museum.example/a.png', 'museum.example'],
    ['https://img.museum.example/a.png', 'museum.example'],
    // Cloud Storage: the bucket, path-style or virtual-hosted-style, is the tenant.
    ['https://storage.googleapis.com/a/photo.jpg', 'storage.googleapis.com/a'],
    ['https://a.storage.googleapis.com/photo.jpg', 'storage.googleapis.com/a'],
    ['https://storage.googleapis.com/download/storage/v1/b/a/o/photo.jpg?alt=media', 'storage.googleapis.com/a'],
    ['https://storage.googleapis.com/', null],
    // S3: path-style and virtual-hosted, any region, name the same bucket.
    ['https://s3.amazonaws.com/bucket-b/photo.jpg', 's3.amazonaws.com/bucket-b'],
    ['https://s3.eu-west-1.amazonaws.com/bucket-b/photo.jpg', 's3.amazonaws.com/bucket-b'],
    ['https://bucket-b.s3.amazonaws.com/photo.jpg', 's3.amazonaws.com/bucket-b'],
    ['https://bucket-b.s3.eu-west-1.amazonaws.com/photo.jpg', 's3.amazonaws.com/bucket-b'],
    ['https://s3.amazonaws.com/', null],
    // WordPress.com: a blog is a subdomain; its media live on <blog>.files.wordpress.com.
    ['https://murdeltas.wordpress.com/2015/04/05/post/', 'murdeltas.wordpress.com'],
    ['https://murdeltas.files.wordpress.com/2015/04/sp014.jpg', 'murdeltas.wordpress.com'],
    ['https://onesongperday.files.wordpress.com/2015/04/x.jpg', 'onesongperday.wordpress.com'],
    // Photon (i0–i3.wp.com) serves another host's file: the file's own site counts.
    ['https://i0.wp.com/murdeltas.files.wordpress.com/2015/04/sp014.jpg?resize=300', 'murdeltas.wordpress.com'],
    ['https://i1.wp.com/i.creativecommons.org/l/by-sa/3.0/de/88x31.png', 'creativecommons.org'],
    ['https://i2.wp.com/', null],
    ['https://s2.wp.com/wp-content/mu-plugins/x.png', 'wp.com'],
    // Tumblr: a blog is a subdomain or the first path segment of www.tumblr.com; media hosts name none.
    ['https://staff.tumblr.com/post/1', 'staff.tumblr.com'],
    ['https://www.tumblr.com/changes/123', 'changes.tumblr.com'],
    ['https://www.tumblr.com/@changes', 'changes.tumblr.com'],
    ['https://64.media.tumblr.com/abc/s640x960/x.jpg', null],
    // GitHub raw files: the owner is the first path segment.
    ['https://raw.githubusercontent.com/alice/repo/main/a.png', 'raw.githubusercontent.com/alice'],
    // Neocities, Substack, Medium.
    ['https://alice.neocities.org/a.png', 'alice.neocities.org'],
    ['https://news.substack.com/p/x', 'news.substack.com'],
    ['https://medium.com/@alice/story-1', 'medium.com/@alice'],
    ['https://alice.medium.com/story-1', 'medium.com/@alice'],
    // Not a web URL: no site.
    ['data:image/png;base64,AAAA', null],
    ['not a url', null],
  ])('%s → %s', (url, site) => {
    expect(licenceSite(url)).toBe(site);
  });

  it.each<[string, string, boolean]>([
    ['https://storage.googleapis.com/a/index.html', 'https://storage.googleapis.com/b/photo.jpg', false],
    ['https://storage.googleapis.com/a/index.html', 'https://storage.googleapis.com/a/photo.jpg', true],
    ['https://storage.googleapis.com/a/index.html', 'https://a.storage.googleapis.com/photo.jpg', true],
    ['https://murdeltas.wordpress.com/post/', 'https://onesongperday.files.wordpress.com/x.jpg', false],
    ['https://murdeltas.wordpress.com/post/', 'https://murdeltas.files.wordpress.com/x.jpg', true],
    ['https://staff.tumblr.com/', 'https://64.media.tumblr.com/x.jpg', false],
    ['https://www.museum.example/', 'https://cdn.museum.example/x.jpg', true],
    ['https://alice.github.io/', 'https://bob.github.io/x.png', false],
  ])('%s and %s: same site %s', (page, image, same) => {
    expect(sameLicenceSite(page, image)).toBe(same);
  });

  it('two URLs that name no site are never the same site', () => {
    expect(sameLicenceSite('https://64.media.tumblr.com/a.jpg', 'https://64.media.tumblr.com/b.jpg')).toBe(false);
  });

  it('every listed shared host cites a source and really is one registrable domain in the PSL', () => {
    for (const host of SHARED_HOSTS) {
      expect(host.source, host.name).toMatch(/^https:\/\//);
      for (const example of host.examples) {
        // The PSL does not split these: without this module two tenants would be one site.
        expect(registrableDomain(example[0]), `${host.name}: ${example[0]}`).toBe(registrableDomain(example[1]));
        expect(licenceSite(example[0]), `${host.name}: ${example[0]}`).not.toBe(licenceSite(example[1]));
      }
    }
  });

  it('hosts the PSL already splits need no entry: their tenants are registrable domains of their own', () => {
    for (const { suffix, source } of PSL_SPLIT_HOSTS) {
      expect(source).toMatch(/^https:\/\//);
      expect(registrableDomain(`https://alice.${suffix}/`)).toBe(`alice.${suffix}`);
      expect(sameLicenceSite(`https://alice.${suffix}/`, `https://bob.${suffix}/x.png`)).toBe(false);
      expect(SHARED_HOSTS.some((h) => h.examples.some(([a]) => a.includes(`.${suffix}/`)))).toBe(false);
    }
  });
});

// Code and model forges host repositories as paths (DESIGN.md §2 rule 4: "repositories as
// paths"): one owner's page must not speak for another owner's files on the same host.
describe('forges: the owner in the path is the tenant', () => {
  it.each([
    ['https://github.com/alice/photos', 'https://github.com/bob/photos/raw/main/a.jpg'],
    ['https://github.com/alice/photos', 'https://github.com/bob/photos/blob/main/a.jpg?raw=true'],
    ['https://gitlab.com/alice/photos', 'https://gitlab.com/bob/photos/-/raw/main/a.jpg'],
    ['https://huggingface.co/datasets/alice/photos', 'https://huggingface.co/datasets/bob/photos/resolve/main/a.jpg'],
    ['https://huggingface.co/alice/model', 'https://huggingface.co/bob/model/resolve/main/a.jpg'],
  ])('%s does not speak for %s', (page, image) => {
    expect(sameLicenceSite(page, image)).toBe(false);
  });

  it.each([
    ['https://github.com/Alice/photos', 'https://github.com/alice/photos/raw/main/a.jpg'],
    ['https://huggingface.co/datasets/alice/photos', 'https://huggingface.co/datasets/alice/photos/resolve/main/a.jpg'],
  ])('%s speaks for its own %s', (page, image) => {
    expect(sameLicenceSite(page, image)).toBe(true);
  });
});

// More hosts where unrelated owners share one registrable domain (DESIGN.md §2 rule 4).
describe('more shared hosts: archives, forges, Firebase, Google Sites, itch.io', () => {
  it.each([
    // The Wayback Machine serves every archived site from web.archive.org: an archived page's
    // licence is its own site's, and never another archived site's image.
    ['https://web.archive.org/web/20200101000000/https://alice.example/gallery', 'https://web.archive.org/web/20200101000000im_/https://bob.example/a.jpg'],
    // Internet Archive items: each uploader's item is its own.
    ['https://archive.org/details/alice-photos', 'https://archive.org/download/bob-photos/a.jpg'],
    ['https://archive.org/details/alice-photos', 'https://ia800100.us.archive.org/12/items/bob-photos/a.jpg'],
    ['https://archive.org/details/alice-photos', 'https://archive.org/services/img/bob-photos'],
    // Gitea/Forgejo forges and Bitbucket: repositories as paths.
    ['https://codeberg.org/alice/photos', 'https://codeberg.org/bob/photos/raw/branch/main/a.jpg'],
    ['https://gitea.com/alice/photos', 'https://gitea.com/bob/photos/raw/branch/main/a.jpg'],
    ['https://bitbucket.org/alice/photos', 'https://bitbucket.org/bob/photos/raw/main/a.jpg'],
    // Firebase Storage: the bucket in the path.
    ['https://firebasestorage.googleapis.com/v0/b/alice.appspot.com/o/page.html?alt=media', 'https://firebasestorage.googleapis.com/v0/b/bob.appspot.com/o/a.jpg?alt=media'],
    // Google Sites: one site per path under sites.google.com, and none of them is Google's own.
    ['https://sites.google.com/view/alice', 'https://sites.google.com/view/bob/a.jpg'],
    ['https://sites.google.com/view/alice', 'https://www.google.com/images/branding/logo.png'],
    // itch.io creators are subdomains.
    ['https://alice.itch.io/game', 'https://bob.itch.io/x.png'],
  ])('%s does not speak for %s', (page, image) => {
    expect(sameLicenceSite(page, image)).toBe(false);
  });

  it.each([
    ['https://web.archive.org/web/20200101000000/https://alice.example/gallery', 'https://web.archive.org/web/20200101000000im_/http://www.alice.example/a.jpg'],
    ['https://archive.org/details/alice-photos', 'https://archive.org/download/alice-photos/a.jpg'],
    ['https://codeberg.org/alice/photos', 'https://codeberg.org/alice/photos/raw/branch/main/a.jpg'],
    ['https://sites.google.com/view/alice', 'https://sites.google.com/view/alice/about'],
  ])('%s speaks for its own %s', (page, image) => {
    expect(sameLicenceSite(page, image)).toBe(true);
  });
});

// Photo and portfolio hosts that put each user on a subdomain (or a path) of one registrable
// domain the PSL does not split (DESIGN.md §2 rule 4): without an entry, alice's page licence
// covered bob's photos and the images on the host's shared image server.
describe('photo and portfolio hosts: a user page speaks only for that user', () => {
  it.each([
    // SmugMug: NICKNAME.smugmug.com; photos.smugmug.com serves every account's images.
    ['https://alice.smugmug.com/Landscapes/n-abc', 'https://bob.smugmug.com/Landscapes/n-xyz/i-K3y/0/L/i-K3y-L.jpg'],
    ['https://alice.smugmug.com/Landscapes/n-abc', 'https://photos.smugmug.com/Landscapes/n-abc/i-K3y/0/L/i-K3y-L.jpg'],
    // Squarespace: SITEID.squarespace.com; static1.squarespace.com serves every site's files.
    ['https://alice.squarespace.com/gallery', 'https://bob.squarespace.com/s/photo.jpg'],
    ['https://alice.squarespace.com/gallery', 'https://static1.squarespace.com/static/5f0c1a/t/5f0c1b/photo.jpg'],
    // Flickr: www.flickr.com/photos/USER/…; farmN.static.flickr.com serves every user's photos.
    ['https://www.flickr.com/photos/alice/albums/72157626164453131', 'https://www.flickr.com/photos/bob/50567413447/sizes/l/'],
    ['https://www.flickr.com/photos/alice/', 'https://www.flickr.com/people/bob/'],
    ['https://www.flickr.com/photos/alice/', 'https://farm1.static.flickr.com/2/1418878_1e92283336_m.jpg'],
    // ArtStation: www.artstation.com/USER and USER.artstation.com; cdna/cdnb.artstation.com serve every user's images.
    ['https://alice.artstation.com/projects/EJ6Jn', 'https://bob.artstation.com/projects/Xk2aB'],
    ['https://www.artstation.com/alice', 'https://www.artstation.com/bob/albums/all'],
    ['https://alice.artstation.com/projects/EJ6Jn', 'https://cdna.artstation.com/p/assets/images/images/008/265/652/large/a.jpg'],
    ['https://www.artstation.com/artwork/EJ6Jn', 'https://www.artstation.com/artwork/Xk2aB'],
    // DeviantArt: www.deviantart.com/USER (formerly USER.deviantart.com, which redirects there).
    ['https://www.deviantart.com/alice/art/Sunset-123456789', 'https://www.deviantart.com/bob/art/Dawn-987654321'],
    ['https://alice.deviantart.com/gallery/', 'https://bob.deviantart.com/art/Dawn-987654321'],
    // Cargo: SITE.cargo.site; freight.cargo.site serves every site's images.
    ['https://alice.cargo.site/Work', 'https://bob.cargo.site/Work'],
    ['https://alice.cargo.site/Work', 'https://freight.cargo.site/w/1200/i/b69408e5823e0446764e93caefbe15b2a00cabe474d71a8dfc4008c5f2e2efb7/a.png'],
    // Jimdo: SITE.jimdofree.com (older sites SITE.jimdo.com); u.jimdo.com serves older sites' uploads.
    ['https://alice.jimdofree.com/gallery/', 'https://bob.jimdofree.com/app/download/1/a.jpg'],
    ['https://alice.jimdo.com/gallery/', 'https://bob.jimdo.com/gallery/'],
    ['https://alice.jimdo.com/gallery/', 'https://u.jimdo.com/www21/o/s4e9df44a0ad8ccd8/img/i8b711531294e44fd/1323739764/std/image.png'],
  ])('%s does not speak for %s', (page, image) => {
    expect(licenceSite(page)).not.toBe(licenceSite(image));
    expect(sameLicenceSite(page, image)).toBe(false);
  });

  it.each([
    ['https://alice.smugmug.com/Landscapes/n-abc', 'https://alice.smugmug.com/Landscapes/n-abc/i-K3y/A'],
    ['https://alice.squarespace.com/gallery', 'https://alice.squarespace.com/s/photo.jpg'],
    ['https://www.flickr.com/photos/alice/albums/72157626164453131', 'https://flickr.com/photos/alice/50567413447'],
    ['https://www.flickr.com/people/alice/', 'https://www.flickr.com/photos/Alice/50567413447'],
    ['https://www.artstation.com/alice', 'https://alice.artstation.com/projects/EJ6Jn'],
    ['https://alice.deviantart.com/gallery/', 'https://www.deviantart.com/alice/art/Sunset-123456789'],
    ['https://alice.cargo.site/Work', 'https://alice.cargo.site/About'],
    ['https://alice.jimdofree.com/gallery/', 'https://alice.jimdofree.com/app/download/1/a.jpg'],
  ])('%s speaks for its own %s', (page, image) => {
    expect(sameLicenceSite(page, image)).toBe(true);
  });

  it.each<[string, string | null]>([
    ['https://alice.smugmug.com/x', 'alice.smugmug.com'],
    ['https://www.smugmug.com/', 'smugmug.com'],
    ['https://photos.smugmug.com/photos/i-K3y/0/XL/i-K3y-XL.jpg', null],
    ['https://alice.squarespace.com/', 'alice.squarespace.com'],
    ['https://static.squarespace.com/static/x/photo.jpg', null],
    ['https://static1.squarespace.com/static/x/photo.jpg', null],
    ['https://www.flickr.com/photos/12021774@N05/50567413447', 'flickr.com/photos/12021774@n05'],
    ['https://www.flickr.com/explore', 'flickr.com'],
    ['https://www.flickr.com/photos/', null],
    ['https://farm1.static.flickr.com/2/1418878_1e92283336_m.jpg', null],
    ['https://www.artstation.com/alice', 'alice.artstation.com'],
    ['https://www.artstation.com/artwork/EJ6Jn', 'artstation.com/artwork/ej6jn'],
    ['https://cdnb.artstation.com/p/assets/images/images/008/265/652/large/a.jpg', null],
    ['https://www.deviantart.com/alice/art/Sunset-123456789', 'deviantart.com/alice'],
    ['https://alice.deviantart.com/', 'deviantart.com/alice'],
    ['https://www.deviantart.com/', 'deviantart.com'],
    ['https://alice.cargo.site/Work', 'alice.cargo.site'],
    ['https://freight.cargo.site/t/original/i/x/a.jpg', null],
    ['https://alice.jimdofree.com/', 'alice.jimdofree.com'],
    ['https://alice.jimdo.com/', 'alice.jimdo.com'],
    ['https://u.jimdo.com/www21/o/s4e9/img/i8b7/1323739764/std/image.png', null],
  ])('%s → %s', (url, site) => {
    expect(licenceSite(url)).toBe(site);
  });
});

describe('carriedUrls: the addresses an image proxy URL carries', () => {
  it.each<[string, string[]]>([
    ['https://museum.example/_next/image?url=https%3A%2F%2Fother.example%2Fa.jpg&w=640&q=75', ['https://other.example/a.jpg']],
    ['https://museum.example/_next/image?url=%2Fimg%2Fa.jpg&w=640', []],
    ['https://images.weserv.nl/?url=https://other.example/a.jpg', ['https://other.example/a.jpg']],
    ['https://res.cloudinary.com/demo/image/fetch/w_300/https://other.example/a.jpg', ['https://other.example/a.jpg']],
    // Encoded twice, a backslash or a single slash after the scheme: still an address.
    ['https://museum.example/proxy?src=https%253A%252F%252Fother.example%252Fa.jpg', ['https://other.example/a.jpg']],
    ['https://museum.example/fetch/https:/other.example/a.jpg', ['https://other.example/a.jpg']],
    ['https://museum.example/p?u=//other.example/a.jpg', ['https://other.example/a.jpg']],
    ['https://i0.wp.com/other.example/wp-content/a.jpg?w=600', ['https://other.example/wp-content/a.jpg']],
    ['https://museum.example/a.jpg', []],
    ['data:image/png;base64,AAAA', []],
  ])('%s carries %j', (url, expected) => {
    expect(carriedUrls(url)).toEqual(expected);
  });
});

// Google Translate's website proxy serves a site's pages and files from HOST-ENCODED.translate.goog
// (Google Search Central, "Enabling your ad network to work with translation-related Google
// Search features": the decoding steps). Such a URL is the original site's page or file.
describe('Google Translate proxy URLs name the site they copy', () => {
  it.each([
    ['https://www-pinterest-com.translate.goog/pin/1/?_x_tr_sl=auto&_x_tr_tl=en&_x_tr_hl=en', 'https://www.pinterest.com/pin/1/'],
    ['https://i-pinimg-com.translate.goog/736x/a.jpg?_x_tr_sl=auto&_x_tr_tl=en', 'https://i.pinimg.com/736x/a.jpg'],
    ['https://my--site-example-com.translate.goog/a.jpg?q=1&_x_tr_sl=de', 'https://my-site.example.com/a.jpg?q=1'],
    ['https://pinterest-com.translate.goog/pin/1?_x_tr_hp=www-&_x_tr_sl=auto', 'https://www.pinterest.com/pin/1'],
    ['https://1-800-flowers-com.translate.goog/?_x_tr_enc=1', 'https://800.flowers.com/'],
    ['https://0-bcher-example.translate.goog/a.jpg?_x_tr_enc=0', 'https://xn--bcher.example/a.jpg'],
  ])('%s is a copy of %s', (proxied, original) => {
    expect(pageCopyOf(proxied)?.original).toBe(original);
    expect(carriedAddresses(proxied)).toContain(original);
  });
  it('names no copy for translate.goog itself or another host', () => {
    expect(pageCopyOf('https://translate.goog/')).toBeNull();
    expect(pageCopyOf('https://www-example-com.translate.google.com/a.jpg')).toBeNull();
  });
  it('a translated page speaks for its own site’s images, not another’s', () => {
    expect(sameLicenceSite('https://www-museum-example.translate.goog/gallery?_x_tr_sl=de', 'https://www-museum-example.translate.goog/a.jpg?_x_tr_sl=de')).toBe(true);
    expect(sameLicenceSite('https://www-museum-example.translate.goog/gallery?_x_tr_sl=de', 'https://museum.example/a.jpg')).toBe(true);
    expect(sameLicenceSite('https://www-museum-example.translate.goog/gallery', 'https://www-other-example.translate.goog/a.jpg')).toBe(false);
  });
});

describe('carriedAddresses: a path segment read as a URL parser reads a host', () => {
  it('HOST:PORT, USER@HOST and full-width letters name HOST; a handle or a version names none', () => {
    expect(carriedAddresses('https://img.cdn.example/fit/i.pinimg.com:443/736x/a.jpg')).toContain('https://i.pinimg.com/736x/a.jpg');
    expect(carriedAddresses('https://img.cdn.example/fit/anyone@i.pinimg.com/736x/a.jpg')).toContain('https://i.pinimg.com/736x/a.jpg');
    expect(carriedAddresses('https://img.cdn.example/fit/%EF%BD%89.pinimg.com/736x/a.jpg')).toContain('https://i.pinimg.com/736x/a.jpg');
    expect(carriedAddresses('https://social.example/@jane.art/cover.jpg')).toEqual([]);
    expect(carriedAddresses('https://cdn.example/v1.2:3/a.jpg')).toEqual([]);
  });
});
