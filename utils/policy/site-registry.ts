import { z } from 'zod';
import { lazily } from '../model/lazily';
import registryJson from '../../data/site-policies.json';
import type { Evidence, Purpose, Scope } from '../model/evidence';
import { carriedAddresses, pageCopyOf } from '../model/shared-hosting';
import { TOP_PAGE_OWNER } from '../page/frame-owner';
import { MAX_RENDITIONS } from '../model/renditions';
import { registryHostsOf, type RegistryHost } from '../model/registry-hosts';
import { bareHost, hostMatchesDomain, isPrivateSuffix, isPublicSuffix, registeredName, registrableDomain, sameRegistrableDomain } from '../model/registrable-domain';

/**
 * The curated terms-of-service registry (data/site-policies.json), a copy of the project's
 * shared registry (checked 2026-11-25; every entry cites its source). Not legal advice: the
 * user's allow list overrides it, and machine-readable signals apply regardless.
 */
const STATUSES = ['blocked', 'restricted', 'per-item'] as const;
const FORBIDS = ['automated-collection', 'ai-training', 'redistribution', 'commercial-use', 'competing-service', 'database-building'] as const;
const KNOWN_FORBIDS: ReadonlySet<string> = new Set(FORBIDS);

/** The registry file's format (data/README.md), as a maintainer writes it. */
export const SitePolicySchema = lazily(() => z.object({
  domains: z.array(z.string()).min(1),
  name: z.string(),
  status: z.enum(STATUSES),
  forbids: z.array(z.enum(FORBIDS)),
  licence: z.string().nullable(),
  summary: z.string(),
  source: z.string(),
  clause: z.string(),
  evidence: z.string(),
}));

/** One registry entry as Heed reads it (readRegistry): `forbids` may hold a word Heed does not know. */
export interface SitePolicy extends Omit<z.infer<typeof SitePolicySchema>, 'forbids'> {
  forbids: string[];
}

export const RegistrySchema = lazily(() => z.object({ version: z.literal(1), checked: z.string(), note: z.string(), sites: z.array(SitePolicySchema) }));

/** The registry as Heed reads it; `unreadable` (absent when empty): what of the file could not be read. */
export interface Registry {
  version: number;
  checked: string;
  note: string;
  sites: SitePolicy[];
  unreadable?: string[];
}

/** A registry domain written as a person might write it (`PINIMG.COM.`, `*.pinimg.com`, a URL) as the host it names; null when none. */
function readDomain(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!text) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text.replace(/^\*?\.+/, '')}`).hostname;
    return bareHost(host) || null;
  } catch {
    return null;
  }
}

/**
 * A user list entry as the host it names, read as the registry's domains are (readDomain): the
 * form stores bare hosts, but settings it did not write may hold `https://example.org/photos/`,
 * `*.example.org` or `.example.org`, which as written matched no URL, so a block the user wrote
 * was silently ignored. One that cannot be read stays as written (it then matches as before).
 */
function listEntryHost(entry: string): string {
  return readDomain(entry) ?? entry.trim();
}

const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

/**
 * Read the registry file entry by entry; never throws. Decisions (DESIGN.md §2 rules 1 and 5: a
 * signal that cannot be read fails closed; the reading that cannot keep what the owner refused):
 * - A `status` Heed does not know (or none) reads as `blocked`, the strictest; a `forbids` word it
 *   does not know (or a `forbids` that is not a list) binds every purpose.
 * - `domains` are read in any form a person may write them (one string, upper case, trailing
 *   dots, `*.`, a URL); a domain that still cannot be read may be any site's, so it — like an
 *   entry that is not an object, a file whose `sites` is not a list, or another `version` —
 *   goes into `unreadable`, and evaluateSiteRegistry then refuses every site the user did not
 *   allow (`signal-unreadable`) while the entries read still apply.
 * Before, the file was parsed whole on first use: one bad entry threw on every assessment.
 */
