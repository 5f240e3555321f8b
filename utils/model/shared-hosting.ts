import { parse as parseHost } from 'tldts';
import { bareHost, registrableDomain } from './registrable-domain';
import { renditionsForSignalFiles } from './renditions';

/**
 * Shared hosting (DESIGN.md §2 rule 4): one registrable domain, many unrelated owners — blogs
 * as subdomains, buckets or repositories as paths. A page speaks only for its own tenant's
 * images, so licence scope compares the *licence site* of the page and of every URL the image
 * came through: the tenant on a host listed here, else the registrable domain (eTLD+1).
 *
 * Only hosts the Public Suffix List does not already split are listed: PSL private entries
 * (github.io, blogspot.com, netlify.app…, see PSL_SPLIT_HOSTS) already make each tenant a
 * registrable domain of its own, through `registrableDomain` (tldts, private domains on).
 *
 * Where this scope applies: licences only (what may *grant* a permission). Opt-outs a page
 * declares (its TDM header or meta for same-domain images) and the scope of signal files Heed
 * fetches for a page (linked RSL documents) keep the registrable domain: a wider scope there can
 * only refuse more, which is the fail-closed reading (DESIGN.md §2: take the reading that cannot
 * keep what the owner refused), and a tenant's opt-out applied to its neighbour only withholds.
 */

/** One shared host, how it names its tenants, and where that naming is documented. */
export interface SharedHost {
  name: string;
  /** Where the tenant naming is documented (checked when the entry was written). */
  source: string;
  /** How tenants are named, in words. */
  tenants: string;
  /** Whether `host` (lower-case) belongs to this shared host. */
  matches(host: string): boolean;
  /** The tenant's licence site for a URL on this host; null when the URL names no tenant. */
  tenantOf(url: URL, host: string): string | null;
  /** Pairs of URLs on one registrable domain that belong to different tenants (tested). */
  examples: readonly (readonly [string, string])[];
}

/** A path segment, percent-decoded and lower-cased; null when empty or not decodable. */
function segment(url: URL, index: number): string | null {
  const raw = url.pathname.split('/')[index + 1];
  if (!raw) return null;
  try {
    const s = decodeURIComponent(raw).toLowerCase();
    return s && !s.includes('/') ? s : null;
  } catch {
    return null;
  }
}

/** Labels of `host` left of `suffix` (`a.b.wordpress.com` → [a, b]); null if not under it. */
function labelsUnder(host: string, suffix: string): string[] | null {
  if (host === suffix) return [];
  return host.endsWith(`.${suffix}`) ? host.slice(0, -suffix.length - 1).split('.') : null;
}

const under = (suffix: string) => (host: string) => labelsUnder(host, suffix) !== null;

/** The host's own name, bare or `www.` (labels under its suffix): the host's, no tenant's. */
const isApex = (labels: readonly string[]) => labels.length === 0 || (labels.length === 1 && labels[0] === 'www');

/** A blog platform naming each blog by one subdomain label; its bare and www host are the platform's own. */
function subdomainTenant(suffix: string, host: string): string | null {
  const labels = labelsUnder(host, suffix);
  if (labels === null) return null;
  if (isApex(labels)) return suffix;
  return labels.length === 1 ? `${labels[0]}.${suffix}` : null;
}

// Cloud Storage: virtual-hosted `BUCKET.storage.googleapis.com/OBJECT`, path-style
// `storage.googleapis.com/BUCKET/OBJECT`, and the JSON API's `/storage/v1/b/BUCKET/o/…`
// and `/download/storage/v1/b/BUCKET/o/…` (bucket names may contain dots).
const GCS_HOSTS = ['storage.googleapis.com', 'commondatastorage.googleapis.com'];
function gcsBucket(url: URL, host: string): string | null {
  for (const base of GCS_HOSTS) {
    if (host.endsWith(`.${base}`)) return host.slice(0, -base.length - 1) || null;
    if (host !== base) continue;
    const first = segment(url, 0);
    if (first === 'storage' && segment(url, 1) === 'v1' && segment(url, 2) === 'b') return segment(url, 3);
    if (first === 'download' && segment(url, 1) === 'storage' && segment(url, 2) === 'v1' && segment(url, 3) === 'b') return segment(url, 4);
    return first;
  }
  return null;
}

// S3: `BUCKET.s3[.-]REGION….amazonaws.com[.cn]/KEY` or path-style `s3[.-]REGION….amazonaws.com/BUCKET/KEY`.
// Bucket names are unique across a partition, so every regional endpoint names the same bucket.
const S3_HOST = /^(?:(.+)\.)?s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/;

const PHOTON = /^i[0-3]\.wp\.com$/;
const MEDIUM_MEDIA = new Set(['miro', 'cdn-images-1', 'cdn-images-2']);
// Squarespace's file hosts: "URLs that begin with images.squarespace-cdn.com, static.squarespace.com,
// or static1.squarespace.com" (https://support.squarespace.com/hc/en-us/articles/205812748).
const SQUARESPACE_STATIC = /^static\d*$/;
// ArtStation serves every user's images from cdna/cdnb.artstation.com (…/p/assets/images/images/…).
const ARTSTATION_CDN = /^cdn[a-z0-9-]*$/;

/**
 * A host naming each user by one subdomain label (`subdomainTenant`) whose shared image servers,
 * on the same registrable domain, name no user: a page licence never covers them.
 */
function subdomainTenantExcept(suffix: string, media: (label: string) => boolean, host: string): string | null {
  const labels = labelsUnder(host, suffix);
  return labels?.length === 1 && media(labels[0]!) ? null : subdomainTenant(suffix, host);
}

/**
 * A forge hosting repositories as paths (`HOST/OWNER/REPO/…`): the owner — the first path
 * segment, after a repository-type segment where the forge has them (`datasets/OWNER/…`) — is
 * the tenant; the bare host and www are the forge's own site.
 */
