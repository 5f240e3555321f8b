import { getDomain, getDomainWithoutSuffix, getHostname, getPublicSuffix } from 'tldts';

/**
 * The registrable domain (eTLD+1) of a URL or host, from the Public Suffix List (tldts).
 * IP addresses and single-label hosts (localhost) have none: the host itself stands in.
 */
export function registrableDomain(urlOrHost: string): string {
  const host = hostOf(urlOrHost);
  // Private suffixes (github.io, blogspot.com…) separate owners, so they count too.
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/**
 * The host a URL names as the URL parser reads it (what the browser requests), else the input read
 * as a host. Decision (DESIGN.md §2 rule 1, the reading that cannot keep what the owner refused):
 * tldts's own scan gives up on a host the parser reads (`i.pinimg.com%2e` is `i.pinimg.com.`) and
 * then the whole URL stood in as the host, so an allow entry the URL's text merely ended with
 * (`…/a.jpg#.museum.example`) matched another site's image. Trailing dots dropped (bareHost).
 */
function hostOf(urlOrHost: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(urlOrHost)) {
    try {
      const host = new URL(urlOrHost).hostname;
      if (host) return bareHost(host);
    } catch {
      // Not a URL the browser could request: read as tldts reads it, below.
    }
  }
  return (getHostname(urlOrHost) ?? urlOrHost).toLowerCase();
}

/** Whether two URLs belong to the same registrable domain. */
export function sameRegistrableDomain(a: string, b: string): boolean {
  return registrableDomain(a) === registrableDomain(b);
}

/**
 * A host as the one DNS name it is: lower case, every trailing dot dropped. The URL parser keeps
 * each dot (`https://i.pinimg.com../`), and with one dropped such a host matched no registry or
 * block-list entry, and its signal files were asked of another name (fail closed: it is the same site).
 */
export function bareHost(host: string): string {
  return host.toLowerCase().replace(/\.+$/, '');
}

/** Whether `host` equals `domain` or is a subdomain of it (registry matching rule), both read as bareHost. */
export function hostMatchesDomain(host: string, domain: string): boolean {
  const h = bareHost(host);
  const d = bareHost(domain);
  return h === d || h.endsWith(`.${d}`);
}

/**
 * The name a host is registered under, without its public suffix (ICANN suffixes only):
 * `amazon` for www.amazon.co.uk; null for an IP address or a bare suffix.
 */
export function registeredName(host: string): string | null {
  return getDomainWithoutSuffix(host)?.toLowerCase() || null;
}

/**
 * Whether a list entry is a public suffix (ICANN section of the Public Suffix List: `com`,
 * `co.uk`, `com.au`; a lone label), or names nothing at all: no one's site, the ending many sites
 * share. A private suffix (github.io, githubusercontent.com) is one company's domain, so it is
 * not counted here. An IP address is not a suffix.
 */
export function isPublicSuffix(entry: string): boolean {
  const d = entry.trim().toLowerCase().replace(/^\*?\.+/, '').replace(/\.+$/, '');
  if (!d) return true;
  return getPublicSuffix(d) === d;
}

/**
 * Whether a list entry is a private suffix of the Public Suffix List (github.io, blogspot.com,
 * cloudfront.net, githubusercontent.com): one company's name under which many owners each have
 * their own site. An ICANN suffix (isPublicSuffix) is not counted here.
 */
export function isPrivateSuffix(entry: string): boolean {
  const d = entry.trim().toLowerCase().replace(/^\*?\.+/, '').replace(/\.+$/, '');
  return d !== '' && !isPublicSuffix(d) && getPublicSuffix(d, { allowPrivateDomains: true }) === d;
}
