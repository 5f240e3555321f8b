import { LIMITS } from './limits';
import type { LicenceVia, PageLicenceSignals } from './schema';
import { documentBase, enclosingFigure, resolveUrl } from './dom';
import { readPageCredit } from './credits';
import { readJsonLd } from './json-ld';
import { isPageSubject, isRslLink, statementsOf, urlValue } from './statements';

function mentionsLicense(el: Element): boolean {
  for (const attr of ['rel', 'property', 'itemprop']) {
    if (el.getAttribute(attr)?.toLowerCase().includes('license')) return true;
  }
  return false;
}

/**
 * Page-level licence markup of one document (SIGNALS.md §6): `rel="license"` on a/link/area,
 * RDFa licence predicates and microdata `itemprop="license"` whose subject is the page and that
 * sit outside any `<figure>` (a figure's licence covers its image: DESIGN.md §2 rule 4), the
 * `license` of top-level JSON-LD nodes, and every JSON-LD ImageObject. Never throws.
 */
export function readPageLicenceSignals(doc: Document, pageUrl: string): PageLicenceSignals {
  const page = resolveUrl(pageUrl, 'about:blank') ?? '';
  const base = page ? documentBase(doc, page) : '';
  const licences: { via: LicenceVia; url: string }[] = [];
  const rslLinks: string[] = [];
  let truncated = false;
  let full = false;
  const seen = new Set<string>();
  const add = (via: LicenceVia, url: string): void => {
    const key = `${via} ${url}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (licences.length < LIMITS.licences) licences.push({ via, url });
    else full = true;
  };

  if (base) {
    const found = doc.querySelectorAll('[rel], [property], [itemprop]');
    if (found.length > LIMITS.elements) truncated = true;
    const n = Math.min(found.length, LIMITS.elements);
    // Stop once the list is full: the rest could only set `truncated`.
    for (let i = 0; i < n && !full; i++) {
      const el = found[i];
      // Cheap pre-check: every licence predicate (license, cc:license, …/vocab#license) ends in
      // "license", so most rel=nofollow/stylesheet elements skip the full vocabulary work.
      if (!el || !mentionsLicense(el)) continue;
      for (const s of statementsOf(el, base, page)) {
        if (s.predicate !== 'licence') continue;
        const url = urlValue(s, base);
        if (!url) continue;
        if (isRslLink(el)) {
          if (!rslLinks.includes(url) && rslLinks.length < LIMITS.licences) rslLinks.push(url);
          continue;
        }
        // Outside any figure; a walk that hit the cap counts as inside (fail closed).
        if (isPageSubject(s.subject) && enclosingFigure(el) === null) add(s.syntax, url);
      }
    }
  }

  const jsonLd = readJsonLd(doc, base || 'about:blank');
  const credit = readPageCredit(doc, page, base || 'about:blank', jsonLd.pageCreators);
  for (const url of jsonLd.pageLicences) add('json-ld', url);
  return {
    pageUrl: page,
    licences,
    rslLinks,
    imageObjects: jsonLd.imageObjects,
    unreadable: jsonLd.unreadable,
    truncated: truncated || full || jsonLd.truncated,
    ...(credit ? { credit } : {}),
  };
}
