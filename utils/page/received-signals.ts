/**
 * What the worker makes of the page signals page scripts send: the always-on script's raw
 * material (pageSignalsFromRaw, for the badge) and what Collect's scanner, the popup's reader and
 * a frame's scroll watcher read (pageSignalsFromScan, frameSignalsFrom). Apart from the readers
 * (page-signals.ts, raw-page-signals.ts), so that the scripts injected into pages carry none of
 * this: no crawler lists, no directive parser (issue 17).
 */
import type { RawPageSignals } from './raw-page-signals';
import type { PageSignals, ScannedFrameSignals, ScannedPageSignals } from './page-signals';
import { pageLicenceFrom } from '../signals/html-licence/page';
import { namesRsl } from '../signals/html-licence/statements';
import { robotsMetasFrom } from '../signals/meta-robots';
import { tdmMetaFrom } from '../signals/tdmrep';
import { cleanText } from '../scan/text';
import { namesSite } from './frame-owner';

/** A frame document's signals as the images in it answer to them (verdict.ts FrameSignals): its robots metas and TDMRep meta. */
export function frameSignalsFrom(scanned: ScannedFrameSignals): Pick<PageSignals, 'url' | 'metas' | 'tdm'> & Pick<ScannedFrameSignals, 'owners' | 'ancestors'> {
  const owners = 'owners' in scanned && scanned.owners !== undefined ? { owners: scanned.owners } : {};
  const ancestors = 'ancestors' in scanned && scanned.ancestors !== undefined ? { ancestors: scanned.ancestors } : {};
  return { url: scanned.url, metas: robotsMetasFrom(scanned.metas), tdm: tdmMetaFrom(scanned.metas), ...owners, ...ancestors };
}

/** A frame an image is found in, as its candidate records it (policy/verdict.ts FrameOfImage). */
type FrameOfImageLike = ReturnType<typeof frameSignalsFrom> & { headersUnread?: string };

/**
 * The frames an image a frame reported is shown in: that frame and, for a frame whose address
 * names no site, the document that wrote it (frame-owner.ts frameWriter), as one more frame — so
 * its robots metas, TDMRep meta, site and response headers (frame-headers.ts reads every http
 * frame's) bind the image as they bind the writer's own images. A writer that could not be read
 * (other than the top page, whose signals bind every image anyway) leaves the frame unread: its
 * images fail closed (assess.ts `headersUnread`). Collect's scan and the scroll watch both attach these.
 */
export function framesOfReport(scanned: ScannedFrameSignals): FrameOfImageLike[] {
  // A child frame's report that names no ancestors (every page script sends them, frame-owner.ts
  // frameAncestors) is read as one whose ancestors could not be named: fail closed.
  const frame = { ...frameSignalsFrom(scanned), ancestors: scanned.ancestors ?? null };
  // Not said for a frame that names no site: read as unread (fail closed).
  const writer = 'writer' in scanned && scanned.writer !== undefined ? scanned.writer : namesSite(scanned.url) ? undefined : null;
  if (writer === undefined || writer === 'top') return [frame];
  if (writer === null) return [{ ...frame, headersUnread: 'the frame that wrote this one could not be read' }];
  return [frame, { url: writer.url, metas: robotsMetasFrom(writer.metas), tdm: tdmMetaFrom(writer.metas) }];
}

/**
 * The frames the images of each child frame of a tab are shown in (framesOfReport), from what
 * every frame that answered the scan said of itself, by frame id — and the frames above it.
 * Decision (DESIGN.md §2 rule 3: a robots meta or X-Robots-Tag "on the page" opts out for the
 * images on it; the reading that cannot keep what the owner refused): an image displayed in a
 * frame is displayed on every document that frame sits in, so the robots metas, TDMRep meta and
 * opt-out headers of each frame above it bind it, as the top page's bind the images in all its
 * frames. Each address a frame names above it (frame-owner.ts frameAncestors: the whole address
 * of a frame it can read, the origin of one it cannot) is matched to the frames that answered:
 * by address, or by origin for an origin, a siteless frame (`about:srcdoc`) by the origin it
 * names as its own; every frame it may be counts. Their own entries are added (so their headers
 * are requested at their own address: frame-headers.ts); one matched by none (a frame that did
 * not answer the scan, or could not be listed) is added as unread, and fails the images closed.
 * Before, the frames above bound only through the site lists: an ad frame whose document says
 * noai, showing a CDN's creative frame that says nothing, had the creative's images kept.
 */
