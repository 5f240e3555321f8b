import { decide, type Decision } from './decide';
import { imageCredit, withCredit } from './credit';
import type { Credit } from '../model/credit';
import type { Evidence, Licence, RefusalReason } from '../model/evidence';
import { originOf, type OriginFiles } from '../signals/origin-files';
import type { PageSignals } from '../page/page-signals';
import { RAW_LIMITS } from '../page/raw-page-signals';
import { LIMITS } from '../signals/html-licence/limits';
import { purposeProfile, type PurposeProfile } from '../model/purposes';
import { sameRegistrableDomain } from '../model/registrable-domain';
import { carriedBy, carriedForSignalFiles, licenceSite, renditionsCarriedForSignalFiles, sameLicenceSite } from '../model/shared-hosting';
import { isAcceptedLicence, parseLicenceUrl } from '../model/licence-url';
import type { Settings } from '../model/settings';
import { frameDocumentAddresses, frameSiteEvidence, namedRenditionsEvidence, pageSiteEvidence, shownRenditionEvidence, siteEvidenceBeside } from './site-registry';
import { siteStatus, type SiteStatus } from './site-status';
import { aiTxtRestrictions, evaluateAiTxt } from '../signals/ai-txt';
import { evaluateContentSignalHeader, evaluateContentUsageHeader } from '../signals/content-usage';
import { elementLicenceUnread, imageObjectRefusals, licenceFindings } from '../signals/html-licence/findings';
import { readLicenceLinks } from '../signals/link-header';
import { remoteManifestEvidence } from '../signals/c2pa';
import type { ElementLicenceHint, PageLicenceSignals } from '../signals/html-licence/schema';
import { evaluateMetaRobots } from '../signals/meta-robots';
import { statedLicences } from '../signals/xmp';
import { partialContentUsageOptOuts, partialRobotsOptOuts } from '../signals/robots-partial';
import { evaluateRobots } from '../signals/robots-txt';
import type { FetchedFile } from '../signals/fetched-file';
import { evaluateRsl, rslPartialRestrictions } from '../signals/rsl';
import { parseTdmReservation, resolveTdmReservation, tdmrepPartialRestrictions, type TdmDeclaration } from '../signals/tdmrep';
import { evaluateXRobotsTag } from '../signals/x-robots-tag';
import type { DocumentKind } from '../signals/document-kind';
import { headerLines, type HeaderMap } from '../signals/header-lines';
import { sameRequestUrl } from '../model/request-url';
import type { ImageCandidate } from './verdict';
import { renditionsForSignalFiles } from '../model/renditions';

export type { HeaderMap } from '../signals/header-lines';

/** What Heed concluded about the page, once per collect (stored with the job; JSON-serialisable). */
export interface PageAssessment {
  pageUrl: string;
  status: SiteStatus;
  reasons: RefusalReason[];
  /** Site- and page-scope evidence shown in the banner (includes the page's own TDM answer). */
  evidence: Evidence[];
  /** The part of `evidence` that applies to every image on the page. */
  imageEvidence: Evidence[];
  /** Page-level licences; they cover images on the page's own registrable domain only. */
  licences: Licence[];
  /** Page licence markup, for element-level JSON-LD ImageObjects. */
  licenceSignals: PageLicenceSignals;
  /** The page's TDM header/meta: applies to same-domain images when nothing closer speaks. */
  tdmFallback: (TdmDeclaration & { source: string }) | null;
  /** RSL licences the page declares (inline, linked, Link header): they speak for its images. */
  pageRsl?: FetchedFile[];
  /** RSL licences the page's origin declares (its robots.txt `License:`): they speak for its site's images on other hosts too. */
  siteRsl?: FetchedFile[];
  /** The page origin's ai.txt: it speaks for its site's images on other hosts too. */
  siteAiTxt?: FetchedFile;
}


/** The RSL licences a page declares: its inline `<script>`s, then the linked documents. */
function pageRslDocuments(input: PageInputs): FetchedFile[] {
  const url = input.page.url;
  // An inline licence's source is the page that carries it (DESIGN.md §2: a source is a URL).
  const inline = (input.page.rsl ?? []).map((body, i): FetchedFile =>
    // Read up to RAW_LIMITS.rslScripts licences (one more: there were more) of up to
    // RAW_LIMITS.rslChars (one more character: it was cut). Decision (DESIGN.md §2 rule 5): a
    // licence past either cap was not read in full and may prohibit the purpose: it fails closed.
    i >= RAW_LIMITS.rslScripts
      ? { url, outcome: 'error', detail: `more than ${RAW_LIMITS.rslScripts} inline RSL licences` }
      : body.length > RAW_LIMITS.rslChars ? { url, outcome: 'error', detail: 'larger than 512 KiB' } : { url, outcome: 'ok', body },
  );
  // A linked licence the page reader could not keep is unread: it fails closed (rule 5).
  const unkept: FetchedFile[] = input.page.licence.rslUnread ? [{ url, outcome: 'error', detail: 'an RSL licence link on the page could not be read (its URL too long or not a URL)' }] : [];
  return [...inline, ...unkept, ...(input.linkedRsl ?? [])];
}

export interface PageInputs {
  page: PageSignals;
  /** Main-frame response headers of the page, or null when they could not be read. */
  headers: HeaderMap | null;
  /** Signal files of the page's origin. */
  origin: OriginFiles;
  /**
   * RSL licences the page links to (`<link rel="license" type="application/rsl+xml">`, or its
   * response's `Link` header), as the shell fetched them; inline ones come with `page`.
   */
  linkedRsl?: FetchedFile[];
}

/** One redirect the bytes came through: `url` answered 3xx with `headers`, pointing at `location`. */
export interface RedirectHop {
  url: string;
  location: string;
  headers: HeaderMap;
  /** RSL licences its `Link` header names, as the shell fetched them (they speak for `url`). */
  linkedRsl?: FetchedFile[];
}

/** What was read about one image: its response, its origins' signal files and its bytes. */
export interface ImageInputs {
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  headers: HeaderMap;
  /**
   * Every redirect from `url` to `finalUrl`, in order ([] when there was none); null when the
   * fetch was redirected but its hops could not be seen (fails closed: DESIGN.md §2 rule 5).
   */
  redirects: RedirectHop[] | null;
  /**
   * Signal files of the origin of every URL the bytes came through (`url`, each hop, `finalUrl`),
   * and of the sites those URLs carry (an image proxy's source: shared-hosting.ts carriedBy).
   */
  origins: OriginFiles[];
  /** Evaluated embedded metadata (XMP/IPTC) and C2PA. */
  embedded: { evidence: Evidence[]; licence: Licence | null; credit?: Credit; /** Every licence it states (two that differ conflict); `[licence]` when absent. */ licences?: Licence[]; /** Licences its free-text rights fields name by URL (xmp.ts `named`): they can only refuse. */ named?: Licence[] };
  /** RSL licences the image response links to (its `Link` header), as the shell fetched them. */
  linkedRsl?: FetchedFile[];
  /** The type the bytes turned out to be (sniffed): ai.txt's file-type rules read it. */
  mime?: string;
}

