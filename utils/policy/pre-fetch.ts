import type { Evidence, RefusalReason } from '../model/evidence';
import { purposeProfile } from '../model/purposes';
import { carriedAddresses, carriedForSignalFiles, renditionsCarriedForSignalFiles } from '../model/shared-hosting';
import type { Settings } from '../model/settings';
import { originOf, type OriginFiles } from '../signals/origin-files';
import { evaluateAiTxt } from '../signals/ai-txt';
import { evaluateRobots } from '../signals/robots-txt';
import { headerOptOuts, imageObjectRefusalEvidence, namingFile, type PageAssessment, type RedirectHop } from './assess';
import type { Decision } from './decide';
import { MAX_RENDITION_SITES, renditionsForSignalFiles } from '../model/renditions';
import { frameDocumentAddresses, frameSiteEvidence, namedRenditionsEvidence, shownRenditionEvidence, siteEvidenceBeside, type FrameOfSite } from './site-registry';

/**
 * What already refuses an image before it is requested (DESIGN.md §2 rule 2: "Rules 1–2 (and
 * every page-level deny) are checked before an image is requested: Heed never fetches what it
 * already knows it must refuse"): every page-level deny, the registry and the user's block list
 * for the image's registrable domain, robots.txt of the image's origin for the image URL, and
 * that origin's ai.txt for the image path (known before the request too). `null`: nothing
 * known refuses it, so it may be requested and decided in full (assess.ts `assessImage`, which
 * checks all of this again, and the final origin's files after a redirect).
 *
 * The refusal carries every reason known at this point, not only the first; what only the
 * response could tell (headers, embedded metadata) is not looked for: the image is not fetched.
 * `imageOrigin`: the signal files of the image URL's origin (null for a URL without one);
 * `shown`: where the candidate is shown — the frames it was found in, whose sites are looked up
 * as the page's is (site-registry.ts frameSiteEvidence), and the rendition the page shows
 * (`thumbnailUrl`, site-registry.ts shownRenditionEvidence). `carried`: the signal files of the
 * sites the image URL carries (carriedSiteOrigins), as far as they were fetched; `frameFiles`:
 * those of the pages its frames are (frameDocumentAddresses), as far as they were fetched.
 */
export function refusalBeforeRequest(
  page: PageAssessment,
  imageUrl: string,
  imageOrigin: OriginFiles | null,
  settings: Settings,
  shown: { frames?: readonly FrameOfSite[] | undefined; thumbnailUrl?: string | null | undefined; renditions?: readonly string[] | undefined; renditionsCut?: true | undefined } = {},
  carried: readonly OriginFiles[] = [],
  frameFiles: readonly OriginFiles[] = [],
  renditionFiles: readonly OriginFiles[] = [],
): Decision | null {
  const evidence = knownBeforeRequest(page, imageUrl, imageOrigin, settings, carried);
  const profile = purposeProfile(settings.purpose);
  // The renditions the page shows and names are this image too (assess.ts): their origins'
  // robots.txt and ai.txt, as far as read (`renditionFiles`, and the image's own origin's), refuse
  // it unrequested as assess.ts refuses it after. An origin not read here is read by assess.ts,
  // which fails closed without it.
  const renditionSources = [imageOrigin, ...renditionFiles].filter((f): f is OriginFiles => f !== null);
  // And the files those renditions are served from through a proxy (renditionsCarriedForSignalFiles).
  const throughProxy = renditionsCarriedForSignalFiles(shown);
  for (const r of new Set([...(shown.thumbnailUrl && /^https?:/i.test(shown.thumbnailUrl) ? [shown.thumbnailUrl] : []), ...renditionsForSignalFiles(shown), ...throughProxy])) {
    if (r === imageUrl) continue;
    const files = renditionSources.find((f) => f.origin === originOf(r));
    if (!files) continue;
    const how = r === shown.thumbnailUrl ? 'shown on the page as' : throughProxy.includes(r) ? 'shown or named by the page as a rendition served through a proxy from' : 'named by the page as a rendition at';
    evidence.push(...namingFile([...evaluateRobots(files.robots, r, 'image', profile), ...evaluateAiTxt(files.aiTxt, r, profile)].filter((e) => e.effect === 'deny'), how, r));
  }
  // The pages the frames it is shown in are (their own, owners' and ancestors' addresses:
  // site-registry.ts frameDocumentAddresses): their robots.txt, as far as read, refuses it unrequested
  // as assess.ts refuses it after. Before, it was read only once the image had been requested.
  for (const address of new Set((shown.frames ?? []).flatMap(frameDocumentAddresses))) {
    const files = frameFiles.find((f) => f.origin === originOf(address));
    if (files) evidence.push(...evaluateRobots(files.robots, address, 'page', profile));
  }
  // The page's JSON-LD about the image refusing AI training in plain words (assess.ts): known now.
  evidence.push(...imageObjectRefusalEvidence(page, [imageUrl, ...(shown.thumbnailUrl ? [shown.thumbnailUrl] : [])], profile).filter((e) => e.effect === 'deny'));
  // The frames the image is shown in are pages of their own: a frame of a blocked site refuses it;
  // the rendition the page shows is this image too: one on a blocked site refuses it (rule 1).
  evidence.push(...frameSiteEvidence(page.pageUrl, shown.frames ?? [], settings.purpose, settings));
  const own = [imageUrl, ...carriedAddresses(imageUrl)];
  evidence.push(...shownRenditionEvidence(page.pageUrl, shown.thumbnailUrl, settings.purpose, settings, own));
  // So do the other renditions the page names for it (srcset candidates another screen is shown).
  evidence.push(...namedRenditionsEvidence(page.pageUrl, shown, settings.purpose, settings, [...own, ...(shown.thumbnailUrl ? [shown.thumbnailUrl] : [])]));
  const reasons = denyReasons(evidence);
  if (reasons.length === 0) return null;
  evidence.push({
    kind: 'fetch',
    scope: 'image',
    source: imageUrl,
    value: 'not requested',
    effect: 'info',
    note: 'Not requested: what Heed knew before the request already refuses this image (the site’s own rules are checked first)',
  });
  return { decision: 'refused', reasons, licence: null, evidence };
}