export function framesOfReports(reports: ReadonlyMap<number, ScannedFrameSignals>): Map<number, FrameOfImageLike[]> {
  const own = new Map([...reports].map(([frameId, scanned]) => [frameId, framesOfReport(scanned)]));
  const out = new Map<number, FrameOfImageLike[]>();
  for (const [frameId, frames] of own) {
    const above: FrameOfImageLike[] = [];
    for (const address of reports.get(frameId)?.ancestors ?? []) {
      const matched = [...reports].filter(([id, r]) => id !== frameId && namesFrame(address, r));
      if (matched.length === 0) above.push({ url: address, metas: [], tdm: {}, headersUnread: 'a frame above the one showing the image did not answer the scan' });
      for (const [id] of matched) above.push(...own.get(id)!);
    }
    const seen = new Set<string>();
    out.set(frameId, [...frames, ...above].filter((f) => {
      const key = JSON.stringify(f);
      return !seen.has(key) && seen.add(key);
    }));
  }
  return out;
}

/** Whether `address` (frame-owner.ts frameAncestors: a frame's whole address, or its origin as `https://host/`) may name the frame that sent `report`. */
function namesFrame(address: string, report: ScannedFrameSignals): boolean {
  if (report.url === address) return true;
  const origin = /^https?:\/\/[^/]+\/$/i.exec(address)?.[0];
  if (origin === undefined) return false;
  // A siteless frame names its own origin among its owners (frame-owner.ts frameOwners), last.
  if (!namesSite(report.url)) return (report.owners ?? []).includes(origin);
  try {
    return `${new URL(report.url.replace(/^(?:blob|filesystem):/i, '')).origin}/`.toLowerCase() === origin.toLowerCase();
  } catch {
    return false;
  }
}

/** The page signals a page script read, as the worker judges with them. */
export function pageSignalsFromScan(scanned: ScannedPageSignals): PageSignals {
  const { owners: _owners, ancestors: _ancestors, ...own } = frameSignalsFrom(scanned); // the top page's address is its own
  return { ...scanned, ...own, licence: pageLicenceFrom(scanned.licence) };
}

/**
 * Page signals from the always-on script's raw material, for the badge while browsing. It sees
 * metas, rel=license links, JSON-LD and inline RSL; RDFa and microdata licences are read when the popup
 * opens or on Collect (the full reader needs the DOM).
 */
export function pageSignalsFromRaw(raw: RawPageSignals): PageSignals {
  const isRsl = (l: { type: string }) => namesRsl(l.type); // as the full reader tells them
  const rslLinks = raw.licenceLinks.filter(isRsl);
  // DESIGN.md §2 rule 4: on a MediaWiki page every page licence is the wiki text's; a page typing
  // its work as DCMI Text has text-only rel="license" links (the raw material cannot tell RDFa
  // subjects apart, so any such typing counts: fail closed; Collect reads the full markup).
  const covers = raw.mediaWiki ? ('mediawiki-text' as const) : raw.dcmiText ? ('dcmitype-text' as const) : null;
  const links = raw.licenceLinks.filter((l) => !isRsl(l));
  // The raw material as Collect's reader sends a page's markup, combined by the same rules
  // (html-licence/page.ts pageLicenceFrom). The always-on script already keeps a link in the
  // page's one article only when none is outside it, so every link it sends is the page's. A link
  // whose URL is not one Heed reads (javascript:, mailto:, over the cap: sent as '') is a page
  // licence stated but not read.
  const { credit: _credit, ...licence } = pageLicenceFrom({
    pageUrl: raw.url,
    base: raw.url,
    stated: [...new Set(links.flatMap((l) => (l.url ? [l.url] : [])))].map((url) => ({ via: 'rel' as const, url, covers })),
    inMainArticle: [],
    unreadCovers: links.some((l) => !l.url) ? [covers] : [],
    mediaWiki: raw.mediaWiki,
    rslLinks: rslLinks.flatMap((l) => (l.url ? [l.url] : [])),
    // Declared but unread (its URL not one, or too long): fails closed (assess.ts), as on Collect.
    rslUnread: rslLinks.some((l) => !l.url),
    aboutImages: [],
    jsonLd: raw.jsonLd,
    truncated: raw.jsonLdTruncated || raw.licenceLinksTruncated === true,
    credit: { title: null, creator: null, attributionUrl: null, metaAuthor: null },
  });
  // The badge's reading names no credit (issue 18's credits are read on Collect).
  return { ...frameSignalsFrom(raw), title: cleanText(raw.title, 2000), licence, rsl: raw.rsl };
}