const header = (h: HeaderMap | null, name: string): string[] => headerLines(h, name).lines;
/** X-Robots-Tag: lines read apart stay lines; a value fetch may have joined stays one string (DESIGN.md §2 rule 3). */
const robotsHeader = (h: HeaderMap | null): string | string[] => {
  const { lines, joined } = headerLines(h, 'x-robots-tag');
  return joined ? lines[0]! : lines;
};

/**
 * The opt-outs a response states in its headers: X-Robots-Tag, Content-Usage, Content-Signal
 * (TDMRep's are read with tdmrep.json). `where`: whose response it is; a frame document's
 * evidence has scope `page` and notes that name the frame (signals/document-kind.ts).
 */
export function headerOptOuts(h: HeaderMap | null, url: string, where: DocumentKind, profile: PurposeProfile): Evidence[] {
  return [
    ...evaluateXRobotsTag(robotsHeader(h), url, where, profile),
    ...evaluateContentUsageHeader(header(h, 'content-usage'), url, where, profile),
    ...evaluateContentSignalHeader(header(h, 'content-signal'), url, where, profile),
  ];
}

function tdmDeclaration(h: HeaderMap | null): TdmDeclaration {
  const out: TdmDeclaration = {};
  // Several lines read as one value: conflicting ones ("0, 1") are unreadable (tdmrep.ts).
  const reservation = header(h, 'tdm-reservation');
  const policy = header(h, 'tdm-policy');
  if (reservation.length > 0) out.reservation = reservation.join(', ');
  if (policy.length > 0) out.policy = policy[0]!;
  return out;
}

/** The response header wins over the HTML meta (TDMRep processing order: header, then meta). */
function pageTdm(input: { headers: HeaderMap | null; page: Pick<PageSignals, 'url' | 'tdm'> }): (TdmDeclaration & { source: string }) | null {
  const fromHeader = tdmDeclaration(input.headers);
  const meta = input.page.tdm.reservation;
  // Decision: DESIGN.md §2 rule 3 says "the page's header or meta applies"; where they disagree
  // (header 0, meta 1 or unreadable), either may be the owner's word, so the meta's stricter
  // answer stands (the reading that keeps nothing refused). A header reserving wins as before.
  // "Says 0" as the header is read (parseTdmReservation): `0` sent on two lines reads "0, 0", which
  // is 0 too, and compared as text it let the header's 0 set aside the meta's 1.
  if (fromHeader.reservation !== undefined && parseTdmReservation(fromHeader.reservation) === 0 && meta !== undefined && parseTdmReservation(meta) !== 0) {
    return { ...input.page.tdm, source: `${input.page.url} (tdm-reservation meta; the header says 0)` };
  }
  if (fromHeader.reservation !== undefined) return { ...fromHeader, source: `${input.page.url} (tdm-reservation header)` };
  if (input.page.tdm.reservation !== undefined) return { ...input.page.tdm, source: `${input.page.url} (tdm-reservation meta)` };
  // A policy with no reservation in either is still the page's TDM declaration: tdmrep.ts
  // (policyOnly) fails closed on it when no closer layer states a value.
  if (fromHeader.policy !== undefined) return { ...fromHeader, source: `${input.page.url} (tdm-policy header)` };
  if (input.page.tdm.policy !== undefined) return { ...input.page.tdm, source: `${input.page.url} (tdm-policy meta)` };
  return null;
}

/**
 * The page's own TDM answer: its origin's tdmrep.json rule for the page URL, and its header or
 * meta. Decision (DESIGN.md §2 rule 3, "by TDMRep's own precedence"; SIGNALS.md §4.4 steps 2–3):
 * for the HTML document itself the header, then the meta, supersede the file, so a page whose own
 * header or meta reserves (or is unreadable) is reserved though the file's rule for its path says
 * 0 — read file first, a tdmrep.json `{"location": "/", "tdm-reservation": 0}` set aside the
 * page's own `<meta name="tdm-reservation" content="1">` and the site read as not blocked. Where
 * the file reserves the page and its header says 0, the file's reservation still stands: of the
 * two readings the stricter is kept.
 */
function pageOwnTdm(tdmrep: FetchedFile, url: string, fallback: (TdmDeclaration & { source: string }) | null, profile: PurposeProfile): Evidence[] {
  const fileFirst = resolveTdmReservation({ wellKnown: tdmrep, imageUrl: url, imageHeaders: {}, pageFallback: fallback }, profile);
  if (fallback === null || fileFirst.some((e) => e.effect === 'deny')) return fileFirst;
  const own = resolveTdmReservation({ wellKnown: { url: fallback.source, outcome: 'absent' }, imageUrl: url, imageHeaders: {}, pageFallback: fallback }, profile).filter((e) => e.value !== 'absent');
  if (!own.some((e) => e.effect === 'deny')) return fileFirst;
  // The file's rule for the page is superseded by the page's own declaration, not the other way.
  const file = fileFirst.filter((e) => e.source !== fallback.source).map((e) => (e.effect === 'allow' ? { ...e, effect: 'info' as const, note: "Superseded by the page's TDMRep header or meta (TDMRep processing priority)." } : e));
  return [...file, ...own];
}

function rslEvidence(files: readonly OriginFiles[], url: string, profile: PurposeProfile, scope: 'page' | 'image'): Evidence[] {
  return files.flatMap((o) => o.rsl.flatMap((doc) => evaluateRsl(doc, url, profile, scope === 'page' ? 'site' : 'image')));
}