/**
 * At most this many sites an image URL carries have their signal files fetched and read: a URL
 * naming fifty sites must not cost fifty sites' requests. Past it the rest are not read, and
 * assess.ts fails the image closed (DESIGN.md §2 rule 5).
 */
export const MAX_CARRIED_SITES = 8;

/**
 * The origins of the sites `urls` carry (carriedForSignalFiles), whose signal files the worker
 * fetches with the image's own (at most MAX_CARRIED_SITES).
 */
export function carriedSiteOrigins(urls: readonly string[]): string[] {
  const own = new Set(urls.map(originOf));
  return [...new Set(carriedForSignalFiles(urls).map(originOf))].filter((o): o is string => o !== null && !own.has(o)).slice(0, MAX_CARRIED_SITES);
}

/**
 * What is known of a URL before it is requested: the page-level evidence, its registry entry and
 * the block list for its domain (and for each address it carries), its origin's robots.txt and
 * ai.txt, and those of each site it carries whose files are in `carried`.
 */
function knownBeforeRequest(page: PageAssessment, url: string, origin: OriginFiles | null, settings: Settings, carried: readonly OriginFiles[]): Evidence[] {
  const profile = purposeProfile(settings.purpose);
  const evidence: Evidence[] = [...page.imageEvidence];
  // On the page's own site too: a host of it may be blocked where the page is not (site-registry.ts).
  evidence.push(...siteEvidenceBeside(page.pageUrl, url, 'image', settings.purpose, settings));
  // The addresses the URL carries (an image proxy's `?url=`, with a scheme or not, a CDN's `fetch/https://…`): the bytes
  // may be that site's image, so its registry and block-list entries refuse it before the proxy
  // is asked for it, as assess.ts refuses it after (DESIGN.md §2 rules 1–2: "Heed never fetches
  // what it already knows it must refuse"). Before, the proxy was requested first.
  for (const c of carriedAddresses(url)) {
    if (c !== url) evidence.push(...siteEvidenceBeside(page.pageUrl, c, 'image', settings.purpose, settings));
  }
  // The file's owner's robots.txt and ai.txt, read for the file (a proxy does not lift them).
  for (const c of carriedForSignalFiles([url])) {
    const files = [origin, ...carried].find((f) => f !== null && f.origin === originOf(c));
    if (!files) continue;
    evidence.push(...namingFile([...evaluateRobots(files.robots, c, 'image', profile), ...evaluateAiTxt(files.aiTxt, c, profile)], 'served through a proxy from', c));
  }
  if (origin) {
    evidence.push(...evaluateRobots(origin.robots, url, 'image', profile));
    evidence.push(...evaluateAiTxt(origin.aiTxt, url, profile));
  }
  return evidence;
}

