import { z } from 'zod';
import { readRobotsMetas, type RobotsMeta } from './signals/meta-robots';
import { readTdmMeta, type TdmDeclaration } from './signals/tdmrep';
import { readPageLicenceSignals } from './signals/html-licence/page';
import { PageLicenceSignalsSchema, type PageLicenceSignals } from './signals/html-licence/schema';
import { cleanText } from './scan-page';

/** Page-level signals read from the DOM (JSON-serialisable; validated on arrival). */
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

/** Read every page-level signal of a document (pure: handed the document and its URL). */
export function readPageSignals(doc: Document, pageUrl: string): PageSignals {
  return {
    url: pageUrl,
    title: cleanText(doc.title, 2000),
    metas: readRobotsMetas(doc),
    tdm: readTdmMeta(doc),
    licence: readPageLicenceSignals(doc, pageUrl),
  };
}