/** Assess the page: rules 1–3 at site and page scope, page licences, and the site status. */
export function assessPage(input: PageInputs, settings: Settings): PageAssessment {
  const profile = purposeProfile(settings.purpose);
  const url = input.page.url;
  const imageEvidence: Evidence[] = [
    ...unreadPageHeaders(input.headers, url),
    // The page's site, and for a web archive's copy the archived site's (site-registry.ts).
    ...pageSiteEvidence(url, settings.purpose, settings),
    ...evaluateRobots(input.origin.robots, url, 'page', profile),
    ...partialRobotsOptOuts(input.origin.robots, url, profile),
    ...evaluateXRobotsTag(robotsHeader(input.headers), url, 'page', profile),
    ...evaluateMetaRobots(input.page.metas, url, profile),
    // The page response's own Content-Usage / Content-Signal. Decision: DESIGN.md §2 rule 3 names
    // the image response's header, and aipref attaches a header to its representation; but the
    // owner who says train-ai=n about the page says it of what the page shows, as an X-Robots-Tag
    // on the page does — read so, it is a page-level deny (the reading that keeps nothing refused).
    ...evaluateContentUsageHeader(header(input.headers, 'content-usage'), url, 'page', profile),
    ...evaluateContentSignalHeader(header(input.headers, 'content-signal'), url, 'page', profile),
    // The page origin's ai.txt for the page's own path. Decision (DESIGN.md §2 rule 3 names "ai.txt
    // disallowing the image path", and "Site status" blocks on "a page-level deny from rules 1–3";
    // read two ways for the page): an ai.txt that disallows the page's path for the purpose's
    // tokens (`Disallow: /`, `Disallow: /gallery`), or that cannot be read, is the owner's word on
    // the page as robots.txt disallowing the page URL is — a page-level deny, so the site is
    // `blocked` and Collect refuses at once (the reading that cannot keep what the owner refused).
    // Only a refusal counts here; rules for other paths and file types still restrict the site
    // (aiTxtRestrictions below) and refuse the images they cover (assessImage). Before, such a
    // site read `restricted`.
    ...evaluateAiTxt(input.origin.aiTxt, url, profile).filter((e) => e.effect === 'deny').map((e) => ({ ...e, scope: 'page' as const, note: `${e.note ?? ''} It covers this page's own path, so every image on the page is refused.`.trim() })),
  ];
  const tdmFallback = pageTdm(input);
  // The page's own TDM answer (its origin's tdmrep.json, then its header/meta) speaks for the
  // page in the banner; for images it applies only through `tdmFallback` (DESIGN.md rule 3).
  const pageTdmEvidence = pageOwnTdm(input.origin.tdmrep, url, tdmFallback, profile).map((e) => ({ ...e, scope: 'page' as const }));
  const pageRslDocs = pageRslDocuments(input);
  const pageRsl = [
    ...rslEvidence([input.origin], url, profile, 'page'),
    ...input.origin.rsl.flatMap((doc) => rslPartialRestrictions(doc, url, profile, 'site')),
    ...pageRslDocs.flatMap((doc) => evaluateRsl(doc, url, profile, 'page', url)),
    ...pageRslDocs.flatMap((doc) => rslPartialRestrictions(doc, url, profile, 'page')),
  ];
  // Unreadable licence markup carries licences, not opt-outs, so it is recorded, not refused; but
  // what it says may be an image's own licence, which would override the page's: the page licence
  // is then relied on for no image (markupReadInFull).
  const unreadable: Evidence[] = input.page.licence.unreadable.map((u) => ({
    kind: 'licence',
    scope: 'page',
    source: url,
    value: `JSON-LD block ${u.index + 1}: ${u.reason}`,
    effect: 'info',
    note: `JSON-LD block ${u.index + 1} on the page could not be read (${u.reason}); any licence in it was not used, and the page licence licenses no image`,
  }));
  if (input.page.licence.truncated) {
    unreadable.push({
      kind: 'licence', scope: 'page', source: url, value: 'licence markup not read in full', effect: 'info',
      note: "The page's licence markup was not read in full (a size cap was hit); the page licence licenses no image",
    });
  }
  if (input.page.licence.licenceUnread || otherWorkDiffers(input.page.licence)) {
    unreadable.push({
      kind: 'licence', scope: 'page', source: url, value: 'licence statement not read', effect: 'info',
      note: "A licence statement on the page could not be read (not a URL Heed can resolve, or too long), or the page describes another work under another licence; it may be the images' own licence, so the page licence licenses no image",
    });
  }
  // A `Link: <…>; rel="license"` on the page response is a page-level licence like rel=license in
  // the HTML — on a MediaWiki page the wiki text's, like the HTML one (DESIGN.md §2 rule 4).
  const page = input.page.licence;
  const known = (u: string) => page.licences.some((l) => l.url === u) || (page.textLicences ?? []).some((l) => l.url === u);
  const linkHeader = readLicenceLinks(header(input.headers, 'link'), url);
  const headerLicences = linkHeader.urls
    .filter((u) => !known(u))
    .map((u) => ({ via: 'rel' as const, url: u }));
  const textLicences = [...(page.textLicences ?? []), ...(page.mediaWiki ? headerLicences.map((l) => ({ ...l, covers: 'mediawiki-text' as const })) : [])];
  // A licence link whose `anchor` names another resource licenses that resource, not the page
  // (RFC 8288 §3.2). Decision (DESIGN.md §2 rule 4): one about another URL is the server's
  // statement about that file, read as the page's JSON-LD ImageObject naming it is (element level:
  // the image at that URL, if any, is that licence's; a page licence no longer covers it); one about
  // a part of the page (`anchor="#gallery"`), or whose anchor cannot be read, may be the licence of
  // images in that part, which the page's licence would otherwise have covered: the page licence
  // then licenses no image, as when its markup is not read in full. Before, each was read as the
  // page's own licence, and `anchor="/about.html"` licensed every image on the page.
  const anchored = linkHeader.elsewhere ?? [];
  const partOfPage = anchored.filter((l) => l.about === null || sameDocument(l.about, url));
  const aboutFiles = anchored.filter((l) => !partOfPage.includes(l));
  const anchoredObjects = aboutFiles.map((l) => ({
    contentUrl: l.about!, license: [l.url], acquireLicensePage: null, creditText: null, creator: null, copyrightNotice: null, name: null,
  }));
  const imageObjects = [...page.imageObjects, ...anchoredObjects];
  const tooManyObjects = imageObjects.length > LIMITS.imageObjects;
  // Licences the Link header names past what Heed reads may conflict with the page's: the page's
  // licence markup is then not read in full (`truncated`), so it licenses no image (rules 4, 5).
  const licenceSignals = {
    ...page, licences: [...page.licences, ...(page.mediaWiki ? [] : headerLicences)], ...(textLicences.length > 0 ? { textLicences } : {}),
    imageObjects: imageObjects.slice(0, LIMITS.imageObjects),
    ...(linkHeader.unread || partOfPage.length > 0 || tooManyObjects ? { truncated: true } : {}),
  };
  for (const l of anchored) {
    const part = partOfPage.includes(l);
    unreadable.push({
      kind: 'licence', scope: 'page', source: url, value: `${parseLicenceUrl(l.url)?.id ?? l.url} for ${l.about ?? 'an anchor Heed cannot read'}`, effect: 'info',
      note: part
        ? "The page response's Link header gives a licence for a part of the page only (its anchor): it may be some images' own licence, so the page licence licenses no image"
        : `The page response's Link header gives a licence for another resource (its anchor, ${l.about}): it is that file's licence, not the page's`,
    });
  }
  if (linkHeader.unread) {
    unreadable.push({
      kind: 'licence', scope: 'page', source: url, value: 'Link header licences not read in full', effect: 'info',
      note: "The page response's Link header names more licences than Heed reads: one left unread may differ from the page licence, so the page licence licenses no image",
    });
  }
  // Opt-outs for some paths only: the banner reads `restricted` (DESIGN.md §2 "Site status").
  const partial = [
    ...partialContentUsageOptOuts(input.origin.robots, url, profile),
    ...tdmrepPartialRestrictions(input.origin.tdmrep, url),
    // ai.txt speaks of files, not of the page: its refusals restrict the site's images.
    ...aiTxtRestrictions(input.origin.aiTxt, profile),
  ];
  const evidence = [...imageEvidence, ...pageTdmEvidence, ...partial, ...pageRsl, ...unreadable, ...textLicences.map((l) => textOnlyEvidence(l, url))];
  const licences = markupReadInFull(licenceSignals)
    ? licenceFindings({ imageUrl: url, pageUrl: url, page: licenceSignals, element: [] }).filter((l) => l.source === 'page')
    : [];
  const { status, reasons } = siteStatus(evidence, licences, settings);
  return { pageUrl: url, status, reasons, evidence, imageEvidence, licences, licenceSignals, tdmFallback, pageRsl: pageRslDocs, siteRsl: input.origin.rsl, siteAiTxt: input.origin.aiTxt };
}

