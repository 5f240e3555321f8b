import { z } from 'zod';
import { cleanText } from './scan-page';

/** Page-level signals read from the DOM (JSON-serialisable; validated on arrival). */
export const PageSignalsSchema = z.object({
  url: z.string().max(8192),
  title: z.string().max(2000),
  /** `<meta name=robots|<bot>>` pairs. */
  metas: z.array(z.object({ name: z.string().max(200), content: z.string().max(2000) })).max(1000),
  licenceLinks: z.array(z.string().max(2048)).max(200),
});
export type PageSignals = z.infer<typeof PageSignalsSchema>;

/** Read the page-level signals of a document. */
export function readPageSignals(doc: Document, pageUrl: string): PageSignals {
  const licenceLinks: string[] = [];
  for (const a of Array.from(doc.querySelectorAll('a[rel], link[rel], area[rel]'))) {
    if (licenceLinks.length >= 200) break;
    const rels = (a.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('license') || a.closest('figure')) continue;
    try {
      licenceLinks.push(new URL(a.getAttribute('href') ?? '', pageUrl).href);
    } catch {
      /* unparseable href: not a licence link */
    }
  }
  return { url: pageUrl, title: cleanText(doc.title, 2000), metas: [], licenceLinks };
}
