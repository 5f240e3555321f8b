/**
 * What the worker makes of the page signals page scripts send: the always-on script's raw
 * material (pageSignalsFromRaw, for the badge) and what Collect's scanner, the popup's reader and
 * a frame's scroll watcher read (pageSignalsFromScan, frameSignalsFrom). Apart from the readers
 * (page-signals.ts, raw-page-signals.ts), so that the scripts injected into pages carry none of
 * this: no crawler lists, no directive parser (issue 17).
 */
import type { RawPageSignals } from './raw-page-signals';
import type { PageSignals, ScannedFrameSignals, ScannedPageSignals } from './page-signals';
import { readJsonLdTexts } from '../signals/html-licence/json-ld';
import { pageLicenceFrom } from '../signals/html-licence/page';
import { namesRsl } from '../signals/html-licence/statements';
import type { PageLicenceSignals } from '../signals/html-licence/schema';
import { robotsMetasFrom } from '../signals/meta-robots';
import { tdmMetaFrom } from '../signals/tdmrep';
import { cleanText } from '../scan/text';

/** A frame document's signals as the images in it answer to them (verdict.ts FrameSignals): its robots metas and TDMRep meta. */
export function frameSignalsFrom(scanned: ScannedFrameSignals): Pick<PageSignals, 'url' | 'metas' | 'tdm'> {
  return { url: scanned.url, metas: robotsMetasFrom(scanned.metas), tdm: tdmMetaFrom(scanned.metas) };
}

/** The page signals a page script read, as the worker judges with them. */
export function pageSignalsFromScan(scanned: ScannedPageSignals): PageSignals {
  return { ...scanned, ...frameSignalsFrom(scanned), licence: pageLicenceFrom(scanned.licence) };
}

/**
 * Page signals from the always-on script's raw material, for the badge while browsing. It sees
 * metas, rel=license links, JSON-LD and inline RSL; RDFa and microdata licences are read when the popup
 * opens or on Collect (the full reader needs the DOM).
 */
export function pageSignalsFromRaw(raw: RawPageSignals): PageSignals {
  const jsonLd = readJsonLdTexts(raw.jsonLd, raw.url);
  const licences: PageLicenceSignals['licences'] = [];
  const textLicences: NonNullable<PageLicenceSignals['textLicences']> = [];
  // DESIGN.md §2 rule 4: on a MediaWiki page every page licence is the wiki text's; a page typing
  // its work as DCMI Text has text-only rel="license" links (the raw material cannot tell RDFa
  // subjects apart, so any such typing counts: fail closed; Collect reads the full markup).
  const add = (via: 'rel' | 'json-ld', url: string, textOnly: 'mediawiki-text' | 'dcmitype-text' | null) => {
    if (licences.some((l) => l.via === via && l.url === url) || textLicences.some((l) => l.via === via && l.url === url)) return;
    if (textOnly) textLicences.push({ via, url, covers: textOnly });
    else licences.push({ via, url });
  };
  const isRsl = (l: { type: string }) => namesRsl(l.type); // as the full reader tells them
  for (const l of raw.licenceLinks) if (!isRsl(l) && l.url) add('rel', l.url, raw.mediaWiki ? 'mediawiki-text' : raw.dcmiText ? 'dcmitype-text' : null);
  const rslLinks = raw.licenceLinks.filter(isRsl);
  for (const url of jsonLd.pageLicences) add('json-ld', url, raw.mediaWiki ? 'mediawiki-text' : null);
  // A licence link whose URL is not one Heed reads (javascript:, mailto:, over the cap: sent as ''),
  // or a JSON-LD licence stated but not read: the page licence licenses no image, as on Collect
  // (readPageLicenceSignals' licenceUnread) — unless every page licence is the text's anyway.
  const licenceUnread = !raw.mediaWiki && ((!raw.dcmiText && raw.licenceLinks.some((l) => !isRsl(l) && !l.url)) || jsonLd.pageLicenceUnread);
  return {
    ...frameSignalsFrom(raw),
    title: cleanText(raw.title, 2000),
    licence: {
      pageUrl: raw.url,
      licences: licences.slice(0, 100),
      ...(textLicences.length > 0 ? { textLicences: textLicences.slice(0, 100) } : {}),
      ...(raw.mediaWiki ? { mediaWiki: true as const } : {}),
      rslLinks: rslLinks.flatMap((l) => (l.url ? [l.url] : [])),
      // Declared but unread (its URL not one, or too long): fails closed (assess.ts), as on Collect.
      ...(rslLinks.some((l) => !l.url) ? { rslUnread: true as const } : {}),
      ...(licenceUnread ? { licenceUnread: true as const } : {}),
      // Other works' licences, as Collect's reader keeps them (html-licence/page.ts).
      ...(!raw.mediaWiki && licences.length + textLicences.length > 0 && jsonLd.otherWorkLicences.length > 0 ? { otherWorkLicences: jsonLd.otherWorkLicences } : {}),
      imageObjects: jsonLd.imageObjects,
      unreadable: jsonLd.unreadable,
      truncated: jsonLd.truncated || raw.jsonLdTruncated || raw.licenceLinksTruncated === true,
    },
    rsl: raw.rsl,
  };
}