/**
 * Whether the page's licence markup was read in full: no JSON-LD block left unread, no cap hit,
 * no licence statement whose value could not be read (`licenceUnread`: "all rights reserved" as
 * text, a javascript: link, a URL over the cap).
 * Decision (DESIGN.md §2 rules 4 and 5): what went unread may be an image's own licence — an
 * ImageObject or figure stating CC BY-NC — which is more specific than the page's CC BY and would
 * override it; so when some went unread, the page licence licenses no image and does not make the
 * site `permitted`. Element-level licences that were read still apply, and opt-out mode, which
 * needs no licence, is not affected: this markup carries no opt-out.
 */
function markupReadInFull(signals: PageLicenceSignals): boolean {
  return signals.unreadable.length === 0 && !signals.truncated && signals.licenceUnread !== true && !otherWorkDiffers(signals);
}

/**
 * Whether the page describes another work (json-ld.ts workOfPage: another document's, a data
 * set's) under a licence that is not one of the page's, or one not read. Decision (DESIGN.md §2
 * rule 4, the reading that cannot keep what the owner refused): that work may be its images, so
 * the page licence licenses none, as when a licence statement went unread. Licences compare as
 * what they are (`http`/`https`, deed or legal code: one licence).
 */
function otherWorkDiffers(signals: PageLicenceSignals): boolean {
  const keyOf = (url: string): string => parseLicenceUrl(url)?.id ?? url;
  const pageKeys = new Set([...signals.licences, ...(signals.textLicences ?? [])].map((l) => keyOf(l.url)));
  return (signals.otherWorkLicences ?? []).some((url) => url === null || !pageKeys.has(keyOf(url)));
}

/**
 * The page's response headers, when they could not be read (null: no record of them, and the
 * request for them failed). Decision (DESIGN.md §2 rule 5, as for a frame's unread headers): an
 * X-Robots-Tag, Content-Usage, Content-Signal or tdm-reservation there may refuse every image on
 * the page, so their absence fails closed — a page-level deny — instead of reading as "none".
 */
function unreadPageHeaders(headers: HeaderMap | null, pageUrl: string): Evidence[] {
  if (headers !== null) return [];
  return [{
    kind: 'fetch', scope: 'page', source: pageUrl, value: 'page headers not read', effect: 'deny', reason: 'signal-unreadable',
    note: "The page's response headers could not be read: an opt-out there (X-Robots-Tag, Content-Usage, tdm-reservation) may refuse its images, so Heed fails closed",
  }];
}

/** A page licence of the page's text only: evidence that licenses no image (DESIGN.md §2 rule 4). */
function textOnlyEvidence(l: { url: string; covers: 'mediawiki-text' | 'dcmitype-text' }, pageUrl: string): Evidence {
  const why = l.covers === 'mediawiki-text' ? "a MediaWiki page's licence is the wiki text's; its files carry their own" : 'CC REL markup types the licensed work as dcmitype:Text';
  return {
    kind: 'licence',
    scope: 'page',
    source: pageUrl,
    value: parseLicenceUrl(l.url)?.id ?? l.url,
    effect: 'info',
    note: `Licence of the page's text only (${why}): it licenses no image`,
  };
}

/**
 * Evidence read for another URL of the image (`file`: the site's file a proxy serves, or the
 * rendition the page shows), each refusal naming that file — the URL the user sees in the popup is
 * the proxy's or the copy's. `how`: how the image relates to it ("served through a proxy from").
 */
export function namingFile(said: readonly Evidence[], how: string, file: string): Evidence[] {
  return said.map((e) => (e.effect === 'deny' ? { ...e, note: `The image is ${how} ${file.slice(0, 300)}: ${e.note ?? e.value}` } : e));
}

/** Decide one image from the page assessment, its own signals and its element context. */
/**
 * A JSON-LD ImageObject about this image (any of `imageUrls`) whose copyrightNotice refuses AI
 * training or data mining in plain words (findings.ts imageObjectRefusals): bound by purpose as
 * plus:DataMining is. Known from the page alone, so also read before the image is requested
 * (pre-fetch.ts refusalBeforeRequest).
 */
export function imageObjectRefusalEvidence(page: PageAssessment, imageUrls: readonly string[], profile: PurposeProfile): Evidence[] {
  const refusals = new Map(imageUrls.flatMap((imageUrl) => imageObjectRefusals({ imageUrl, pageUrl: page.pageUrl, page: page.licenceSignals, element: [] })).map((r) => [r.text, r.id]));
  return [...refusals].map(([text, id]): Evidence => {
    const value = `JSON-LD ImageObject copyrightNotice: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
    const use = id === 'DMI-PROHIBITED' ? 'data mining' : 'AI training';
    return profile.dataMiningProhibited.includes(id)
      ? { kind: 'licence', scope: 'image', source: page.pageUrl, value, effect: 'deny', reason: 'xmp-data-mining', note: `The page's structured data about this image refuses ${use} in plain words (read as ${id}, as in the image's own IPTC Copyright Notice).` }
      : { kind: 'licence', scope: 'image', source: page.pageUrl, value, effect: 'info', note: `The page's structured data about this image refuses AI training in plain words (read as ${id}), which does not bind ${profile.purpose}.` };
  });
}