function forge(name: string, base: string, source: string, typeSegments: readonly string[], example: readonly [string, string]): SharedHost {
  return {
    name,
    source,
    tenants: `the owner: ${base}/${typeSegments.length > 0 ? `[${typeSegments.join('|')}/]` : ''}OWNER/REPO/…`,
    matches: (host) => host === base || host === `www.${base}`,
    tenantOf: (url) => {
      const first = segment(url, 0);
      const owner = first !== null && typeSegments.includes(first) ? segment(url, 1) : first;
      return owner ? `${base}/${owner}` : base;
    },
    examples: [example],
  };
}

/** `https://alice.example/x` from a Wayback path `/web/TIMESTAMP[flags_]/ORIGINAL`; null when it names none. */
const WAYBACK = /^\/web\/\d{1,14}(?:[a-z]{2}_)?\/(.+)$/i;
function waybackOriginal(url: URL): string | null {
  const m = WAYBACK.exec(url.pathname);
  if (!m?.[1]) return null;
  const inner = m[1].replace(/^(https?):\/*/i, '$1://');
  return /^https?:\/\//i.test(inner) ? inner : `http://${inner}`;
}

/** `input` parsed, when it is an http(s) URL; null for anything else (or no URL at all). */
function httpUrl(input: string): URL | null {
  try {
    const url = new URL(input);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

const TRANSLATE_PROXY = '.translate.goog';

/**
 * The host a Google Translate proxy host (`HOST-ENCODED.translate.goog`) serves, decoded as
 * Google documents it (Search Central, "Enabling your ad network to work with translation-related
 * Google Search features"): `_x_tr_hp` prepended, the `1-` / `0-` prefixes `_x_tr_enc` names
 * dropped (`0-`: an IDN, given back its `xn--`), each single `-` between word characters a dot,
 * each `--` a `-`. Null for any other host, or a host that decodes to no name.
 */
function translatedHost(url: URL): string | null {
  const host = bareHost(url.hostname);
  if (!host.endsWith(TRANSLATE_PROXY)) return null;
  let name = host.slice(0, -TRANSLATE_PROXY.length);
  if (!name || name.includes('.')) return null;
  const encodings = (url.searchParams.get('_x_tr_enc') ?? '').split(',');
  name = (url.searchParams.get('_x_tr_hp') ?? '') + name;
  if (encodings.includes('1') && name.startsWith('1-')) name = name.slice(2);
  let idn = false;
  if (encodings.includes('0') && name.startsWith('0-')) {
    name = name.slice(2);
    idn = true;
  }
  name = name.replace(/\b-\b/g, '.').replace(/--/g, '-');
  if (idn) name = `xn--${name}`;
  return /^[a-z0-9.-]+$/i.test(name) && name.includes('.') ? name.toLowerCase() : null;
}

/** `url` without Google Translate's own `_x_tr_*` parameters (the original URL's query). */
function withoutTranslateParams(url: URL): string {
  const params = [...url.searchParams].filter(([k]) => !k.startsWith('_x_tr_'));
  return params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
}

/**
 * What a page or file is a copy of, when another service serves it under its own address: a
 * Wayback Machine snapshot (`web.archive.org/web/TIMESTAMP[flags_]/URL`) or a Google Translate
 * proxy copy (`HOST-ENCODED.translate.goog/PATH`): the original URL and who copies it. Null for
 * any other URL. Decision (DESIGN.md §2 rules 1 and 4): such a copy is the original site's page
 * or file — its registry, block-list entries, licence scope and signal files apply.
 */
export function pageCopyOf(input: string): { original: string; by: string } | null {
  const url = httpUrl(input);
  if (url === null) return null;
  if (bareHost(url.hostname) === 'web.archive.org') {
    const original = waybackOriginal(url);
    return original === null ? null : { original: original + url.search, by: 'the Wayback Machine' };
  }
  const host = translatedHost(url);
  return host === null ? null : { original: `https://${host}${url.pathname}${withoutTranslateParams(url)}`, by: 'Google Translate' };
}

/** Internet Archive item identifiers in the URL forms items are served under. */
const IA_ITEM_PATHS = new Set(['details', 'download', 'embed', 'stream']);
const IA_DATANODE = /^ia\d+\.(?:us\.)?archive\.org$/;

export const SHARED_HOSTS: readonly SharedHost[] = [
  {
    name: 'Google Cloud Storage',
    source: 'https://cloud.google.com/storage/docs/request-endpoints',
    tenants: 'the bucket: BUCKET.storage.googleapis.com/OBJECT or storage.googleapis.com/BUCKET/OBJECT',
    matches: (host) => GCS_HOSTS.some((base) => host === base || host.endsWith(`.${base}`)),
    tenantOf: (url, host) => {
      const bucket = gcsBucket(url, host);
      return bucket ? `storage.googleapis.com/${bucket}` : null;
    },
    examples: [['https://storage.googleapis.com/a/index.html', 'https://storage.googleapis.com/b/photo.jpg']],
  },
  {
    name: 'Amazon S3',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html',
    tenants: 'the bucket: BUCKET.s3.REGION.amazonaws.com/KEY or, path-style, s3.REGION.amazonaws.com/BUCKET/KEY ("the first slash-delimited component of the Request-URI path")',
    matches: (host) => S3_HOST.test(host),
    tenantOf: (url, host) => {
      const bucket = S3_HOST.exec(host)?.[1] ?? segment(url, 0);
      return bucket ? `s3.amazonaws.com/${bucket}` : null;
    },
    examples: [['https://s3.amazonaws.com/a/index.html', 'https://s3.amazonaws.com/b/photo.jpg'], ['https://s3.eu-west-1.amazonaws.com/a/x.html', 'https://s3.eu-west-1.amazonaws.com/b/y.jpg']],
  },
  {
    name: 'WordPress.com',
    // The blog address; its uploads on BLOG.files.wordpress.com are seen in the saved page
    // murdeltas.wordpress.com (/work/shared/realworld/sites/SOURCES.md: adbar/trafilatura tests/eval).
    source: 'https://en.support.wordpress.com/domains/all-about-domains/',
    tenants: 'the blog: BLOG.wordpress.com, its media on BLOG.files.wordpress.com',
    matches: under('wordpress.com'),
    tenantOf: (_url, host) => {
      const labels = labelsUnder(host, 'wordpress.com') ?? [];
      const blog = labels.length === 2 && labels[1] === 'files' ? labels[0] : labels.length === 1 ? labels[0] : labels.length === 0 ? 'www' : null;
      if (!blog) return null;
      return blog === 'www' ? 'wordpress.com' : `${blog}.wordpress.com`;
    },
    examples: [['https://murdeltas.wordpress.com/post/', 'https://onesongperday.files.wordpress.com/2015/04/x.jpg']],
  },
  {
    name: 'WordPress.com Photon (Jetpack Site Accelerator)',
    // i0–i3.wp.com/HOST/PATH serves HOST/PATH resized (e.g. http://i0.wp.com/www.slimndap.com/wp-content/…).
    source: 'https://jetpack.com/support/site-accelerator/',
    tenants: 'the proxied file: i0.wp.com/HOST/PATH is HOST/PATH, whose own site counts; other wp.com hosts are the platform',
    matches: under('wp.com'),
    tenantOf: (url, host) => {
      if (!PHOTON.test(host)) return 'wp.com';
      const inner = /^\/([a-z0-9.-]+\.[a-z0-9-]+)(\/.*)?$/i.exec(url.pathname);
      if (!inner?.[1] || PHOTON.test(inner[1].toLowerCase())) return null;
      return licenceSite(`https://${inner[1]}${inner[2] ?? '/'}`);
    },
    examples: [['https://i0.wp.com/alice.files.wordpress.com/a.jpg', 'https://i0.wp.com/bob.example/b.jpg']],
  },
  {
    name: 'Tumblr',
    source: 'https://github.com/tumblr/docs/blob/master/api.md#blog-identifiers',
    tenants: 'the blog: BLOG.tumblr.com or www.tumblr.com/BLOG (or /@BLOG); media hosts (N.media.tumblr.com) name no blog',
    matches: under('tumblr.com'),
    tenantOf: (url, host) => {
      const labels = labelsUnder(host, 'tumblr.com') ?? [];
      if (isApex(labels)) {
        const blog = segment(url, 0)?.replace(/^@/, '');
        return blog ? `${blog}.tumblr.com` : 'tumblr.com';
      }
      return labels.length === 1 ? `${labels[0]}.tumblr.com` : null;
    },
    examples: [['https://staff.tumblr.com/', 'https://changes.tumblr.com/x.jpg'], ['https://staff.tumblr.com/', 'https://64.media.tumblr.com/x.jpg']],
  },
  {
    name: 'GitHub raw files',
    source: 'https://rdrr.io/cran/getable/man/from_repo.html',
    tenants: 'the owner: raw.githubusercontent.com/OWNER/REPO/BRANCH/PATH (gist.githubusercontent.com/OWNER/…)',
    matches: (host) => host === 'raw.githubusercontent.com' || host === 'gist.githubusercontent.com',
    tenantOf: (url, host) => {
      const owner = segment(url, 0);
      return owner ? `${host}/${owner}` : null;
    },
    examples: [['https://raw.githubusercontent.com/alice/r/main/a.png', 'https://raw.githubusercontent.com/bob/r/main/b.png']],
  },
  // Repository pages and their files (`github.com/OWNER/REPO/raw/…`, `blob/…?raw=true`).
  forge('GitHub', 'github.com', 'https://rdrr.io/cran/tfse/man/github_raw.html', [], ['https://github.com/alice/r', 'https://github.com/bob/r/raw/main/b.png']),
  // `gitlab.com/GROUP[/SUBGROUP…]/PROJECT/-/raw/…`: the top-level group owns everything under it.
  forge('GitLab', 'gitlab.com', 'https://gitlab.com/gitlab-org/gitlab/-/work_items/232924', [], ['https://gitlab.com/alice/r', 'https://gitlab.com/bob/r/-/raw/main/b.png']),
  // Hub repository ids are NAMESPACE/NAME under an optional type (HF URIs: models/, datasets/, spaces/, kernels/, buckets/).
  forge('Hugging Face Hub', 'huggingface.co', 'https://huggingface.co/docs/huggingface_hub/en/package_reference/hf_uris', ['models', 'datasets', 'spaces', 'kernels', 'buckets'], [
    'https://huggingface.co/datasets/alice/d',
    'https://huggingface.co/datasets/bob/d/resolve/main/b.png',
  ]),
  // Gitea/Forgejo (Codeberg runs Forgejo) serve files at OWNER/REPO/raw/REF/PATH, as Gogs, their origin.
  forge('Codeberg', 'codeberg.org', 'https://gogs.io/api-reference/repositories/download-raw-content', [], ['https://codeberg.org/alice/r', 'https://codeberg.org/bob/r/raw/branch/main/b.png']),
  forge('Gitea', 'gitea.com', 'https://gogs.io/api-reference/repositories/download-raw-content', [], ['https://gitea.com/alice/r', 'https://gitea.com/bob/r/raw/branch/main/b.png']),
  // `bitbucket.org/WORKSPACE/REPO/src/…` (and `/raw/…`): the workspace is the tenant.
  forge('Bitbucket', 'bitbucket.org', 'https://backstage.io/docs/reference/integration.getbitbucketcloudfilefetchurl', [], ['https://bitbucket.org/alice/r', 'https://bitbucket.org/bob/r/raw/main/b.png']),
  {
    name: 'Wayback Machine',
    // Snapshots are web.archive.org/web/TIMESTAMP/ORIGINAL-URL (the availability API's answers).
    source: 'https://archive.org/help/wayback_api.php',
    tenants: "the archived site: web.archive.org/web/TIMESTAMP[flags_]/URL is URL's own site's copy; other paths are the archive's",
    matches: (host) => host === 'web.archive.org',
    tenantOf: (url) => {
      if (!url.pathname.startsWith('/web/')) return 'web.archive.org';
      const original = waybackOriginal(url);
      if (original === null) return null;
      let inner: URL;
      try {
        inner = new URL(original);
      } catch {
        return null;
      }
      // A snapshot of a snapshot names no site of its own.
      return inner.hostname.toLowerCase() === 'web.archive.org' ? null : licenceSite(inner.href);
    },
    examples: [['https://web.archive.org/web/2020/https://alice.example/', 'https://web.archive.org/web/2020im_/https://bob.example/b.png']],
  },
  {
    name: 'Internet Archive items',
    // "Archive.org is made up of items": archive.org/details/IDENTIFIER, its files at
    // archive.org/download/IDENTIFIER/FILE (served from iaNNN.us.archive.org/N/items/IDENTIFIER/FILE).
    source: 'https://archive.org/developers/items.html',
    tenants: 'the item: archive.org/(details|download|embed|stream)/IDENTIFIER, archive.org/services/img/IDENTIFIER, iaNNN.us.archive.org/N/items/IDENTIFIER',
    matches: under('archive.org'),
    tenantOf: (url, host) => {
      if (host === 'archive.org' || host === 'www.archive.org') {
        const first = segment(url, 0);
        const item = first !== null && IA_ITEM_PATHS.has(first) ? segment(url, 1) : first === 'services' && segment(url, 1) === 'img' ? segment(url, 2) : undefined;
        if (item === undefined) return 'archive.org';
        return item ? `archive.org/${item}` : null;
      }
      if (IA_DATANODE.test(host) && segment(url, 1) === 'items') {
        const item = segment(url, 2);
        return item ? `archive.org/${item}` : null;
      }
      return null;
    },
    examples: [['https://archive.org/details/alice', 'https://archive.org/download/bob/b.png']],
  },
  {
    name: 'Firebase Storage',
    // Download URLs are firebasestorage.googleapis.com/v0/b/BUCKET/o/OBJECT: a Cloud Storage bucket.
    source: 'https://www.sentinelstand.com/article/guide-to-firebase-storage-download-urls-tokens',
    tenants: 'the bucket: firebasestorage.googleapis.com/v0/b/BUCKET/o/OBJECT (the same bucket as on storage.googleapis.com)',
    matches: (host) => host === 'firebasestorage.googleapis.com',
    tenantOf: (url) => {
      const bucket = segment(url, 0) === 'v0' && segment(url, 1) === 'b' ? segment(url, 2) : null;
      return bucket ? `storage.googleapis.com/${bucket}` : null;
    },
    examples: [['https://firebasestorage.googleapis.com/v0/b/a/o/x.html', 'https://firebasestorage.googleapis.com/v0/b/b/o/y.jpg']],
  },
  {
    name: 'Google Sites',
    // Published sites live at sites.google.com/view/NAME (classic: /site/NAME, /a/DOMAIN/NAME), e.g.
    // https://sites.google.com/view/tutorial-gsites-adaka2005/… ; google.com's other hosts are Google's own.
    source: 'https://newsitesguide.pjrprojects.co.uk/published-vs-unpublished',
    tenants: 'the site: sites.google.com/view/NAME, sites.google.com/site/NAME or sites.google.com/a/DOMAIN/NAME',
    matches: (host) => host === 'sites.google.com',
    tenantOf: (url) => {
      const first = segment(url, 0);
      if (first === 'view' || first === 'site') {
        const name = segment(url, 1);
        return name ? `sites.google.com/${first}/${name}` : null;
      }
      if (first === 'a') {
        const domain = segment(url, 1);
        const name = segment(url, 2);
        return domain && name ? `sites.google.com/a/${domain}/${name}` : null;
      }
      return null;
    },
    examples: [['https://sites.google.com/view/alice', 'https://sites.google.com/view/bob/b.png'], ['https://sites.google.com/view/alice', 'https://www.google.com/logo.png']],
  },
  {
    name: 'itch.io',
    // Each creator's pages are CREATOR.itch.io (a profile's url: "https://indie-dev.itch.io").
    source: 'https://raw.githubusercontent.com/api-evangelist/itch-io/refs/heads/main/examples/get-profile.json',
    tenants: 'the creator: CREATOR.itch.io',
    matches: under('itch.io'),
    tenantOf: (_url, host) => subdomainTenant('itch.io', host),
    examples: [['https://alice.itch.io/game', 'https://bob.itch.io/b.png']],
  },
  {
    name: 'Neocities',
    // Neocities' own server configuration: server_name ~^(?<subdomain>.+)\.neocities.org$; root …/sites/$subdomain.
    source: 'https://gist.github.com/kyledrake/5697330',
    tenants: 'the site: SITE.neocities.org',
    matches: under('neocities.org'),
    tenantOf: (_url, host) => subdomainTenant('neocities.org', host),
    examples: [['https://alice.neocities.org/', 'https://bob.neocities.org/x.png']],
  },
  {
    name: 'Substack',
    source: 'https://substackcourse.com/substack-subdomain/',
    tenants: 'the publication: PUBLICATION.substack.com',
    matches: under('substack.com'),
    tenantOf: (_url, host) => subdomainTenant('substack.com', host),
    examples: [['https://alice.substack.com/p/x', 'https://bob.substack.com/x.png']],
  },
  {
    name: 'Medium',
    source: 'https://letters.byburk.net/p/one-reason-not-to-publish-with-medium-publications',
    tenants: 'the profile or publication: medium.com/@USER (also USER.medium.com) or medium.com/PUBLICATION; media hosts (miro.medium.com) name none',
    matches: under('medium.com'),
    tenantOf: (url, host) => {
      const labels = labelsUnder(host, 'medium.com') ?? [];
      if (isApex(labels)) {
        const first = segment(url, 0);
        return first ? `medium.com/${first}` : 'medium.com';
      }
      return labels.length === 1 && !MEDIUM_MEDIA.has(labels[0]!) ? `medium.com/@${labels[0]}` : null;
    },
    examples: [['https://medium.com/@alice/a', 'https://medium.com/@bob/b'], ['https://medium.com/@alice/a', 'https://miro.medium.com/x.png']],
  },
  {
    name: 'SmugMug',
    // Each account's site is NICKNAME.smugmug.com ("If your SmugMug URL is superman.smugmug.com…",
    // "log in and log out from www.smugmug.com or yournickname.smugmug.com"). Every account's images
    // are served from photos.smugmug.com (photos.smugmug.com/GALLERY/…/i-KEY/0/…/i-KEY-L.jpg), which
    // names no account: a page licence never covers it.
    source: 'https://www.smugmughelp.com/hc/en-us/articles/18212101576596-Log-in-to-my-account',
    tenants: 'the account: NICKNAME.smugmug.com; the shared image host photos.smugmug.com names none',
    matches: under('smugmug.com'),
    tenantOf: (_url, host) => subdomainTenantExcept('smugmug.com', (label) => label === 'photos', host),
    examples: [
      ['https://alice.smugmug.com/Landscapes/n-abc', 'https://bob.smugmug.com/Landscapes/n-xyz/i-K3y/0/L/i-K3y-L.jpg'],
      ['https://alice.smugmug.com/Landscapes/n-abc', 'https://photos.smugmug.com/Landscapes/n-abc/i-K3y/0/L/i-K3y-L.jpg'],
    ],
  },
  {
    name: 'Squarespace',
    // "Every Squarespace site … comes with a built-in domain" SITEID.squarespace.com ("It always ends in
    // .squarespace.com"). Uploaded files are served from static.squarespace.com / static1.squarespace.com
    // (same registrable domain, no site named) or images.squarespace-cdn.com (another one).
    source: 'https://support.squarespace.com/hc/en-us/articles/206541717-Built-in-domains',
    tenants: 'the site: SITEID.squarespace.com; the file hosts static.squarespace.com and static1.squarespace.com name none',
    matches: under('squarespace.com'),
    tenantOf: (_url, host) => subdomainTenantExcept('squarespace.com', (label) => SQUARESPACE_STATIC.test(label), host),
    examples: [
      ['https://alice.squarespace.com/gallery', 'https://bob.squarespace.com/s/photo.jpg'],
      ['https://alice.squarespace.com/gallery', 'https://static1.squarespace.com/static/5f0c1a/t/5f0c1b/photo.jpg'],
    ],
  },
  {
    name: 'Flickr',
    // "URLs to photo and profile pages use either the user's NSID … or their custom URL":
    // flickr.com/people/USER/ (profile), flickr.com/photos/USER/ (photostream), …/photos/USER/PHOTO-ID.
    // Photo files are served from farmN.static.flickr.com (this registrable domain, no user named) or
    // live.staticflickr.com / farmN.staticflickr.com (another one). A user's NSID and custom URL count
    // as two tenants: that only refuses more.
    source: 'https://www.flickr.com/services/api/misc.urls.html',
    tenants: 'the user: flickr.com/photos/USER/… or flickr.com/people/USER/; other flickr.com hosts (farmN.static.flickr.com) name none',
    matches: under('flickr.com'),
    tenantOf: (url, host) => {
      if (host !== 'flickr.com' && host !== 'www.flickr.com') return null;
      const first = segment(url, 0);
      if (first !== 'photos' && first !== 'people') return 'flickr.com';
      const user = segment(url, 1);
      return user ? `flickr.com/photos/${user}` : null;
    },
    examples: [
      ['https://www.flickr.com/photos/alice/albums/72157626164453131', 'https://www.flickr.com/photos/bob/50567413447/sizes/l/'],
      ['https://www.flickr.com/photos/alice/', 'https://farm1.static.flickr.com/2/1418878_1e92283336_m.jpg'],
    ],
  },
  {
    name: 'ArtStation',
    // "A user has 2 places where your portfolio will show": the community profile
    // www.artstation.com/{username} and the website {username}.artstation.com. An artwork page
    // www.artstation.com/artwork/ID names no user: it speaks only for itself.
    source: 'https://help.artstation.com/en/articles/4-whats-the-difference-between-my-community-profile-and-my-website-why-are-there-2-profiles',
    tenants: 'the user: USER.artstation.com or www.artstation.com/USER; www.artstation.com/artwork/ID is that artwork only; the image hosts cdna/cdnb.artstation.com name none',
    matches: under('artstation.com'),
    tenantOf: (url, host) => {
      const labels = labelsUnder(host, 'artstation.com') ?? [];
      if (isApex(labels)) {
        const first = segment(url, 0);
        if (first === null) return 'artstation.com';
        if (first !== 'artwork') return `${first}.artstation.com`;
        const artwork = segment(url, 1);
        return artwork ? `artstation.com/artwork/${artwork}` : null;
      }
      return subdomainTenantExcept('artstation.com', (label) => ARTSTATION_CDN.test(label), host);
    },
    examples: [
      ['https://alice.artstation.com/projects/EJ6Jn', 'https://bob.artstation.com/projects/Xk2aB'],
      ['https://www.artstation.com/alice', 'https://www.artstation.com/bob/albums/all'],
      ['https://alice.artstation.com/projects/EJ6Jn', 'https://cdna.artstation.com/p/assets/images/images/008/265/652/large/a.jpg'],
    ],
  },
  {
    name: 'DeviantArt',
    // DeviantArt staff (2018): "we're changing the subdomains from username.deviantart.com to
    // deviantart.com/username … your old links/URLs will redirect to your new URLs": both name one
    // user. Images are served from wixmp.com hosts, another registrable domain.
    source: 'https://www.deviantart.com/betatesters',
    tenants: 'the user: www.deviantart.com/USER/… or, legacy, USER.deviantart.com',
    matches: under('deviantart.com'),
    tenantOf: (url, host) => {
      const labels = labelsUnder(host, 'deviantart.com') ?? [];
      if (isApex(labels)) {
        const user = segment(url, 0);
        return user ? `deviantart.com/${user}` : 'deviantart.com';
      }
      return labels.length === 1 ? `deviantart.com/${labels[0]}` : null;
    },
    examples: [
      ['https://www.deviantart.com/alice/art/Sunset-123456789', 'https://www.deviantart.com/bob/art/Dawn-987654321'],
      ['https://alice.deviantart.com/gallery/', 'https://bob.deviantart.com/art/Dawn-987654321'],
    ],
  },
  {
    name: 'Cargo',
    // "unlimited public sites using 'cargo.site' domains under one subscription (as in: site1.cargo.site,
    // site2.cargo.site, etc.)". Every site's images are served from freight.cargo.site
    // (freight.cargo.site/w/WIDTH/i/HASH/FILE), which names no site.
    source: 'https://articles.cargo.site/en/articles/8331066-moving-from-cargo-2-to-3',
    tenants: 'the site: SITE.cargo.site; the image host freight.cargo.site names none',
    matches: under('cargo.site'),
    tenantOf: (_url, host) => subdomainTenantExcept('cargo.site', (label) => label === 'freight', host),
    examples: [
      ['https://alice.cargo.site/Work', 'https://bob.cargo.site/Work'],
      ['https://alice.cargo.site/Work', 'https://freight.cargo.site/w/1200/i/b69408e5823e0446764e93caefbe15b2a00cabe474d71a8dfc4008c5f2e2efb7/a.png'],
    ],
  },
  {
    name: 'Jimdo',
    // A free site is SITE.jimdofree.com, its owner choosing SITE (the page, in Japanese: "Jimdo:
    // https://xxxx.jimdofree.com/ — you chose the xxxx part yourself"); older sites are SITE.jimdo.com
    // (Jimdo's own wiki: "example for yourname.jimdo.com",
    // http://www.jimdo.com/wiki/index.php?title=JimdoPro_Domains&oldid=2951), whose uploads are served from u.jimdo.com (u.jimdo.com/wwwNN/o/SITEKEY/img/…), which names no site.
    // jimdosite.com is not listed: no source found for how it names sites.
    source: 'https://kotsu-kotsu.net/20200301missing-hp/',
    tenants: 'the site: SITE.jimdofree.com or SITE.jimdo.com; the upload host u.jimdo.com names none',
    matches: (host) => under('jimdofree.com')(host) || under('jimdo.com')(host),
    tenantOf: (_url, host) =>
      labelsUnder(host, 'jimdofree.com') !== null
        ? subdomainTenant('jimdofree.com', host)
        : subdomainTenantExcept('jimdo.com', (label) => label === 'u', host),
    examples: [
      ['https://alice.jimdofree.com/gallery/', 'https://bob.jimdofree.com/app/download/1/a.jpg'],
      ['https://alice.jimdo.com/gallery/', 'https://u.jimdo.com/www21/o/s4e9df44a0ad8ccd8/img/i8b711531294e44fd/1323739764/std/image.png'],
    ],
  },
];

/**
 * Shared hosts the Public Suffix List already splits (private section): each tenant is a
 * registrable domain of its own, so no entry above is needed (tested against the installed tldts).
 */
export const PSL_SPLIT_HOSTS: readonly { suffix: string; source: string }[] = [
  'github.io', 'gitlab.io', 'blogspot.com', 'netlify.app', 'vercel.app', 'pages.dev', 'herokuapp.com', 'wixsite.com',
  'web.app', 'firebaseapp.com', 'appspot.com', 'azurewebsites.net', 'cloudfront.net', 'blob.core.windows.net', 'r2.dev',
  'bitbucket.io', 'codeberg.page', 'readthedocs.io', 'myshopify.com', 'webflow.io', 'surge.sh', 'fly.dev', 'onrender.com',
].map((suffix) => ({ suffix, source: 'https://publicsuffix.org/list/public_suffix_list.dat' }));

/**
 * Whose site a URL is, for licence scope: the tenant on a shared host, else the registrable
 * domain. Null when no owner can be named (not an http(s) URL, or a shared host's URL that names
 * no tenant): such a URL is no page's own image.
 */
export function licenceSite(input: string): string | null {
  const url = httpUrl(input);
  if (url === null) return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return null;
  // A Google Translate proxy copy is its original site's page or file (pageCopyOf). The PSL lists
  // translate.goog as a suffix, so each copied host is a site of its own there, apart from its original.
  const translated = translatedHost(url);
  if (translated !== null) return translated.endsWith(TRANSLATE_PROXY) ? null : licenceSite(`https://${translated}/`);
  const shared = SHARED_HOSTS.find((h) => h.matches(host));
  return shared ? shared.tenantOf(url, host) : registrableDomain(host);
}

/** Whether a page speaks for an image URL: both name one site (null never matches). */
export function sameLicenceSite(pageUrl: string, imageUrl: string): boolean {
  const page = licenceSite(pageUrl);
  return page !== null && page === licenceSite(imageUrl);
}

/**
 * An absolute http(s) address inside a URL's path or query (`\` and repeated slashes as the URL
 * parser reads them). Decision (DESIGN.md §2: the reading that cannot keep what the owner
 * refused): the slashes may be missing too — the URL Standard reads `https:HOST/PATH` as
 * `https://HOST/PATH` (a special scheme's slashes are optional), so a proxy using it fetches HOST.
 */
const CARRIED = /(https?):[/\\]*[^\s&#"'<>/\\][^\s&#"'<>]*/gi;
/** ASCII tab and newline, which the URL Standard removes from anywhere in a URL before reading it. */
const URL_STRIPPED = /[\t\n\r]/g;
/** A protocol-relative address as a query value (`?url=//host/…`). */
const CARRIED_RELATIVE = /[?&][^=&]*=[/\\]{2}([^\s&#"'<>/\\]+[^\s&#"'<>]*)/g;

/**
 * The http(s) addresses an image URL carries in its path or query, percent-decoded (up to three
 * times: a proxy's parameter may be encoded twice): an image proxy or optimiser serves another
 * URL's bytes under its own address — `/_next/image?url=…`, `images.weserv.nl/?url=…`,
 * Cloudinary's `…/image/fetch/https://…`, Photon's `i0.wp.com/HOST/…`, a Wayback snapshot.
 * Decision (DESIGN.md §2 rule 4): such a URL may be another site's image laundered through the
 * page's own host, so each address it carries must be the page's site too for the page's markup
 * to speak for it (policy/assess.ts). A URL that merely mentions another site (`?ref=https://…`)
 * then gets no page licence either: the reading that cannot grant what another owner refused.
 */
export function carriedUrls(input: string): string[] {
  const url = httpUrl(input);
  if (url === null) return [];
  const out = new Set<string>();
  // Photon names the file it serves without a scheme: i0.wp.com/HOST/PATH.
  const photon = PHOTON.test(url.hostname.toLowerCase()) ? /^\/([a-z0-9.-]+\.[a-z0-9-]+)(\/.*)?$/i.exec(url.pathname) : null;
  if (photon?.[1]) out.add(`https://${photon[1]}${photon[2] ?? '/'}`);
  let text = url.pathname + url.search;
  for (let round = 0; round < 4; round++) {
    // As written, and as a URL parser reads it: a tab or newline inside the host (`i.pin%09img.com`) dropped.
    const readings = /[\t\n\r]/.test(text) ? [text, text.replace(URL_STRIPPED, '')] : [text];
    for (const reading of readings) for (const m of reading.matchAll(CARRIED)) out.add(m[0].replace(/^(https?):[/\\]*/i, '$1://'));
    for (const m of text.matchAll(CARRIED_RELATIVE)) out.add(`${url.protocol}//${m[1]}`);
    let next: string;
    try {
      next = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      next = text.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    }
    if (next === text) break;
    text = next;
  }
  return [...out];
}

/** The http(s) address a base64 (or base64url) text decodes to, a file extension after it dropped; null when none. */
function base64Address(text: string): string | null {
  const bare = text.replace(/\.[a-z0-9]{1,5}$/i, '');
  // `aHR0c` is how `http` begins in base64: nothing else is decoded.
  if (bare.length < 16 || bare.length > 8192 || !/^aHR0c[A-Za-z0-9+/_-]*={0,2}$/.test(bare)) return null;
  let decoded: string;
  try {
    decoded = atob(bare.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''));
  } catch {
    return null;
  }
  const m = /^https?:\/\/[^\s"'<>]+/i.exec(decoded);
  return m ? m[0] : null;
}

/** `HOST/PATH` as a query value: a host of dotted labels, an optional port, then a path. */
const SCHEMELESS = /^(?:ssl:)?(?:\/\/)?(?:[^\s/?#@]*@)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*)\.?(?::\d{1,5})?(\/[^\s#"'<>]+)/i;
/** `HOST/PATH` as a query value, its authority as written (up to the first `/`), for hostAsParsed. */
const WRITTEN_AUTHORITY = /^(?:ssl:)?(?:\/\/)?([^\s/?#]+)(\/[^\s#"'<>]+)/i;
/** A host of dotted labels ending in a letter label. */
const DOTTED_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*$/;

/** `text` percent-decoded once; null when it does not decode. */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * The host a URL parser reads in `authority` written after `https://` (its `USER@` and `:PORT`
 * dropped, upper-case and full-width letters mapped, trailing dots dropped), when it is a dotted
 * name under a known (ICANN) suffix; null for anything else (`2020.01`, `photo.jpg`, an IP address).
 */
function hostAsParsed(authority: string): string | null {
  if (!authority.includes('.') && !/[\u3002\uff0e\uff61]/.test(authority)) return null;
  let host: string;
  try {
    host = bareHost(new URL(`https://${authority}/`).hostname);
  } catch {
    return null;
  }
  return DOTTED_HOST.test(host) && parseHost(host).isIcann === true ? host : null;
}

/** An http(s) address's authority as RFC 3986 reads it: up to the first `/`, `?` or `#` (a `\` is not one). */
const RFC_AUTHORITY = /^(https?):\/\/([^/?#]*)/i;

/**
 * The host an RFC 3986 parser reads in an http(s) address (after the last `@` of the authority,
 * port dropped), as an `https://HOST/` address; null when it is the URL Standard's reading too
 * or names no host. `https://evil.test\@i.pinimg.com/a.jpg` is evil.test's to the URL Standard
 * (`\` ends the authority) and i.pinimg.com's to RFC 3986 (`evil.test\` is userinfo).
 */
function rfcReading(address: string): string | null {
  const authority = RFC_AUTHORITY.exec(address)?.[2];
  if (authority === undefined) return null;
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
  if (!host) return null;
  try {
    const rfc = new URL(`https://${host}/`).hostname;
    return rfc === new URL(address).hostname ? null : `https://${rfc}/`;
  } catch {
    return null;
  }
}

/**
 * `carriedUrls`, and the files a query value names without a scheme: wsrv.nl (images.weserv.nl)
 * takes `?url=HOST/PATH`, and `?url=ssl:HOST/PATH` for https (weserv/images, public/index.php;
 * its README's example `images.weserv.nl/?url=nl3.php.net/images/…`), `USER@` before HOST
 * allowed. Counted only when HOST ends in a known (ICANN) suffix and a path follows it, so
 * `?v=1.2.3/x`, `?file=photo.jpg` and `?ref=pinterest.com` name none. And each address's host as
 * an RFC 3986 parser reads it where the URL Standard reads another (`\` before `@`): the proxy,
 * not the browser, parses what it carries. And a path segment HOST with more path after it
 * (Statically's `cdn.statically.io/img/HOST/OPTIONS/PATH`, as its users build it: e.g.
 * lakuapik/greatmind.web.id src/helper/staticallyImg.js),
 * HOST ending in a known suffix: `/2020.01/a.jpg` names none. And an address written in base64
 * (imgproxy's `/SIGNATURE/OPTIONS/BASE64URL.EXT`, split by `/` or not; a query value). For the site registry and the user's lists (policy/
 * site-registry.ts), where a wider reading only refuses more (DESIGN.md §2 rule 1), and for
 * licence scope (policy/assess.ts), where it only leaves an image without the page's licence.
 */
export function carriedAddresses(input: string, { guessedPathHosts = true }: { guessedPathHosts?: boolean } = {}): string[] {
  // Pure and asked of each image URL several times over its judgement (before the request, the
  // files to fetch, the decision, the registry): read once per URL (issue 17: a collect of 500
  // images spent ~0.2 ms an image here).
  // A long URL (a data: image of megabytes) is not kept as a key: read each time (cheap: not http).
  if (input.length > CARRIED_CACHE_KEY_CHARS) return readCarriedAddresses(input, guessedPathHosts);
  const key = `${guessedPathHosts ? 1 : 0}${input}`;
  let found = carriedCache.get(key);
  if (found === undefined) {
    if (carriedCache.size >= CARRIED_CACHE_SIZE) carriedCache.clear();
    found = readCarriedAddresses(input, guessedPathHosts);
    carriedCache.set(key, found);
  }
  return [...found];
}

/** carriedAddresses' answers by URL; cleared whole when full (a collect holds a few thousand URLs). */
const carriedCache = new Map<string, readonly string[]>();
const CARRIED_CACHE_SIZE = 4096;
const CARRIED_CACHE_KEY_CHARS = 8192;

function readCarriedAddresses(input: string, guessedPathHosts: boolean): string[] {
  const out = new Set<string>();
  // A Google Translate proxy copy carries its original in its host (pageCopyOf).
  const copy = pageCopyOf(input);
  if (copy?.by === 'Google Translate') out.add(copy.original);
  // The proxy, not the browser, parses what it carries: the RFC 3986 reading of each address counts too.
  for (const c of carriedUrls(input)) {
    out.add(c);
    const rfc = rfcReading(c);
    if (rfc) out.add(rfc);
  }
  const url = httpUrl(input);
  if (url === null) return [...out];
  // A path segment HOST followed by more path: Statically's `cdn.statically.io/img/HOST/PATH` (as
  // Photon's i0.wp.com/HOST/PATH) names the file it serves so. A guess on other hosts
  // (`/videos/clip.mov/poster.jpg` names clip.mov): `guessedPathHosts: false` leaves it out.
  // Each segment is read as a URL parser reads a host (`HOST:PORT`, `USER@HOST`, upper case and
  // full-width letters); and the path is read decoded too, as a proxy that decodes its path reads
  // it (`/fit/i.pinimg.com%2F736x%2Fa.jpg` is `/fit/i.pinimg.com/736x/a.jpg` to it).
  const segments = url.pathname.split('/');
  const pathHosts = guessedPathHosts || PATH_PROXIES.has(bareHost(url.hostname));
  const decodedPath = safeDecode(url.pathname);
  const pathReadings = decodedPath !== null && decodedPath !== url.pathname ? [segments, decodedPath.split('/')] : [segments];
  for (const reading of pathHosts ? pathReadings : []) {
    for (let i = 1; i < reading.length - 1; i++) {
      const written = safeDecode(reading[i]!);
      // A handle segment (`/@jane.art/`, as social sites name users) names no host to a proxy.
      const host = written === null || written.startsWith('@') ? null : hostAsParsed(written);
      const rest = reading.slice(i + 1).join('/');
      if (host && rest) out.add(`https://${host}/${rest}`);
    }
  }
  // imgproxy's `/SIGNATURE/OPTIONS/BASE64URL.EXT`, the encoded URL split by `/` at will (imgproxy
  // docs, "Generating the URL"), and a query value in base64: each run of path segments to the end
  // (its extension dropped), each segment, each query value that decodes to an http(s) address.
  const runs = segments.flatMap((segment, i) => (segment.startsWith('aHR0c') ? [segments.slice(i).join('')] : []));
  for (const encoded of [...runs, ...segments, ...[...url.searchParams.values()]]) {
    const address = base64Address(encoded);
    if (address === null) continue;
    out.add(address);
    const rfc = rfcReading(address);
    if (rfc) out.add(rfc);
  }
  for (const [, raw] of url.searchParams) {
    let value = raw.trim();
    for (let round = 0; round < 3; round++) {
      const m = SCHEMELESS.exec(value);
      const host = m?.[1]?.toLowerCase();
      if (m && host && parseHost(host).isIcann === true) out.add(`https://${host}${m[2]}`);
      // And its authority as a URL parser reads it (full-width letters mapped, tabs dropped).
      const written = WRITTEN_AUTHORITY.exec(value.replace(URL_STRIPPED, ''));
      const parsed = written?.[1] ? hostAsParsed(written[1]) : null;
      if (written && parsed) out.add(`https://${parsed}${written[2]}`);
      let next: string;
      try {
        next = decodeURIComponent(value);
      } catch {
        break;
      }
      if (next === value) break;
      value = next.trim();
    }
  }
  return [...out];
}

/**
 * The addresses `urls` carry (carriedAddresses of each) that are not among them, once each: the
 * sites whose file an image may be, beside the URLs its bytes came through (policy/assess.ts,
 * policy/pre-fetch.ts, and the worker that fetches their signal files).
 */
export function carriedBy(urls: readonly string[], options?: { guessedPathHosts?: boolean }): string[] {
  return [...new Set(urls.flatMap((u) => carriedAddresses(u, options)))].filter((c) => !urls.includes(c));
}

/** Image proxies known to name the file they serve as a path segment HOST (`cdn.statically.io/img/HOST/PATH`). */
const PATH_PROXIES = new Set(['cdn.statically.io']);

/**
 * The addresses `urls` carry whose sites' signal files speak for the image (policy/assess.ts; the
 * worker fetches them: policy/pre-fetch.ts carriedSiteOrigins): every form carriedAddresses reads
 * but a host guessed from a path segment on a host not known to be a proxy. Decision: the registry and the user's lists read every form (no request is made, and a
 * wider reading only refuses more); signal files cost a request to that host, and a guess such as
 * `/videos/clip.mov/poster.jpg` (clip.mov) would send one to an unrelated site, and refuse the
 * image when it does not answer.
 */
export function carriedForSignalFiles(urls: readonly string[]): string[] {
  return carriedBy(urls, { guessedPathHosts: false });
}

/**
 * The files the renditions a candidate shows and names are served from through an image proxy
 * (`/_next/image?url=https://owner.example/a.jpg`: carriedForSignalFiles), other
 * than the renditions themselves. Decision (DESIGN.md §2 rules 2, 3 and 5, the reading that cannot
 * keep what the owner refused): such a rendition is the owner's file, whose site's signal files
 * speak for it as they do for the image's own proxied file; read as the rendition's own address
 * only, a page naming its proxied rendition of a refusing site's file beside its own full-size
 * copy had the copy kept (only that site's registry entry was read).
 */
export function renditionsCarriedForSignalFiles(candidate: { thumbnailUrl?: string | null | undefined; renditions?: readonly string[] | undefined }): string[] {
  const shown = candidate.thumbnailUrl && /^https?:/i.test(candidate.thumbnailUrl) ? [candidate.thumbnailUrl] : [];
  return carriedForSignalFiles([...shown, ...renditionsForSignalFiles(candidate)]);
}
