import { readInlineRsl, readRawMetas, type RawMeta } from './raw-page-signals';
import type { MetaAttr } from '../signals/noscript-metas';
import { readPageLicenceMarkup } from '../signals/html-licence/page';
import type { PageLicenceMarkup, PageLicenceSignals } from '../signals/html-licence/schema';
import type { RobotsMeta } from '../signals/meta-robots';
import type { TdmDeclaration } from '../signals/tdmrep';
import { cleanText } from '../scan/text';
import { frameAncestors, frameOwners, frameWriter } from './frame-owner';

/** Page-level signals (JSON-serialisable; validated on arrival). */
export interface PageSignals {
  url: string;
  title: string;
  /** Robots metas (`robots`, `heed`, AI tokens, or any meta carrying a robots word). */
  metas: RobotsMeta[];
  /** TDMRep `<meta name="tdm-reservation|tdm-policy">`. */
  tdm: TdmDeclaration;
  /** Licence markup: rel=license, RDFa, microdata, JSON-LD (page level and ImageObjects). */
  licence: PageLicenceSignals;
  /** Inline RSL licences (`<script type="application/rsl+xml">` texts), parsed by the background. */
  rsl: string[];
}

/**
 * Page signals as a page script reads them (Collect's scanner, the popup's reader): the metas
 * raw, as the always-on script sends them (raw-page-signals.ts readRawMetas). Which of them are
 * robots metas, and what TDMRep meta they make, the worker reads (received-signals.ts): one
 * reading for the badge and Collect, and no crawler lists or directive parser in the scripts
 * Collect injects (issue 17: less code to compile on the page). Likewise the licence markup comes
 * with its JSON-LD unparsed (html-licence/page.ts readPageLicenceMarkup); the worker parses it
 * (pageLicenceFrom): no JSON-LD reader in those scripts, and no JSON-LD parse on the page.
 */
export type ScannedPageSignals = Omit<PageSignals, 'metas' | 'tdm' | 'licence'> & { metas: RawMeta[]; licence: PageLicenceMarkup };

/**
 * Read every page-level signal of a document (on Collect and when the popup opens). `served`: the
 * metas of the page's HTML as served (served-metas.ts readServedMetaTags), read beside the live
 * document's, so a robots meta a script removed or rewrote still refuses (DESIGN.md §2 rule 3).
 */
export function readPageSignals(doc: Document, pageUrl: string, served: readonly MetaAttr[] = []): ScannedPageSignals {
  return {
    ...readFrameSignals(doc, pageUrl),
    metas: readRawMetas(doc, served),
    title: cleanText(doc.title, 2000),
    licence: readPageLicenceMarkup(doc, pageUrl),
    rsl: readInlineRsl(doc),
  };
}

/**
 * What a frame document says of itself that binds the images in it, raw (received-signals.ts
 * frameSignalsFrom reads it): read by Collect's scanner and a frame's scroll watcher. A frame
 * whose address names no site (`about:srcdoc`) says whose it is too: frame-owner.ts `owners`; every
 * frame names the frames above it (frame-owner.ts frameAncestors), whose sites bind its images too.
 */
export function readFrameSignals(doc: Document, frameUrl: string): ScannedFrameSignals {
  const owners = frameOwners(doc.defaultView, frameUrl);
  const writer = frameWriter(doc.defaultView, frameUrl);
  const ancestors = frameAncestors(doc.defaultView);
  return { url: frameUrl, metas: readRawMetas(doc), ...(owners !== undefined ? { owners } : {}), ...(writer !== undefined ? { writer } : {}), ...(ancestors !== undefined ? { ancestors } : {}) };
}
export type ScannedFrameSignals = Pick<ScannedPageSignals, 'url' | 'metas'> & {
  /** For a frame whose address names no site: the addresses whose site it is (frame-owner.ts); null: they could not be read. */
  owners?: string[] | null;
  /** For a frame whose address names no site: the document that wrote it (frame-owner.ts frameWriter); null: it could not be read. */
  writer?: { url: string; metas: RawMeta[] } | 'top' | null;
  /** The frames between this one and the top page, nearest first (frame-owner.ts frameAncestors); null: one could not be named. */
  ancestors?: string[] | null;
};