export function assessImage(page: PageAssessment, image: ImageInputs, candidate: ImageCandidate, settings: Settings): Decision {
  const profile = purposeProfile(settings.purpose);
  // Every URL the bytes came through, intermediate redirect hops included: a refusal by any of
  // them (its robots.txt, ai.txt, tdmrep.json, registry entry or the headers of its 3xx answer)
  // refuses the image. Decision: DESIGN.md §2 names "the image's origin" and "the image URL"; a
  // redirect hop serves the image too, so it is read as one (the reading that keeps nothing a
  // hop's owner refused).
  const hops = image.redirects ?? [];
  const urls = [...new Set([image.url, ...hops.flatMap((h) => [h.url, h.location]), image.finalUrl])];
  const sameDomain = coveredByDocumentTdm(page.pageUrl, urls);
  // By origin, not by spelling: `https://MUSEUM.example:443/a.png` and `https://museum.example./a.png`
  // are museum.example's image (originOf).
  const originKey = originOf;
  const pageOrigin = originKey(page.pageUrl);
  const originOfUrl = (u: string) => {
    const key = originKey(u);
    return key === null ? null : (image.origins.find((o) => originKey(o.origin) === key) ?? null);
  };

  const evidence: Evidence[] = [...page.imageEvidence];
  if (!redirectsSeen(image)) {
    evidence.push({
      kind: 'fetch', scope: 'image', source: image.url, value: image.redirects === null ? 'redirect hops not seen' : 'redirect hops incomplete', effect: 'deny', reason: 'signal-unreadable',
      note: `The image was redirected to ${image.finalUrl}, but not every URL on the way could be seen: a site in between may have refused it, so Heed fails closed`,
    });
  }
  // Addresses the image URLs carry (an image proxy's `?url=`, a CDN's `fetch/https://…`, a query
  // naming a file without a scheme, a path segment that is a host, base64: model/shared-hosting.ts
  // carriedAddresses): the bytes may be that site's image, so its registry entry and
  // block-list entry apply (rule 1); and the page's licence markup speaks for the image only if
  // they are its own site's (rule 4). Decision: the wide reading for both, since it can only
  // refuse more or leave an image without the page's licence. Read narrowly for licence scope,
  // `resize?url=photos.other.com/a.jpg` on the page's own host had the page's licence relied on
  // for another site's file.
  const carried = carriedBy([candidate.url, ...urls]);
  for (const c of carried) {
    evidence.push(...siteEvidenceBeside(page.pageUrl, c, 'image', settings.purpose, settings));
  }
  // The frames it is shown in are pages of their own: a frame of a blocked site refuses it (rule 1).
  evidence.push(...frameSiteEvidence(page.pageUrl, candidate.frames ?? [], settings.purpose, settings));
  // The rendition the page shows is this image too: one on a blocked site refuses it (rule 1).
  evidence.push(...shownRenditionEvidence(page.pageUrl, candidate.thumbnailUrl, settings.purpose, settings, [...urls, ...carried]));
  // So do the other renditions the page names for it (site-registry.ts namedRenditionsEvidence).
  evidence.push(...namedRenditionsEvidence(page.pageUrl, candidate, settings.purpose, settings, [...urls, ...carried, ...(candidate.thumbnailUrl ? [candidate.thumbnailUrl] : [])]));
  for (const u of urls) {
    // On the page's own site too: a host of it may be blocked where the page is not (site-registry.ts).
    evidence.push(...siteEvidenceBeside(page.pageUrl, u, 'image', settings.purpose, settings));
    const origin = originOfUrl(u);
    if (!origin) {
      // A data: URL has no origin and no signal files: the page's evidence speaks for it.
      if (!/^https?:/i.test(u)) continue;
      // Its robots.txt, ai.txt and tdmrep.json were not read: any of them may refuse it (DESIGN.md §2 rule 5).
      evidence.push({ kind: 'robots-txt', scope: 'image', source: u, value: 'signal files not read', effect: 'deny', reason: 'signal-unreadable', note: `The signal files of this image's site (robots.txt, ai.txt, tdmrep.json) were not read; Heed fails closed` });
      continue;
    }
    evidence.push(...evaluateRobots(origin.robots, u, 'image', profile));
    evidence.push(...evaluateAiTxt(origin.aiTxt, u, profile, image.mime));
    // The page origin's ai.txt for the site's images on its other hosts (img.site, cdn.site; its own
    // tenant's on shared hosting). Decision (DESIGN.md §2 rule 3, "ai.txt disallowing the image
    // path", read two ways: the image host's file, or the site's): SIGNALS.md §5.1 gives ai.txt the
    // whole site as scope, and it names file types the site serves from wherever it keeps them, so
    // both bind (the reading that keeps what the owner refused). Before, the site read `restricted`
    // for its `Disallow: *.png` while its PNGs on img.site were collected. Only a refusal is added.
    if (page.siteAiTxt && originKey(u) !== pageOrigin && sameLicenceSite(page.pageUrl, u)) {
      evidence.push(...evaluateAiTxt(page.siteAiTxt, u, profile, image.mime).filter((e) => e.effect === 'deny'));
    }
  }
  // The file a proxy serves (an address the image URLs carry, above). Decision (DESIGN.md §2 rules
  // 2, 3 and 5, the reading that keeps what the owner refused): the opt-outs its own site states
  // for it — its robots.txt for the purpose's tokens and Content-Usage, its ai.txt, its tdmrep.json
  // rule, its robots.txt RSL licence — speak about the use of that file, and bind the copy a proxy
  // serves as they bind the original; read as rule 1 alone, a re-host laundered an image through
  // `/_next/image?url=`, wsrv.nl or Photon past its owner's GPTBot Disallow and tdm-reservation.
  // The proxy's response headers are not that site's: its tdmrep.json rule stands alone. Its
  // files not read fail closed, as an image URL's do. Which carried addresses count:
  // shared-hosting.ts carriedForSignalFiles (a host guessed from a path segment does not: the worker
  // requests none of its files).
  // So does the rendition the page shows (thumbnailUrl: the <img> inside the link to the file
  // collected, or the srcset rendition shown). Decision (the same rules and reading): it is this
  // image, as rule 1 and the ImageObject match already read it; a page showing its owner's
  // rendition and linking a mirror's full-size copy had the copy collected past the owner's opt-outs.
  const shown = candidate.thumbnailUrl && !urls.includes(candidate.thumbnailUrl) && !carried.includes(candidate.thumbnailUrl) ? [candidate.thumbnailUrl] : [];
  for (const c of [...carriedForSignalFiles([candidate.url, ...urls]), ...shown]) {
    if (!/^https?:/i.test(c)) continue;
    const origin = originOfUrl(c);
    const how = shown.includes(c) ? 'shown on the page as' : 'served through a proxy from';
    if (!origin) {
      evidence.push({ kind: 'robots-txt', scope: 'image', source: c, value: 'signal files not read', effect: 'deny', reason: 'signal-unreadable', note: `The image is ${how} ${c.slice(0, 300)}; that site's signal files (robots.txt, ai.txt, tdmrep.json) were not read, so Heed fails closed` });
      continue;
    }
    const said = [
      ...evaluateRobots(origin.robots, c, 'image', profile),
      ...evaluateAiTxt(origin.aiTxt, c, profile, shown.includes(c) ? undefined : image.mime),
      ...resolveTdmReservation({ wellKnown: origin.tdmrep, imageUrl: c, imageHeaders: {}, pageFallback: null }, profile).filter((e) => e.value !== 'absent'),
      ...rslEvidence([origin], c, profile, 'image'),
    ];
    evidence.push(...namingFile(said, how, c));
  }
  // The other renditions the page names for it (srcset and <picture><source> candidates, the src,
  // image-set() options: the candidate's renditions) are this image too, as the shown one is, and
  // the registry already reads them so (namedRenditionsEvidence). Decision (DESIGN.md §2 rules 2, 3
  // and 5, the reading that cannot keep what the owner refused): the opt-outs their own origin
  // states for them — its robots.txt, ai.txt, tdmrep.json rule and robots.txt RSL licence — bind
  // the image as the shown rendition's do; before, only the registry was read for them, and a
  // page naming cdn.other.site's 736w file (whose robots.txt refuses GPTBot) beside its own 2000w
  // copy had the copy kept. An origin whose files were not read (gather-image.ts reads at most
  // MAX_RENDITION_SITES of them) fails closed. Only refusals are added: up to 64 renditions'
  // allowing evidence would say nothing the image's own does not.
  // So do the files those renditions are served from through a proxy (model/renditions.ts
  // renditionsCarriedForSignalFiles), read the same way.
  const readAlready = new Set([...urls, ...carried, ...shown]);
  const throughProxy = renditionsCarriedForSignalFiles(candidate);
  for (const r of [...renditionsForSignalFiles(candidate), ...throughProxy]) {
    if (readAlready.has(r)) continue;
    readAlready.add(r);
    const origin = originOfUrl(r);
    const how = throughProxy.includes(r) ? 'shown or named by the page as a rendition served through a proxy from' : 'named by the page as a rendition at';
    if (!origin) {
      evidence.push({ kind: 'robots-txt', scope: 'image', source: r, value: 'signal files not read', effect: 'deny', reason: 'signal-unreadable', note: `The image is ${how} ${r.slice(0, 300)}; that site's signal files (robots.txt, ai.txt, tdmrep.json) were not read, so Heed fails closed` });
      continue;
    }
    const said = [
      ...evaluateRobots(origin.robots, r, 'image', profile),
      ...evaluateAiTxt(origin.aiTxt, r, profile),
      ...resolveTdmReservation({ wellKnown: origin.tdmrep, imageUrl: r, imageHeaders: {}, pageFallback: null }, profile),
      ...rslEvidence([origin], r, profile, 'image'),
    ];
    evidence.push(...namingFile(said.filter((e) => e.effect === 'deny'), how, r));
  }
  evidence.push(...headerOptOuts(image.headers, image.finalUrl, 'image', profile));
  // A C2PA manifest the image response points at (c2pa.ts remoteManifestEvidence): unread, it fails closed.
  evidence.push(...remoteManifestEvidence(header(image.headers, 'link'), image.finalUrl));
  // Each redirect's own answer speaks for the URL that gave it: its headers, and its origin's
  // tdmrep.json for that URL (the final response's are read below).
  for (const hop of hops) {
    evidence.push(...headerOptOuts(hop.headers, hop.url, 'redirect', profile));
    const hopOrigin = originOfUrl(hop.url);
    if (hopOrigin) {
      evidence.push(...resolveTdmReservation({ wellKnown: hopOrigin.tdmrep, imageUrl: hop.url, imageHeaders: tdmDeclaration(hop.headers), pageFallback: null }, profile));
      evidence.push(...rslEvidence([hopOrigin], hop.url, profile, 'image'));
    }
    // An RSL licence the redirect's own Link header names speaks for its URL, as its other headers do.
    for (const doc of hop.linkedRsl ?? []) evidence.push(...evaluateRsl(doc, hop.url, profile, 'image', hop.url));
  }
  const finalOrigin = originOfUrl(image.finalUrl);
  // An inline (data:) image has no tdmrep.json of its own: the page's TDM header or meta speaks for it.
  const inline = isInline(image.finalUrl);
  if (finalOrigin || inline) {
    const tdm = resolveTdmReservation(
      { wellKnown: finalOrigin ? finalOrigin.tdmrep : { url: image.finalUrl, outcome: 'absent' }, imageUrl: image.finalUrl, imageHeaders: tdmDeclaration(image.headers), pageFallback: sameDomain ? page.tdmFallback : null },
      profile,
    );
    evidence.push(...(finalOrigin ? tdm : tdm.filter((e) => e.value !== 'absent')));
  }
  // The RSL of the sites the bytes came through (a carried site's speaks for its own file, above).
  const throughOrigins = image.origins.filter((o) => urls.some((u) => originKey(u) !== null && originKey(u) === originKey(o.origin)));
  evidence.push(...rslEvidence(throughOrigins, image.finalUrl, profile, 'image'));
  // RSL licences the page, or its origin's robots.txt, declare. Decision (DESIGN.md §2 rule 3, the
  // reading that keeps what the owner refused): they speak for every URL the image came through,
  // not only the last — a page licence refusing `/photos/*` refuses its /photos/a.png that
  // redirects to a CDN — and the origin's licence reaches its site's images on other hosts as a
  // page's does (a path pattern its own site's, a full URL wherever it is: rsl.ts declaredOn).
  // Before, the site read `restricted` for `<content url="https://img.site/photos/*">` in its
  // robots.txt licence while img.site's photos, whose own robots.txt names none, were permitted.
  // URLs on the page's origin read its robots.txt licence already, with the image's origins.
  const declared = [
    ...(page.pageRsl ?? []).map((doc) => ({ doc, scope: 'page' as const, skip: (_: string) => false })),
    ...(page.siteRsl ?? []).map((doc) => ({ doc, scope: 'site' as const, skip: (u: string) => originKey(u) === pageOrigin || isInline(u) })),
  ];
  for (const { doc, scope, skip } of declared) {
    for (const u of urls) {
      if (skip(u)) continue;
      const said = evaluateRsl(doc, u, profile, scope, page.pageUrl);
      // The page licence's answer for the final URL is recorded whatever it is, as before; others only when they speak.
      evidence.push(...(scope === 'page' && u === image.finalUrl ? said : said.filter((e) => e.value !== 'no <content> matches this image')));
    }
  }
  for (const doc of image.linkedRsl ?? []) evidence.push(...evaluateRsl(doc, image.finalUrl, profile, 'image', image.finalUrl));
  evidence.push(...image.embedded.evidence);
  // A frame that shows the image is a page of its own: its robots metas bind every image in it,
  // and its TDMRep meta the images on its own registrable domain, as the top page's do (rule 3).
  // Its response headers too (X-Robots-Tag, Content-Usage, Content-Signal, tdm-reservation),
  // read as the top page's are. Their notes name the frame and its URL, not "the page's": the
  // user must read which document refused; the scope stays `page` (signals/document-kind.ts).
  for (const frame of candidate.frames ?? []) {
    const frameHeaders: HeaderMap | null = frame.headers ?? null;
    evidence.push(...evaluateMetaRobots(frame.metas, frame.url, profile, 'frame'), ...headerOptOuts(frameHeaders, frame.url, 'frame', profile));
    // Its origin's robots.txt for its address, as the top page's for the page's (rule 2: the
    // purpose's tokens, and Content-Usage for its path). Decision (DESIGN.md §2 rules 2 and 5, the
    // reading that keeps what the owner refused): a frame is a page that shows the image, as its
    // metas and headers are read; before, a frame whose site disallows GPTBot for /embed/ let the
    // images in it be collected. Its robots.txt not read fails closed, as an image URL's does.
    // A `blob:` frame is its inner origin's document (site-registry.ts siteAddress): that site's
    // robots.txt is read for the inner address. Before, its address was not http(s) and no
    // robots.txt was read for it: a site disallowing GPTBot everywhere had its blob: frames' images kept.
    // A frame with no address of its own is its owners' page: their robots.txt, for their addresses.
    for (const frameAddress of frameDocumentAddresses(frame)) {
      const frameOrigin = originOfUrl(frameAddress);
      evidence.push(...(frameOrigin ? evaluateRobots(frameOrigin.robots, frameAddress, 'page', profile) : [{
        kind: 'robots-txt', scope: 'page', source: frame.url, value: 'frame robots.txt not read', effect: 'deny', reason: 'signal-unreadable',
        note: `The image is inside a frame (${frame.url.slice(0, 200)}) whose site's robots.txt Heed did not read: it may refuse the frame's page, so Heed fails closed`,
      } satisfies Evidence]));
    }
    if (frame.headersUnread !== undefined) {
      evidence.push({
        kind: 'fetch', scope: 'page', source: frame.url, value: 'frame headers not read', effect: 'deny', reason: 'signal-unreadable',
        note: `The image is inside a frame whose response headers Heed did not read (${frame.headersUnread}): they may refuse it, so Heed fails closed`,
      });
    }
    const frameTdm = pageTdm({ headers: frameHeaders, page: frame });
    if (frameTdm && coveredByDocumentTdm(frame.url, urls)) {
      const fallback = { ...frameTdm, source: `${frameTdm.source}, a frame of the page`, frameUrl: frame.url };
      evidence.push(...resolveTdmReservation({ wellKnown: { url: fallback.source, outcome: 'absent' }, imageUrl: image.finalUrl, imageHeaders: {}, pageFallback: fallback }, profile).filter((e) => e.value !== 'absent'));
    }
  }

  // The image's own licence statements (more than one when its metadata states several).
  const licences: Licence[] = [...statedLicences(image.embedded), ...namedInRightsText(image.embedded.named ?? [], settings, evidence)];
  // A JSON-LD ImageObject names one URL of the image (its contentUrl); the scanner's candidate is
  // the largest rendition or the file the image links to, and the shown rendition is its
  // thumbnailUrl. Decision (DESIGN.md §2 rule 4): an ImageObject naming any URL of this image —
  // the candidate, the rendition shown, or a URL the fetch came through — is the image's own
  // element-level statement, as RDFa/microdata around the <img> speak for all its renditions; read
  // for the candidate only, an ImageObject licensing the shown 800 px file CC BY-NC was missed and
  // the page's CC BY licensed the 1600 px copy of the same image.
  const imageUrls = [...new Set([candidate.url, ...(candidate.thumbnailUrl ? [candidate.thumbnailUrl] : []), ...urls])];
  // The element markup of a candidate a frame reported (discovery `iframe`: scan-tab.ts keeps the
  // first report, the top document's first, so it is the first frame's) is that frame document's
  // statement. Decision (DESIGN.md §2 rule 4): it speaks only for the frame's own site's images —
  // its own tenant's; read as the top page's, a frame from another site licensed the page's
  // images under a figure rel=license it wrote. Otherwise it is a third-party claim: kept as info.
  // A frame that cannot be named (no frame recorded) speaks for none (fail closed).
  const markupFrame = candidate.discovery.includes('iframe') ? (candidate.frames?.[0]?.url ?? null) : undefined;
  const frameMarkupSpeaks = markupFrame === undefined || (markupFrame !== null && [...new Set([candidate.url, ...urls, ...carried])].every((u) => sameLicenceSite(markupFrame, u)));
  const elementHints = frameMarkupSpeaks ? candidate.elementLicences : [];
  if (!frameMarkupSpeaks) {
    const frameSite = (markupFrame && licenceSite(markupFrame)) ?? 'a frame of the page';
    for (const url of new Set(candidate.elementLicences.flatMap((h) => h.licences))) {
      evidence.push(thirdPartyClaim({ id: parseLicenceUrl(url)?.id ?? null, url, source: 'element', attribution: null }, frameSite, markupFrame ?? page.pageUrl));
    }
  }
  evidence.push(...imageObjectRefusalEvidence(page, imageUrls, profile));
  const found = uniqueLicences(imageUrls.flatMap((imageUrl) => licenceFindings({ imageUrl, pageUrl: page.pageUrl, page: page.licenceSignals, element: elementHints })));
  // Decision (DESIGN.md §2 rules 4 and 5): when the markup around the image was not read in full
  // (a cap was hit, or a licence statement's value is not a URL Heed can read: a hint `unread`, an
  // ImageObject's `licenseUnread`), what went unread may be its own licence — a CC BY-NC that
  // overrides the page's CC BY or conflicts with the element licence read — so no HTML licence,
  // element or page, is relied on for it (its own XMP still is; opt-out mode needs none).
  const elementUnread = imageUrls.some((imageUrl) => elementLicenceUnread({ imageUrl, pageUrl: page.pageUrl, page: page.licenceSignals, element: candidate.elementLicences }));
  const stated = elementUnread ? [] : markupReadInFull(page.licenceSignals) ? found : found.filter((l) => l.source !== 'page');
  const unused = found.filter((l) => !stated.includes(l));
  if (elementUnread) {
    evidence.push({
      kind: 'licence', scope: 'image', source: page.pageUrl, value: 'element licence markup not read in full', effect: 'info',
      note: 'The licence markup around this image was not read in full (a size cap was hit, or a licence statement Heed cannot read): it may state the image\'s own licence, so no licence from the page\'s HTML is relied on for it',
    });
  } else if (unused.length > 0) {
    evidence.push({
      kind: 'licence', scope: 'page', source: page.pageUrl, value: unused.map((l) => l.id ?? l.url).join(', '), effect: 'info',
      note: "The page's licence was not relied on: some of its licence markup could not be read, and it may state this image's own",
    });
  }
  // DESIGN.md §2 rule 4: element- and page-level markup speak only for the page's own site's
  // images — its own tenant's on shared hosting (model/shared-hosting.ts). Every URL the bytes
  // came through counts: the candidate (a srcset candidate, lazy attribute or linked original),
  // the URL fetched and the one after redirects; a redirect to another site makes it that site's.
  // So do the addresses those URLs carry: `/_next/image?url=https://other.example/a.jpg` on the
  // page's own host serves other.example's image (model/shared-hosting.ts carriedUrls).
  const pageSpeaksForImage = [...new Set([candidate.url, ...urls, ...carried])].every((u) => sameLicenceSite(page.pageUrl, u));
  // A `Link: <…>; rel="license"` on the image response (and on each redirect) is the image's own
  // server speaking for it. Decision: DESIGN.md §2 rule 4 does not list it, so it grants nothing
  // on its own; but it is a licence statement about this very image, so one that differs from
  // the licence found at the most specific level conflicts there (the reading that cannot grant
  // a licence the owner did not give).
  // Decision (DESIGN.md §2 rule 5): a header naming more licences than Heed reads may name one
  // that differs from the licence found; its licences are then unread, which conflicts with any
  // licence found (as a differing one does) instead of reading the first 64 as the whole header.
  const linkHeaders = [image.headers, ...hops.map((h) => h.headers)].map((h) => readLicenceLinks(header(h, 'link'), image.finalUrl));
  // A licence anchored to another resource (RFC 8288 §3.2) is still the image server's statement:
  // it conflicts as one about the image does (the reading that grants nothing more).
  const headerLicences = linkHeaders.flatMap((h) => [...h.urls, ...(h.elsewhere ?? []).map((l) => l.url)]);
  const headerUnread = linkHeaders.some((h) => h.unread);
  if (headerUnread) {
    evidence.push({
      kind: 'licence', scope: 'image', source: image.finalUrl, value: 'Link header licences not read in full', effect: 'info',
      note: 'The image response (or a redirect) names more licences in its Link header than Heed reads: one left unread may differ from the licence found, so it conflicts with it',
    });
  }
  const withHeaderLicences = (found: Licence[]): Licence[] => {
    const level = (['xmp', 'element', 'page'] as const).find((s) => found.some((l) => l.source === s));
    if (!level || (headerLicences.length === 0 && !headerUnread)) return found;
    const unread: Licence[] = headerUnread ? [{ id: null, url: 'Link header licences (not read in full)', source: level, attribution: null }] : [];
    return [...found, ...headerLicences.map((url): Licence => ({ id: parseLicenceUrl(url)?.id ?? null, url, source: level, attribution: null })), ...unread];
  };
  let decision: Decision;
  if (pageSpeaksForImage) {
    const credited = creditLineRefusal(elementHints, page.pageUrl, settings, evidence);
    decision = decide({ evidence, licences: withHeaderLicences([...licences, ...stated, ...credited]) }, settings);
  } else {
    const site = licenceSite(page.pageUrl) ?? page.pageUrl;
    for (const l of stated) evidence.push(thirdPartyClaim(l, site, page.pageUrl));
    decision = decide({ evidence, licences: withHeaderLicences(licences), claimedBy: stated.length > 0 ? [site] : [] }, settings);
  }
  // The licence carries the work's credit: title, creator, source and the TASL line (issue 18).
  // The page's own credit, like its licence, speaks only for the images it speaks for.
  const credit = imageCredit({
    embedded: image.embedded.credit ?? null, imageUrl: candidate.url, pageUrl: page.pageUrl, page: page.licenceSignals,
    element: elementHints, sameRegistrableDomain: pageSpeaksForImage, caption: candidate.caption, alt: candidate.alt,
  });
  return { ...decision, licence: withCredit(decision.licence, credit) };
}