/**
 * The sites of the renditions a candidate is shown and named as (its thumbnailUrl, then its
 * renditions, then the sites those serve a file of through a proxy), other than `except`, at most MAX_RENDITION_SITES: their signal files speak for
 * the image (assess.ts), so the worker reads them (judge-image.ts before the request,
 * gather-image.ts after). Past the cap they are not read, and assess.ts fails the image closed.
 */
export function renditionSiteOrigins(candidate: { thumbnailUrl?: string | null | undefined; renditions?: readonly string[] | undefined }, except: readonly (string | null)[]): string[] {
  const shown = candidate.thumbnailUrl && /^https?:/i.test(candidate.thumbnailUrl) ? [candidate.thumbnailUrl] : [];
  const sites = [...new Set([...shown, ...renditionsForSignalFiles(candidate), ...renditionsCarriedForSignalFiles(candidate)].map(originOf))];
  return sites.filter((o): o is string => o !== null && !except.includes(o)).slice(0, MAX_RENDITION_SITES);
}

/** Every refusing reason of the evidence, once each. */
function denyReasons(evidence: readonly Evidence[]): RefusalReason[] {
  return [...new Set(evidence.flatMap((e): RefusalReason[] => (e.effect === 'deny' && e.reason ? [e.reason] : [])))];
}

/**
 * What already refuses an image before the next hop of its redirect chain is requested (DESIGN.md
 * §2 rule 2, for every URL the bytes would come through): the headers of each redirect answered
 * so far (X-Robots-Tag, Content-Usage, Content-Signal on a 3xx), and what is known of the URL
 * the last one leads to, read as refusalBeforeRequest reads it (the registry and block list for
 * its domain, its origin's robots.txt and ai.txt). `null`: the next hop may be requested; the
 * image is decided in full once its bytes arrive (assess.ts, which reads every hop again,
 * tdmrep.json included).
 */
export function refusalBeforeHop(page: PageAssessment, hops: readonly RedirectHop[], nextUrl: string, nextOrigin: OriginFiles | null, settings: Settings, carried: readonly OriginFiles[] = []): Decision | null {
  const profile = purposeProfile(settings.purpose);
  const evidence: Evidence[] = hops.flatMap((hop) => headerOptOuts(hop.headers, hop.url, 'redirect', profile));
  // What is known of the next URL counts as evidence when it refuses, as for a first request.
  const next = knownBeforeRequest(page, nextUrl, nextOrigin, settings, carried);
  if (denyReasons(next).length > 0) evidence.push(...next);
  const reasons = denyReasons(evidence);
  if (reasons.length === 0) return null;
  evidence.push(hopNote(hops, nextUrl, 'not requested', `Not requested: the image was redirected to ${nextUrl}, and what Heed knew before requesting it already refuses the image`));
  return { decision: 'refused', reasons, licence: null, evidence };
}

/** An image whose redirect could not be seen: where it led is unknown, so nothing more is requested (rule 5, fail closed). */
export function hopNotSeen(hops: readonly RedirectHop[], url: string): Decision {
  const evidence: Evidence[] = [
    {
      kind: 'fetch', scope: 'image', source: url, value: 'redirect hop not seen', effect: 'deny', reason: 'signal-unreadable',
      note: `The request for ${url} was redirected, but where to could not be seen: a site on the way may refuse the image, so Heed fails closed and requests nothing more`,
    },
  ];
  if (hops.length > 0) evidence.push(hopNote(hops, url, 'redirect chain', 'The redirects answered before it'));
  return { decision: 'refused', reasons: ['signal-unreadable'], licence: null, evidence };
}

function hopNote(hops: readonly RedirectHop[], url: string, value: string, note: string): Evidence {
  const chain = [...hops.map((h) => h.url), url].join(' → ');
  return { kind: 'fetch', scope: 'image', source: hops[0]?.url ?? url, value: `${value}: ${chain}`.slice(0, 2000), effect: 'info', note };
}
