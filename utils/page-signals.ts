import { z } from 'zod';
import type { RawPageSignals } from './raw-page-signals';
import { RAW_LIMITS } from './raw-page-signals';
import { readPageLicenceSignals } from './signals/html-licence/page';
import { readJsonLdTexts } from './signals/html-licence/json-ld';
import { PageLicenceSignalsSchema, type PageLicenceSignals } from './signals/html-licence/schema';
import { readRobotsMetas, robotsMetasFrom, type RobotsMeta } from './signals/meta-robots';
import { readTdmMeta, tdmMetaFrom, type TdmDeclaration } from './signals/tdmrep';
import { cleanText } from './scan/text';

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
}

export const PageSignalsSchema: z.ZodType<PageSignals> = z.object({
  url: z.string().max(8192),
  title: z.string().max(2000),
  metas: z.array(z.object({ name: z.string().max(200), content: z.string().max(2000) })).max(1000),
  tdm: z.object({ reservation: z.string().max(2048).optional(), policy: z.string().max(2048).optional() }),
  licence: PageLicenceSignalsSchema,
});

/** What the always-on content script sends (utils/raw-page-signals.ts), checked on arrival. */
export const RawPageSignalsSchema: z.ZodType<RawPageSignals> = z.object({
  url: z.string().max(8192),
  title: z.string().max(RAW_LIMITS.title),
  metas: z.array(z.object({ name: z.string().max(RAW_LIMITS.name), content: z.string().max(RAW_LIMITS.content) })).max(RAW_LIMITS.metas),
  licenceLinks: z.array(z.object({ url: z.string().max(RAW_LIMITS.url), type: z.string().max(200) })).max(RAW_LIMITS.links),
  jsonLd: z.array(z.string().max(RAW_LIMITS.jsonLdChars)).max(RAW_LIMITS.jsonLdScripts),
  jsonLdTruncated: z.boolean(),
});

/** Read every page-level signal of a document (on Collect and when the popup opens). */
export function readPageSignals(doc: Document, pageUrl: string): PageSignals {
  return {
    url: pageUrl,
    title: cleanText(doc.title, 2000),
    metas: readRobotsMetas(doc),
    tdm: readTdmMeta(doc),
    licence: readPageLicenceSignals(doc, pageUrl),
  };
}

const RSL_TYPE = 'application/rsl+xml';

/**
 * Page signals from the always-on script's raw material, for the badge while browsing. It sees
 * metas, rel=license links and JSON-LD; RDFa and microdata licences are read when the popup
 * opens or on Collect (the full reader needs the DOM).
 */
export function pageSignalsFromRaw(raw: RawPageSignals): PageSignals {
  const jsonLd = readJsonLdTexts(raw.jsonLd, raw.url);
  const licences: PageLicenceSignals['licences'] = [];
  for (const l of raw.licenceLinks) if (l.type !== RSL_TYPE) licences.push({ via: 'rel', url: l.url });
  for (const url of jsonLd.pageLicences) licences.push({ via: 'json-ld', url });
  return {
    url: raw.url,
    title: cleanText(raw.title, 2000),
    metas: robotsMetasFrom(raw.metas),
    tdm: tdmMetaFrom(raw.metas),
    licence: {
      pageUrl: raw.url,
      licences: licences.slice(0, 100),
      rslLinks: raw.licenceLinks.filter((l) => l.type === RSL_TYPE).map((l) => l.url),
      imageObjects: jsonLd.imageObjects,
      unreadable: jsonLd.unreadable,
      truncated: jsonLd.truncated || raw.jsonLdTruncated,
    },
  };
}