/**
 * The licences the image's credit line names with plain links (html-licence/credit-line.ts:
 * "Foto: BBKurt [CC BY-SA 3.0], via Wikimedia Commons" under a photo), to add at element level, or
 * none. Decision (DESIGN.md §2 rule 4, the reading that cannot keep what the owner refused): rule 4
 * names the markup that licenses an image, and a plain link in a line of prose is not among it, so
 * a credit line grants nothing; but it is the owner's word about this image, more specific than
 * the page's. When it names a licence outside the accepted set (CC BY-NC under a page whose footer
 * says CC BY-SA), every licence it names is the image's own, at element level: the page licence no
 * longer speaks for it (`licence-not-accepted`, or `licence-conflict` beside another). Before, the
 * page's CC BY-SA was recorded for a photo its caption says is CC BY-NC, and it was stored. When
 * every licence it names is accepted, it is recorded as evidence only (`info`): the licence kept
 * is the one the markup states, as before.
 */
function creditLineRefusal(hints: readonly ElementLicenceHint[], pageUrl: string, settings: Settings, evidence: Evidence[]): Licence[] {
  const urls = [...new Set(hints.flatMap((h) => h.credited ?? []))];
  if (urls.length === 0) return [];
  const named = urls.map((url): Licence => ({ id: parseLicenceUrl(url)?.id ?? null, url, source: 'element', attribution: null }));
  const refusing = named.some((l) => !isAcceptedLicence(l.id, settings.acceptedLicences));
  evidence.push({
    kind: 'licence', scope: 'image', source: pageUrl, value: `credit line: ${named.map((l) => l.id ?? l.url).join(', ')}`, effect: 'info',
    note: refusing
      ? "The image's credit line names a licence outside the accepted set: the licences it names are the image's own, and the page's licence does not speak for it"
      : "The image's credit line names this licence with a plain link (not licence markup): recorded, but it grants nothing of itself",
  });
  return refusing ? named : [];
}

