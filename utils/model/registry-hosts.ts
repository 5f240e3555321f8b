import { bareHost } from './registrable-domain';
import { licenceSite } from './shared-hosting';

/**
 * Hosts that serve a registry company's content from under ANOTHER registrable domain, each
 * matched to the company's entry in the terms-of-service registry (data/site-policies.json, which
 * lists registrable domains only and is the shared file, not edited here). Before, an image from
 * such a host — YouTube's channel avatars on yt3.ggpht.com, Substack's post images in its S3
 * bucket — matched no entry and was kept, from any page.
 *
 * Decisions (DESIGN.md §2 rule 1, the reading that cannot keep what the owner refused):
 * - Exact hosts, never the shared domain around them: ggpht.com and googleusercontent.com also
 *   serve Blogger's and Google Photos' users, imgur.com everyone's uploads, wixmp.com every Wix
 *   site's media, amazonaws.com every AWS customer's bucket. A host's subdomains are not matched
 *   either (`x.substack-post-media.s3.amazonaws.com` is another S3 bucket), except for a
 *   registrable domain that is the company's alone (`subtree`: youtube-nocookie.com).
 * - An Amazon S3 bucket host is read as the bucket, in every address S3 answers for it
 *   (virtual-hosted, regional, path-style `s3.amazonaws.com/BUCKET/`: shared-hosting.ts names
 *   the bucket the same way for each): one bucket's objects, whichever address names them.
 * - This list only adds matches; the registry's own entries are read as before. A host whose
 *   serving of the company's content could not be shown by a public page is left out.
 * - Each host names its entry by a domain that entry lists (`entryDomain`), and a test checks that
 *   the bundled registry still has an entry listing it, named `site`: a renamed entry still matches.
 */
export interface RegistryHost {
  /** The host, as the URL parser writes it (lower case, punycode), without a trailing dot. */
  host: string;
  /** A domain the company's registry entry lists: the entry this host is matched to. */
  entryDomain: string;
  /** That entry's name in the bundled registry (for reading; tests/unit/policy/registry-hosts.test.ts checks it). */
  site: string;
  /** What the host serves, in words. */
  serves: string;
  /** A public page showing that this host serves the company's content (checked when written). */
  source: string;
  /** The host's subdomains too: only where the whole registrable domain is the company's own. */
  subtree?: true;
}

export const REGISTRY_HOSTS: readonly RegistryHost[] = [
  {
    host: 'yt3.ggpht.com',
    entryDomain: 'youtube.com',
    site: 'YouTube',
    serves: 'channel avatars and post images',
    // www.youtube.com's own requests for channel avatars, logged in an issue of uBlock Origin's filter lists.
    source: 'https://github.com/uBlockOrigin/uAssets/issues/7636',
  },
  {
    host: 'yt4.ggpht.com',
    entryDomain: 'youtube.com',
    site: 'YouTube',
    serves: 'channel avatars (live chat, comments)',
    // YouTube's app requesting avatars from yt4.ggpht.com in place of yt3.ggpht.com (a ReVanced patch).
    source: 'https://github.com/ReVanced/revanced-patches/issues/6225',
  },
  {
    host: 'yt3.googleusercontent.com',
    entryDomain: 'youtube.com',
    site: 'YouTube',
    serves: 'channel avatars, banners and post images',
    // YouTube channel posts' photos load from yt3.googleusercontent.com and yt3.ggpht.com.
    source: 'https://github.com/RockBlack-VPN/ip-address/issues/64',
  },
  {
    host: 'youtube-nocookie.com',
    entryDomain: 'youtube.com',
    site: 'YouTube',
    serves: 'its privacy-enhanced embedded player',
    // "YouTube nocookie is the privacy enhanced embed mode operated by Google LLC on the dedicated
    // host youtube-nocookie.com": a registrable domain of YouTube's alone, so its subdomains too.
    source: 'https://www.flowconsent.com/en/services/video/youtube-nocookie',
    subtree: true,
  },
  {
    host: 'substack-post-media.s3.amazonaws.com',
    entryDomain: 'substack.com',
    site: 'Substack',
    serves: 'post images (its Amazon S3 bucket substack-post-media)',
    // Substack's image upload endpoint (POST /api/v1/image) answers with a URL in this bucket.
    source: 'https://github.com/mvanhorn/cli-printing-press/issues/1107',
  },
  {
    host: 'i.reddituploads.com',
    entryDomain: 'reddit.com',
    site: 'Reddit',
    serves: 'uploaded images (2016–2017, before i.redd.it)',
    // Reddit's own repository: image posts linking i.reddituploads.com, answered by Reddit staff.
    source: 'https://github.com/reddit-archive/reddit/issues/1686',
  },
  {
    host: 'images-wixmp-ed30a86b8c4ca887773594c2.wixmp.com',
    entryDomain: 'deviantart.com',
    site: 'DeviantArt',
    serves: 'deviation images and previews',
    // "deviantart changed their preview urls, they now look like this: https://images-wixmp-ed30a86b8c4ca887773594c2.wixmp.com/f/…".
    source: 'https://github.com/danbooru/danbooru/issues/4069',
  },
  {
    host: 'i.stack.imgur.com',
    entryDomain: 'stackoverflow.com',
    site: 'Stack Overflow / Stack Exchange',
    serves: 'images uploaded to posts (its imgur installation, before i.sstatic.net)',
    // Stack Exchange's own announcement of moving i.stack.imgur.com images to i.sstatic.net.
    source: 'https://meta.stackexchange.com/questions/399662/imgur-image-url-migration-coming-soon-to-a-stack-exchange-site-near-you/400096',
  },
  {
    host: 'github.githubassets.com',
    entryDomain: 'github.com',
    site: 'GitHub',
    serves: 'site assets (images, emoji, stylesheets)',
    // GitHub's pages load their assets from https://github.githubassets.com/; GitHub's own page on
    // network access points to its REST API's list of its domains (`GET /meta`, "domains"), where
    // githubassets.com is among GitHub's website domains.
    source: 'https://docs.github.com/en/get-started/using-github/allowing-access-to-githubs-services-from-a-restricted-network',
  },
];

/** `s3.amazonaws.com/BUCKET` for a listed S3 bucket host (as shared-hosting.ts licenceSite names a bucket), else null. */
function s3Bucket(host: string): string | null {
  const m = /^([a-z0-9][a-z0-9.-]*)\.s3\.amazonaws\.com$/.exec(host);
  return m ? `s3.amazonaws.com/${m[1]}` : null;
}

/**
 * The listed hosts a URL is on (an http(s) URL; `blob:` and the like are read by the caller as
 * site-registry.ts siteAddress reads them). Its host is read as the URL parser reads it, so case,
 * trailing dots, a percent-escaped dot and full-width or Unicode letters come out as the listed
 * form. A listed S3 bucket matches in any of S3's addresses for it.
 */
export function registryHostsOf(url: string): RegistryHost[] {
  let host: string;
  try {
    host = bareHost(new URL(url).hostname);
  } catch {
    return [];
  }
  if (!host) return [];
  let bucket: string | null | undefined;
  return REGISTRY_HOSTS.filter((h) => {
    if (h.host === host || (h.subtree === true && host.endsWith(`.${h.host}`))) return true;
    const listed = s3Bucket(h.host);
    if (listed === null || !/(?:^|\.)amazonaws\.com(?:\.cn)?$/.test(host)) return false;
    bucket ??= licenceSite(url);
    return bucket === listed;
  });
}