export function readRegistry(json: unknown): Registry {
  const unreadable: string[] = [];
  const file = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (file === null) return { version: 0, checked: '', note: '', sites: [], unreadable: ['the registry file is not a JSON object'] };
  if (file.version !== 1) unreadable.push(`registry format ${String(file.version).slice(0, 20)} is not one this Heed reads (1)`);
  const rawSites = Array.isArray(file.sites) ? file.sites : null;
  if (rawSites === null) unreadable.push('the registry has no list of sites');
  const sites: SitePolicy[] = [];
  (rawSites ?? []).forEach((raw, i) => {
    const strict = SitePolicySchema.safeParse(raw);
    const entry = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    if (entry === null) {
      unreadable.push(`registry entry ${i + 1} is not an object`);
      return;
    }
    const rawDomains: unknown[] = Array.isArray(entry.domains) ? entry.domains : typeof entry.domains === 'string' ? [entry.domains] : [];
    const domains = [...new Set(rawDomains.map(readDomain).filter((d): d is string => d !== null))];
    const name = text(entry.name, domains[0] ?? `entry ${i + 1}`);
    if (rawDomains.length === 0 || domains.length < rawDomains.length) unreadable.push(`registry entry ${i + 1} (${name.slice(0, 80)}) names a domain Heed cannot read`);
    if (domains.length === 0) return;
    if (strict.success) {
      sites.push({ ...strict.data, domains });
      return;
    }
    const known = (STATUSES as readonly unknown[]).includes(entry.status);
    const status = known ? (entry.status as SitePolicy['status']) : 'blocked';
    const forbids = Array.isArray(entry.forbids) ? entry.forbids.map((f) => (typeof f === 'string' ? f : 'unreadable')) : ['unreadable'];
    const summary = text(entry.summary, '');
    sites.push({
      domains,
      name,
      status,
      forbids,
      licence: typeof entry.licence === 'string' ? entry.licence : null,
      summary: known ? summary : `${summary} (The registry's status for this site, ${JSON.stringify(entry.status ?? null).slice(0, 40)}, is not one Heed knows: read as blocked.)`.trim(),
      source: text(entry.source, 'data/site-policies.json'),
      clause: text(entry.clause, ''),
      evidence: text(entry.evidence, ''),
    });
  });
  return {
    version: typeof file.version === 'number' ? file.version : 0,
    checked: text(file.checked, ''),
    note: text(file.note, ''),
    sites,
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}

/** The bundled registry, read once, on first use. */
export const SITE_REGISTRY: Registry = lazily(() => readRegistry(registryJson));

/**
 * Which `forbids` entries make a `restricted` site off limits for a purpose: building any
 * dataset is database building and automated collection; AI purposes also meet `ai-training`.
 */
const BINDING: Record<Purpose, ReadonlySet<string>> = {
  'ai-training': new Set(['ai-training', 'automated-collection', 'database-building']),
  'genai-training': new Set(['ai-training', 'automated-collection', 'database-building']),
  'research-tdm': new Set(['automated-collection', 'database-building']),
};

/**
 * Companies that run one service under a domain per country — google.de, amazon.co.uk,
 * ebay.fr, pinterest.es, youtube.co.uk — where the registry names the `.com` only. Decision
 * (DESIGN.md §2 rule 1, the reading that cannot keep what the owner refused): such a domain is
 * the `.com` entry's site. Google's and Pinterest's terms are one set for every country domain
 * (policies.google.com/terms, policy.pinterest.com/en/terms-of-service); Amazon's and eBay's
 * country sites carry their own Conditions of Use / User Agreement, whose licence clauses bar
 * robots and data gathering as the .com's do (not each re-checked here: the user's allow list
 * overrides an entry, and every signal still applies). Only these names: `x.de` or `medium.de`
 * belong to others, so no name is extended that is not listed.
 */
const COUNTRY_DOMAIN_COMPANIES: ReadonlySet<string> = new Set(['google', 'amazon', 'ebay', 'pinterest', 'youtube']);

/** A registry entry and, when it was found through a country domain, the `.com` it stands for. */
export interface SitePolicyMatch {
  policy: SitePolicy;
  /** The registry domain a country domain was read as (`amazon.com` for amazon.de), else null. */
  countryOf: string | null;
  /**
   * The host of the company's, under another registrable domain, the entry was found through
   * (model/registry-hosts.ts: yt3.ggpht.com for YouTube); absent or null when the URL is on one of
   * the entry's own domains.
   */
  via?: RegistryHost | null;
}

/** How strict an entry's status is: the strictest entry covering a host is named first. */
const STRICTNESS: Record<SitePolicy['status'], number> = { blocked: 0, restricted: 1, 'per-item': 2 };

/**
 * Every registry entry covering a URL's host, the strictest first (a listed company's country
 * domains when no entry names the host). Decision (DESIGN.md §2 rule 1, the reading that cannot
 * keep what the owner refused): when two entries cover one host — a company's and a narrower one
 * for one of its services — both apply, whatever their order in the file; only the first found
 * was read before, and a `per-item` entry listed first hid a `blocked` one.
 */
export function matchSitePolicies(url: string, registry: Registry = SITE_REGISTRY): SitePolicyMatch[] {
  let host: string;
  try {
    host = new URL(siteAddress(url)).hostname;
  } catch {
    return [];
  }
  const direct = registry.sites.filter((s) => s.domains.some((d) => hostMatchesDomain(host, d)));
  // And the entries of the companies whose hosts under another registrable domain it is on
  // (model/registry-hosts.ts): they only add matches, each read as the entry's own domains are.
  // Before, a YouTube avatar on yt3.ggpht.com matched no entry and was kept.
  const supplied: SitePolicyMatch[] = registryHostsOf(siteAddress(url)).flatMap((via) =>
    registry.sites.filter((s) => s.domains.includes(via.entryDomain) && !direct.includes(s)).map((policy) => ({ policy, countryOf: null, via })));
  const found: SitePolicyMatch[] = [...direct.map((policy) => ({ policy, countryOf: null, via: null })), ...supplied.filter((m, i) => supplied.findIndex((o) => o.policy === m.policy) === i)];
  if (found.length > 0) return found.sort((x, y) => STRICTNESS[x.policy.status] - STRICTNESS[y.policy.status]);
  // ICANN suffixes only: amazon.blogspot.com is a Blogger blog named amazon, not Amazon's.
  const name = registeredName(host);
  if (!name || !COUNTRY_DOMAIN_COMPANIES.has(name)) return [];
  const dotCom = `${name}.com`;
  const policy = registry.sites.find((s) => s.domains.includes(dotCom));
  return policy ? [{ policy, countryOf: dotCom }] : [];
}

/** The strictest registry entry covering a URL's host, if any (a listed company's country domains included). */
export function matchSitePolicy(url: string, registry: Registry = SITE_REGISTRY): SitePolicyMatch | null {
  return matchSitePolicies(url, registry)[0] ?? null;
}

/** The strictest registry entry covering a URL's host, if any. */
export function findSitePolicy(url: string, registry: Registry = SITE_REGISTRY): SitePolicy | null {
  return matchSitePolicy(url, registry)?.policy ?? null;
}

export interface UserLists {
  userAllow: readonly string[];
  userBlock: readonly string[];
}

/**
 * Rule 1 of DESIGN.md §2 for one URL: the user's block list, then the user's allow list (which
 * overrides the registry only), then the registry. A `restricted` entry that does not bind this
 * purpose comes back as `info` evidence carrying `site-restricted`, so the site status still
 * warns (DESIGN.md: registry `restricted` ⇒ status restricted).
 */
export function evaluateSiteRegistry(given: string, scope: Scope, purpose: Purpose, lists: UserLists, registry: Registry = SITE_REGISTRY): Evidence[] {
  const url = siteAddress(given);
  const domain = registrableDomain(url);
  const hosts = hostForms(safeHost(url));
  /** The first entry of `list` covering the URL, or null (each entry in every form it is read in: entryForms). */
  const inList = (list: readonly string[]): string | null =>
    list.find((entry) => entryForms(entry).some((d) => hostMatchesDomain(domain, d) || hosts.some((h) => hostMatchesDomain(h, d)))) ?? null;
  if (inList(lists.userBlock) !== null) {
    return [{ kind: 'user-list', scope, source: 'settings', value: `blocked: ${domain}`, effect: 'deny', reason: 'user-blocked', note: `You blocked ${domain}` }];
  }
  // Decision (DESIGN.md §2 rule 1: the allow list overrides the registry for the sites it names):
  // an entry that is a public suffix (`co.uk`, `com`) names no site, and read as a domain it lifted
  // the registry entry of every site under it; it lifts nothing (settings-form.ts rejects it).
  const allowEntries = lists.userAllow.map(listEntryHost).filter((d) => !isPublicSuffix(d));
  const matches = matchSitePolicies(url, registry);
  // Decision (the same rule, for a private suffix of the Public Suffix List: github.io,
  // blogspot.com, cloudfront.net): many owners each have their own site under it, so an entry
  // naming one lifts no tenant's registry entry and does not stand for an unread registry for them;
  // it lifts an entry naming the suffix itself, its owner's (githubusercontent.com is GitHub's).
  const ownersOwn = (entry: string) =>
    matches.length > 0 && matches.every(({ policy }) => policy.domains.some((d) => hostMatchesDomain(entry, d) && hosts.some((h) => hostMatchesDomain(h, d))));
  // Decision (the same rule, for an entry found through a host of the company's under another
  // registrable domain: model/registry-hosts.ts): an allow entry lifts it only if it names that
  // host (or a host under it, for the URLs under that one), as an entry naming one of the entry's
  // own domains lifts those. One naming the shared domain around it (ggpht.com, imgur.com,
  // amazonaws.com) names many owners' images, not the company's, so it lifts nothing there; nor
  // does one naming the company's own domain (youtube.com), which does not lift i.ytimg.com either.
  const namesSuppliedHost = (entry: string) => matches.every(({ via }) => !via || entryForms(entry).some((d) => hostMatchesDomain(d, via.host)));
  const allowed = inList(allowEntries.filter((d) => !isPrivateSuffix(d) && namesSuppliedHost(d)))
    ?? allowEntries.filter(isPrivateSuffix).find((entry) => inList([entry]) !== null && ownersOwn(entry) && namesSuppliedHost(entry))
    ?? null;
  // A part of the registry that could not be read may be this site's entry (readRegistry): it
  // refuses, unless the user allowed the site (the allow list overrides the registry).
  const unread: Evidence[] = registry.unreadable?.length && allowed === null
    ? [{
      kind: 'site-registry', scope, source: 'data/site-policies.json', value: 'site registry not read in full', effect: 'deny', reason: 'signal-unreadable',
      note: `Heed's site registry could not be read in full (${registry.unreadable.slice(0, 3).join('; ')}): what it could not read may be this site's entry, so Heed fails closed`,
    }]
    : [];
  if (matches.length === 0) return unread;
  if (allowed !== null) {
    // Named as the entry reads (`help.medium.com`), not as the URL's whole domain: an entry names one host.
    const status = matches[0]!.policy.status;
    return [{ kind: 'user-list', scope, source: 'settings', value: `allowed: ${allowed} (registry says ${status})`, effect: 'info', note: `You allowed ${allowed}; the registry entry (${status}) is overridden, signals still apply` }];
  }
  return [...matches.map(({ policy, countryOf, via }) => entryEvidence(policy, countryOf, domain, scope, purpose, via ?? null)), ...unread];
}

/**
 * What one registry entry says of a URL on `domain` (`countryOf`: the `.com` a country domain was
 * read as; `via`: the company's host under another registrable domain it was found through, named
 * with the page showing it serves the company's content).
 */
function entryEvidence(policy: SitePolicy, countryOf: string | null, domain: string, scope: Scope, purpose: Purpose, via: RegistryHost | null = null): Evidence {
  const country = countryOf ? ` (${domain}, a country site of ${countryOf})` : via ? ` (${via.host}, ${policy.name}’s host for ${via.serves})` : '';
  const shown = via ? ` ${via.host} serves ${policy.name}’s content: ${via.source}.` : '';
  const value = `${policy.name}${country}: ${policy.status}${policy.forbids.length ? ` (forbids ${policy.forbids.join(', ')})` : ''}`;
  const base = { kind: 'site-registry' as const, scope, source: policy.source, value };
  const note = `${policy.name}${country}: ${policy.summary} (${policy.clause})${shown}`;
  if (policy.status === 'blocked') return { ...base, effect: 'deny', reason: 'site-blocked', note };
  if (policy.status === 'restricted') {
    // A word Heed does not know may be one that binds this purpose: it binds (readRegistry).
    const binds = policy.forbids.some((f) => BINDING[purpose].has(f) || !KNOWN_FORBIDS.has(f));
    return { ...base, effect: binds ? 'deny' : 'info', reason: 'site-restricted', note };
  }
  return { ...base, effect: 'info', note };
}

/**
 * evaluateSiteRegistry for a URL an image came through, carries or is shown at (`scope`: whose
 * document it is), beside the page at `pageUrl`: for a URL on the page's own registrable domain,
 * only what differs from the page's own answer. Decision (DESIGN.md §2 rule 1, the reading that
 * cannot keep what the owner refused): the registry and the user's lists match hosts, so a URL on
 * the page's site may still be covered where the page is not — a block-list entry or a registry
 * entry naming one of its hosts. Before, such a URL was not looked up at all (the page's answer
 * was taken for it) and an image on that host was kept.
 */
export function siteEvidenceBeside(pageUrl: string, url: string, scope: Scope, purpose: Purpose, lists: UserLists, registry: Registry = SITE_REGISTRY): Evidence[] {
  const own = evaluateSiteRegistry(url, scope, purpose, lists, registry);
  if (own.length === 0 || !sameRegistrableDomain(pageUrl, siteAddress(url))) return own;
  const key = (e: Evidence) => `${e.kind}\n${e.effect}\n${e.reason ?? ''}\n${e.value}`;
  const said = new Set(evaluateSiteRegistry(pageUrl, scope, purpose, lists, registry).map(key));
  return own.filter((e) => !said.has(key(e)));
}

/**
 * The registry's and the user's lists' answer for the site a page is a copy of: a Wayback Machine
 * snapshot (`web.archive.org/web/TIMESTAMP/URL`) is URL's site's page, and so is a Google
 * Translate proxy copy (`HOST-ENCODED.translate.goog/PATH`) — model/shared-hosting.ts pageCopyOf
 * reads them so for licences too. Decision (DESIGN.md §2 rule 1, the reading that cannot keep what the
 * owner refused): the archived site's entries speak for the page and every image on it. Before,
 * only web.archive.org was looked up: an archived Pinterest page showed no warning, and images
 * the archive had not rewritten to carry their address were kept.
 */
export function archivedSiteEvidence(pageUrl: string, purpose: Purpose, lists: UserLists, registry: Registry = SITE_REGISTRY): Evidence[] {
  const copy = pageCopyOf(pageUrl);
  if (copy === null) return [];
  return evaluateSiteRegistry(copy.original, 'site', purpose, lists, registry).map((e) => ({ ...e, note: `This page is ${copy.by}'s copy of ${copy.original.slice(0, 500)}: ${e.note ?? e.value}` }));
}

/**
 * The registry's and the user's lists' answer for a page (or a frame document) at `pageUrl`, as
 * every decision reads its site: its own hosts' entries and, for a Wayback Machine copy, the
 * archived site's (archivedSiteEvidence). One function for the decision (assess.ts assessPage)
 * and for every shortcut that asks "is this page blocked?" before it (collector.ts knownBlocked),
 * so that no shortcut reads a page's site more narrowly than the decision does. Before, the
 * collector's shortcut read the page's own host only, and requested a Wayback copy of a blocked
 * site's cross-origin sheets.
 */
export function pageSiteEvidence(pageUrl: string, purpose: Purpose, lists: UserLists, registry: Registry = SITE_REGISTRY): Evidence[] {
  return [...evaluateSiteRegistry(pageUrl, 'site', purpose, lists, registry), ...archivedSiteEvidence(pageUrl, purpose, lists, registry)];
}

/**
 * The address whose site a URL is: a `blob:` (or `filesystem:`) URL is its inner origin's — a
 * frame document at `blob:https://www.pinterest.com/…` is Pinterest's, made by Pinterest's
 * scripts. Decision (DESIGN.md §2 rule 1, the reading that cannot keep what the owner refused):
 * read as its own text it named no host, and no registry entry or block-list entry matched it.
 */
export function siteAddress(url: string): string {
  const inner = /^(?:blob|filesystem):(.*)$/is.exec(url.trim())?.[1];
  return inner !== undefined && /^https?:\/\//i.test(inner) ? inner : url;
}

/**
 * The http(s) addresses of the pages a frame is: its own address (a `blob:` frame's inner one,
 * siteAddress), or — for a frame with no address of its own (`about:srcdoc`, `about:blank`,
 * `data:`) — its owners' (page/frame-owner.ts), the top page left out (judged as the page).
 * Decision (DESIGN.md §2 rules 2 and 5, the reading that keeps what the owner refused): a frame
 * its owner wrote is the owner's page, so the owner's robots.txt binds the images in it for the
 * owner's address, as it binds the owner's own frame. Before, such a frame's robots.txt was read
 * for no address, and a site disallowing GPTBot for /embed/ had the images of the `<iframe
 * srcdoc>` its embed wrote kept. Owners not read are frameSiteEvidence's (signal-unreadable).
 * So are the frames around it (`ancestors`): a site's frame showing an unlisted CDN's frame shows
 * the image too, and its robots.txt binds it for the address (or origin) the browser names.
 */
export function frameDocumentAddresses(frame: FrameOfSite): string[] {
  const own = siteAddress(frame.url);
  const pages = /^https?:\/\//i.test(own) ? [own] : (frame.owners ?? []).filter((o) => o !== TOP_PAGE_OWNER);
  // And the frames around it (its ancestors, the top page left out: frame-owner.ts frameAncestors),
  // each a page showing the image, by the address or origin the browser names for it.
  return [...new Set([...pages, ...(frame.ancestors ?? [])].map(siteAddress).filter((o) => /^https?:\/\//i.test(o)))];
}

/** A frame an image is shown in, as its candidate records it (verdict.ts FrameSignals): its address and, when that names no site, whose it is. */
export interface FrameOfSite {
  url: string;
  owners?: readonly string[] | null | undefined;
  /** The frames between it and the top page (page/frame-owner.ts frameAncestors); null: one could not be named. */
  ancestors?: readonly string[] | null | undefined;
}

/**
 * The registry's and the user's lists' answer for the frames an image is shown in (DESIGN.md §2
 * rule 1). Decision: a frame is a page of its own — its robots metas and headers bind the images
 * in it (assess.ts) — so "the page's registrable domain" is read as each frame's too: a frame of
 * a blocked site (a Pinterest embed inside an unlisted page) refuses what it shows, whoever hosts
 * the bytes (an unlisted CDN, a data: URL). Before, only the top page's and the image URL's sites
 * were looked up, and such an image was kept. A frame on the top page's own registrable domain
 * adds only what differs from the page's own answer (siteEvidenceBeside). Each address is read as
 * the page's is: a Wayback copy is the archived site's (archivedSiteEvidence).
 * A frame whose address names no site (`about:srcdoc`, `about:blank`, `data:`) is its owners'
 * (page/frame-owner.ts: the nearest frame above it with a real address, its own origin), each
 * looked up as a frame of that site. Decision (the reading that cannot keep what the owner
 * refused): one whose owners could not be read (none recorded) refuses with `signal-unreadable`,
 * as a frame whose headers went unread does (assess.ts): its owner may be a blocked site. Before,
 * such a frame was not looked up at all, and a blocked site's frame that wrote its images into an
 * `<iframe srcdoc>` inside itself had them kept.
 * Every frame above a frame the image is shown in is looked up too (its `ancestors`, frame-owner.ts
 * frameAncestors): a frame inside a blocked site's frame is shown by that site, whoever's its own
 * address is (an unlisted CDN's frame inside a Pinterest frame inside an unlisted page). Decision
 * (the reading that cannot keep what the owner refused): the images shown inside a frame are shown
 * by every frame around it, so each one's site refuses them as the top page's does; a frame whose
 * ancestors could not all be named (`null`: a browser without `ancestorOrigins` inside a
 * cross-origin frame, an opaque ancestor) refuses with `signal-unreadable`. Before, only the top page's site and the frame's own
 * were looked up, and such an image was kept. A frame recorded without the list (an earlier Heed's
 * job) is read as before.
 * Evidence has scope `page` and its note names the frame (signals/document-kind.ts).
 */
export function frameSiteEvidence(pageUrl: string, frames: readonly FrameOfSite[], purpose: Purpose, lists: UserLists, registry: Registry = SITE_REGISTRY): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const ancestorsSeen = new Set<string>();
  for (const frame of frames) {
    const key = `${frame.url}\n${JSON.stringify(frame.owners ?? null)}\n${JSON.stringify(frame.ancestors ?? null)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const shown = frame.url.slice(0, 500);
    if (frame.ancestors === null) {
      out.push({
        kind: 'site-registry', scope: 'page', source: shown, value: 'frame ancestors not read', effect: 'deny', reason: 'signal-unreadable',
        note: `The image is shown in a frame (${shown.slice(0, 100)}) inside other frames that could not all be read: one may be a blocked site's, so Heed fails closed`,
      });
    }
    for (const ancestor of frame.ancestors ?? []) {
      if (ancestorsSeen.has(ancestor) || !/^https?:\/\//i.test(siteAddress(ancestor))) continue;
      ancestorsSeen.add(ancestor);
      out.push(...frameAddressEvidence(pageUrl, ancestor, `The image is shown in a frame (${shown.slice(0, 100)}) inside a frame of ${ancestor.slice(0, 500)}`, purpose, lists, registry));
    }
    if (/^https?:\/\//i.test(siteAddress(frame.url))) {
      out.push(...frameAddressEvidence(pageUrl, frame.url, `The image is shown in a frame of ${shown}`, purpose, lists, registry));
      continue;
    }
    // A frame that could tell only that the top page wrote it names the page (page/frame-owner.ts).
    const owners = (frame.owners ?? []).map((o) => (o === TOP_PAGE_OWNER ? pageUrl : o)).filter((o) => /^https?:\/\//i.test(siteAddress(o)));
    if (owners.length === 0) {
      out.push({
        kind: 'site-registry', scope: 'page', source: shown, value: 'frame owner not read', effect: 'deny', reason: 'signal-unreadable',
        note: `The image is shown in a frame (${shown.slice(0, 100)}) whose address names no site, and the frames around it could not be read: it may be a blocked site's, so Heed fails closed`,
      });
      continue;
    }
    for (const owner of owners) {
      out.push(...frameAddressEvidence(pageUrl, owner, `The image is shown in a frame (${shown.slice(0, 100)}) written by ${owner.slice(0, 500)}`, purpose, lists, registry));
    }
  }
  return out;
}

/** frameSiteEvidence for one address a frame is a page of, each note opening with `where`. */
function frameAddressEvidence(pageUrl: string, frameUrl: string, where: string, purpose: Purpose, lists: UserLists, registry: Registry): Evidence[] {
  const address = siteAddress(frameUrl);
  const archived = archivedSiteEvidence(address, purpose, lists, registry).map((e) => ({ ...e, scope: 'page' as const }));
  return [...siteEvidenceBeside(pageUrl, address, 'page', purpose, lists, registry), ...archived].map((e) => ({ ...e, note: `${where}: ${e.note ?? e.value}` }));
}

/**
 * The registry's and the user's lists' answer for the rendition of an image shown on the page
 * (the candidate's `thumbnailUrl`: what the <img> shows when Heed takes its largest srcset
 * candidate or the original it links to) and the addresses that rendition's URL carries (an image
 * proxy's `?url=`). Decision (DESIGN.md §2 rule 1, the reading that cannot keep what the owner
 * refused): a rendition is the same image — assess.ts reads an ImageObject naming it as the
 * image's own statement — so a rendition on a blocked site makes the image that site's, wherever
 * the copy fetched is. Before, a page showing i.pinimg.com's 236 px file with a 2000w srcset
 * candidate (or a link) on its own host had the large copy kept. URLs in `known` (already looked
 * up) are skipped.
 */
/**
 * shownRenditionEvidence for the other renditions the page's markup names for the image (its
 * `renditions`: srcset and source candidates, the src, image-set() options), the registry and the
 * user's lists only. Decision (DESIGN.md §2 rule 1, the reading that cannot keep what the owner
 * refused): the browser shows one of them by screen width and density, so on another screen the
 * page shows that one: each is this image, as the rendition shown is. Before, only the rendition
 * this browser loaded was looked up, and a page naming i.pinimg.com's file as its 736w candidate
 * beside its own 2000w copy had the copy kept. Their signal files are not requested (one request
 * per rendition's site, for a rendition this browser did not load).
 */
export function namedRenditionsEvidence(pageUrl: string, named: { renditions?: readonly string[] | undefined; renditionsCut?: true | undefined }, purpose: Purpose, lists: UserLists, known: readonly string[] = [], registry: Registry = SITE_REGISTRY): Evidence[] {
  const { renditions, renditionsCut } = named;
  // More renditions named than were read (a srcset past what is read): one not read may be a
  // blocked site's, so the image fails closed (DESIGN.md §2 rule 5).
  const out: Evidence[] = renditionsCut
    ? [{
      kind: 'site-registry', scope: 'image', source: pageUrl.slice(0, 500), value: 'renditions not read in full', effect: 'deny', reason: 'signal-unreadable',
      note: `The page names more renditions of this image than Heed reads (${MAX_RENDITIONS}, or a srcset past what is read): one not read may be a blocked site's, so Heed fails closed`,
    }]
    : [];
  const seen = new Set(known);
  for (const named of (renditions ?? []).slice(0, MAX_RENDITIONS)) {
    for (const u of [named, ...carriedAddresses(named)]) {
      if (seen.has(u)) continue;
      seen.add(u);
      for (const e of siteEvidenceBeside(pageUrl, u, 'image', purpose, lists, registry)) {
        out.push({ ...e, note: `The page names ${named.slice(0, 500)} as a rendition of this image: ${e.note ?? e.value}` });
      }
    }
  }
  return out;
}

export function shownRenditionEvidence(pageUrl: string, shownUrl: string | null | undefined, purpose: Purpose, lists: UserLists, known: readonly string[] = [], registry: Registry = SITE_REGISTRY): Evidence[] {
  if (!shownUrl) return [];
  const out: Evidence[] = [];
  for (const u of new Set([shownUrl, ...carriedAddresses(shownUrl)])) {
    if (known.includes(u)) continue;
    for (const e of siteEvidenceBeside(pageUrl, u, 'image', purpose, lists, registry)) {
      out.push({ ...e, note: `The page shows this image from ${shownUrl.slice(0, 500)}: ${e.note ?? e.value}` });
    }
  }
  return out;
}

/**
 * A host and, for an IPv4-mapped IPv6 address (`[::ffff:102:304]`, as the URL parser writes
 * `[::ffff:1.2.3.4]`), the IPv4 address it reaches, both ways: a block-list entry for 1.2.3.4
 * did not match such a URL, nor an entry written mapped the plain address (fail closed).
 */
function hostForms(host: string): string[] {
  let canonical: string;
  try {
    canonical = /^\[.*\]$/.test(host) ? new URL(`http://${host}/`).hostname : host;
  } catch {
    return [host];
  }
  const m = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/i.exec(canonical);
  if (!m) return canonical === host ? [host] : [host, canonical];
  const hi = Number.parseInt(m[1]!, 16);
  const lo = Number.parseInt(m[2]!, 16);
  return [host, canonical, `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`];
}

/**
 * A user-list entry as written and as the registry's domains are read (readDomain: the URL
 * parser's host of it — punycode for a Unicode name, the host of a URL, `*.` dropped), each in
 * its hostForms. Decision (DESIGN.md §2 rule 1: the lists name hosts as the user meant them): a
 * stored list holds any text (one saved by an earlier Heed, or written outside the form, which
 * punycodes), and an entry `bücher.de`, `https://photos.site/` or `*.site` matched no URL the
 * browser reports — those carry the parser's host — so a blocked site's images were kept.
 */
function entryForms(entry: string): string[] {
  let forms = entryFormsCache.get(entry);
  if (forms === undefined) {
    const written = entry.trim();
    const read = readDomain(written);
    forms = [...new Set([written, ...(read && read !== written ? [read] : [])])].flatMap(hostForms);
    if (entryFormsCache.size >= 1024) entryFormsCache.clear();
    entryFormsCache.set(entry, forms);
  }
  return forms;
}

/** entryForms' answers by entry: the lists are read for every URL an image is judged under. */
const entryFormsCache = new Map<string, string[]>();

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