/**
 * The licences the image's own free-text rights fields name by URL (xmp.ts `named`: "Licensed
 * under https://creativecommons.org/licenses/by-nc/4.0/" in its usage terms or copyright notice),
 * to add at XMP level, or none. Decision (DESIGN.md §2 rule 4, read as creditLineRefusal reads a
 * credit line): free text is not licence metadata, so it grants nothing; but it is the owner's
 * word about this very image, so when it names a licence outside the accepted set, every licence
 * it names is the image's own — the page's licence no longer speaks for it
 * (`licence-not-accepted`) and beside the XMP's own licence it conflicts (`licence-conflict`).
 * Before, the page's (or the WebStatement's) CC BY kept an image whose usage terms say CC BY-NC.
 */
function namedInRightsText(named: readonly Licence[], settings: Settings, evidence: Evidence[]): Licence[] {
  if (!named.some((l) => !isAcceptedLicence(l.id, settings.acceptedLicences))) return [];
  evidence.push({
    kind: 'licence', scope: 'image', source: 'xmp', value: `rights text: ${named.map((l) => l.id ?? l.url).join(', ')}`, effect: 'info',
    note: "The image's own rights text names a licence outside the accepted set: the licences it names are the image's own, and no other licence speaks for it",
  });
  return [...named];
}

/** A `data:` URL: bytes written into the document that shows them, with no site or signal files of their own. */
const isInline = (url: string): boolean => /^data:/i.test(url);

/**
 * Whether a document's (the page's or a frame's) TDM header or meta covers an image URL
 * (DESIGN.md §2 rule 3: it applies to images on its own registrable domain). Decisions (the
 * reading that cannot keep what the owner reserved):
 * - A `data:` image is the document's own content (it has no site of its own): covered. Before,
 *   it was read as another site's, and a page reserving TDM had its inline images collected.
 * - A `blob:` document is its inner origin's. One whose address names no site — `about:srcdoc`,
 *   `about:blank`, `data:` — was written by the document that made it, whose site the frame's
 *   report does not say: it covers every image in it (a wider scope only refuses more). Before,
 *   it covered none, and a page's `<iframe srcdoc>` reserving its own images reserved nothing.
 */
function tdmCovers(documentUrl: string, imageUrl: string): boolean {
  if (isInline(imageUrl)) return true;
  const site = /^blob:(https?:\/\/.*)$/i.exec(documentUrl)?.[1] ?? documentUrl;
  if (!/^https?:\/\//i.test(site)) return true;
  return sameRegistrableDomain(site, imageUrl);
}

/**
 * Whether a document's (the page's or a frame's) TDM header or meta speaks for an image that came
 * through `urls` (the URL requested, each redirect, the final one). Decision (DESIGN.md §2 rule 3,
 * "applies to images on the page's registrable domain", read two ways when a redirect crosses
 * sites): an image the document names on its own site is on its site, wherever that address
 * redirects, and bytes a redirect brings from its site are its site's too — so any URL on the
 * document's site brings the image under its reservation (the reading that keeps what the owner
 * reserved). Before, every URL had to be, and a frame whose meta reserves TDM lost its reservation
 * for its own `/embed/a.png` once that address redirected to a CDN.
 */
function coveredByDocumentTdm(documentUrl: string, urls: readonly string[]): boolean {
  return urls.some((u) => tdmCovers(documentUrl, u));
}

/** Whether `a` is a part of (or the same as) the document at `b`: the same URL, fragments aside. */
function sameDocument(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    x.hash = '';
    y.hash = '';
    return x.href === y.href;
  } catch {
    return false;
  }
}

/** Licence findings once each (per level and licence), in the order found. */
function uniqueLicences(found: readonly Licence[]): Licence[] {
  const seen = new Set<string>();
  return found.filter((l) => {
    const key = `${l.source} ${l.id ?? l.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The hops lead from the URL fetched to the final one without a gap. */
function redirectsSeen(image: ImageInputs): boolean {
  const hops = image.redirects;
  if (hops === null) return false;
  if (hops.length === 0) return sameRequestUrl(image.url, image.finalUrl);
  if (!sameRequestUrl(hops[0]!.url, image.url) || !sameRequestUrl(hops[hops.length - 1]!.location, image.finalUrl)) return false;
  return hops.every((h, i) => i === 0 || sameRequestUrl(hops[i - 1]!.location, h.url));
}

/** A page's licence statement about another site's image: evidence, never a grant (rule 4). */
function thirdPartyClaim(l: Licence, site: string, pageUrl: string): Evidence {
  return {
    kind: 'licence',
    scope: l.source === 'page' ? 'page' : 'image',
    source: pageUrl,
    value: l.id ?? l.url,
    effect: 'info',
    note: `${l.source === 'page' ? 'Page' : 'Element'}-level licence stated by ${site} about an image on another site: a third-party claim, not a grant`,
  };
}
