import { LIMITS } from './limits';
import type { LicenceVia, PageLicenceSignals } from './schema';
import { documentBase, enclosingFigure, licenceContainer, mainArticle, markupIn, resolvePageUrl, resolveUrl } from './dom';
import { readPageCredit } from './credits';
import { readJsonLd } from './json-ld';
import { isPageSubject, isRslLink, statementsOf, statesValue, urlValue, type Statement, type Subject } from './statements';
import { isImageType } from './vocab';
import { dcmiTypesOf, isMediaWiki, typesCoverImages, type TextOnlyCover } from './text-only';

/** Cheap pre-check: every licence predicate ends in "license", every work-type one in "type". */
function mentionsLicenseOrType(el: Element): boolean {
  for (const attr of ['rel', 'property', 'itemprop']) {
    const v = el.getAttribute(attr)?.toLowerCase();
    if (v && (v.includes('license') || v.includes('type'))) return true;
  }
  return false;
}

/**
 * The image URLs an RDFa/microdata ImageObject item names itself by: its `contentUrl` statements
 * and, in microdata, its `itemid`; null when it declares none (element.ts then reads it for the one
 * `<img>` inside it).
 */
function itemImageUrls(item: Element, base: string, page: string): string[] | null {
  const urls: string[] = [];
  let declared = false;
  const itemid = item.hasAttribute('itemscope') ? item.getAttribute('itemid') : null;
  if (itemid !== null) {
    declared = true;
    const url = resolveUrl(itemid, base);
    if (url) urls.push(url);
  }
  for (const el of markupIn(item).elements) {
    for (const s of statementsOf(el, base, page)) {
      if (s.predicate !== 'contentUrl' || s.subject.kind !== 'item' || s.subject.el !== item) continue;
      declared = true;
      const url = urlValue(s, base);
      if (url && !urls.includes(url) && urls.length < LIMITS.licences) urls.push(url);
    }
  }
  return declared ? urls : null;
}

/** One key per RDFa subject that speaks for the page: the document, or a top-level typed item. */
const subjectKey = (s: Subject): unknown => (s.kind === 'item' ? s.el : 'page');

/**
 * Page-level licence markup of one document (SIGNALS.md §6): `rel="license"` on a/link/area,
 * RDFa licence predicates and microdata `itemprop="license"` whose subject is the page and that
 * sit outside any `<figure>` (a figure's licence covers its image: DESIGN.md §2 rule 4), the
 * `license` of top-level JSON-LD nodes, and every JSON-LD ImageObject. Page licences that cover
 * only the text (CC REL typed dcmitype:Text; every page licence of a MediaWiki page) go to
 * `textLicences` instead (DESIGN.md §2 rule 4). Never throws.
 */
export function readPageLicenceSignals(doc: Document, pageUrl: string): PageLicenceSignals {
  const page = resolvePageUrl(pageUrl) ?? '';
  const base = page ? documentBase(doc, page) : '';
  const licences: { via: LicenceVia; url: string }[] = [];
  const textLicences: { via: LicenceVia; url: string; covers: TextOnlyCover }[] = [];
  const rslLinks: string[] = [];
  // A declared RSL licence Heed could not keep (its URL too long or not a URL, past the cap):
  // the policy fails it closed (assess.ts), as a licence that cannot be fetched (DESIGN.md §2 rule 3).
  let rslUnread = false;
  const addRsl = (url: string | null): void => {
    if (url === null) rslUnread = true;
    else if (!rslLinks.includes(url)) {
      if (rslLinks.length < LIMITS.licences) rslLinks.push(url);
      else rslUnread = true;
    }
  };
  let truncated = false;
  let full = false;
  const seen = new Set<string>();
  // Page-subject licence statements, decided once every work type on the page has been read.
  const stated: { via: LicenceVia; url: string; subject: unknown }[] = [];
  // Those made in the page's one article (dom.ts mainArticle): the page's main work, so its
  // licence is the page's when the page states none outside it (below).
  const inMainArticle: typeof stated = [];
  const main = base ? mainArticle(doc) : null;
  // The subjects of page-level licence statements whose value Heed could not read (statesValue:
  // not a URL, or over LIMITS.url once resolved). Decision (DESIGN.md §2 rules 4 and 5): such a
  // statement may be "all rights reserved" or CC BY-NC beside the page's CC BY, so the page
  // licence licenses no image (`licenceUnread`, assess.ts markupReadInFull) — unless the statement
  // covers only the text, as a readable one would (decided below, once the work types are read).
  const unreadSubjects = new Set<unknown>();
  // Licence statements about one image file made anywhere on the page, not around the image: an
  // RDFa subject naming its URL (`about="/img/fox.jpg"`), a microdata or RDFa ImageObject item
  // naming it by contentUrl. Decision (DESIGN.md §2 rule 4): they are that image's own
  // element-level statements wherever they sit, read as the page's JSON-LD ImageObject naming it
  // is; element.ts read them only around the `<img>`, so an ImageObject stating CC BY-NC in a
  // gallery's data block, or a ccREL `about` block at the foot, was missed and the page's CC BY
  // licensed the image. Key: the subject (its URLs are read once the walk is done).
  const aboutImages = new Map<unknown, { urls: string[] | null; license: string[]; unread: boolean }>();
  const aboutImage = (s: Statement): { license: string[]; unread: boolean } | null => {
    const subject = s.subject;
    const key = subject.kind === 'resource' ? `resource ${subject.url}` : subject.kind === 'item' && isImageType(subject.types) ? subject.el : null;
    if (key === null) return null;
    let entry = aboutImages.get(key);
    if (!entry) {
      const urls = subject.kind === 'resource' ? [subject.url] : subject.kind === 'item' ? itemImageUrls(subject.el, base, page) : null;
      entry = { urls, license: [], unread: false };
      aboutImages.set(key, entry);
    }
    return entry;
  };
  const typesOf = new Map<unknown, string[]>();
  const addType = (key: unknown, types: readonly string[]): void => {
    if (types.length === 0) return;
    const list = typesOf.get(key) ?? [];
    for (const t of types) if (!list.includes(t) && list.length < 16) list.push(t);
    typesOf.set(key, list);
  };

  // Every element that may state a licence, a type or a credit: read once, for both (the query
  // costs ~1–2 ms on a 20,000-element page, issue 17).
  const marked = base ? doc.querySelectorAll('[rel], [property], [itemprop]') : null;
  if (base && marked) {
    const found = marked;
    if (found.length > LIMITS.elements) truncated = true;
    const n = Math.min(found.length, LIMITS.elements);
    // Stop once the list is full: the rest could only set `truncated`.
    for (let i = 0; i < n && stated.length <= LIMITS.licences; i++) {
      const el = found[i];
      // Cheap pre-check: most rel=nofollow/stylesheet elements skip the full vocabulary work.
      if (!el || !mentionsLicenseOrType(el)) continue;
      for (const s of statementsOf(el, base, page)) {
        if (s.predicate === 'type') {
          // CC REL's dct:type (SIGNALS.md §6.2): what kind of work the page's licence is about.
          if (isPageSubject(s.subject)) addType(subjectKey(s.subject), dcmiTypesOf(el));
          continue;
        }
        if (s.predicate !== 'licence') continue;
        const url = urlValue(s, base);
        if (isRslLink(el)) {
          addRsl(url);
          continue;
        }
        const about = aboutImage(s);
        if (about) {
          if (url === null) {
            if (statesValue(s)) about.unread = true;
          } else if (!about.license.includes(url)) {
            if (about.license.length < LIMITS.licences) about.license.push(url);
            else about.unread = true;
          }
          continue;
        }
        // Outside any figure; a walk that hit the cap counts as inside (fail closed: a figure's
        // licence statement is its image's, read by element.ts, which marks an unread one). Outside
        // any article, quotation or comment too (dom.ts licenceContainer: element.ts reads it for
        // the images inside); a walk that hit that cap counts as outside, so it still conflicts.
        const ofPage = isPageSubject(s.subject) && enclosingFigure(el) === null;
        const container = licenceContainer(el);
        const pageLevel = ofPage && !container;
        if (url && ofPage && main && container === main && inMainArticle.length < LIMITS.licences) {
          inMainArticle.push({ via: s.syntax, url, subject: subjectKey(s.subject) });
        }
        if (!url) {
          const key = subjectKey(s.subject);
          if (!pageLevel || unreadSubjects.has(key) || !statesValue(s)) continue;
          if (unreadSubjects.size < LIMITS.licences) unreadSubjects.add(key);
          else truncated = true;
          if (s.subject.kind === 'item') addType(s.subject.el, dcmiTypesOf(s.subject.el, ['typeof']));
          continue;
        }
        if (pageLevel) {
          const key = `${s.syntax} ${url}`;
          if (seen.has(key)) continue;
          seen.add(key);
          stated.push({ via: s.syntax, url, subject: subjectKey(s.subject) });
          // A typed item (typeof="dcmitype:Text") declares its work type on itself.
          if (s.subject.kind === 'item') addType(s.subject.el, dcmiTypesOf(s.subject.el, ['typeof']));
        }
      }
    }
  }

  // The walk stops at its caps; an RSL licence link past them is still looked for, on its own
  // (one query): it may refuse every image, so it must not go unread with the rest.
  if (base && (truncated || stated.length > LIMITS.licences)) {
    const links = doc.querySelectorAll('link[rel~="license" i][type], a[rel~="license" i][type], area[rel~="license" i][type]');
    for (let i = 0; i < links.length; i++) {
      const el = links[i]!;
      if (!isRslLink(el)) continue;
      const href = el.getAttribute('href');
      addRsl(href === null ? null : resolveUrl(href, base));
    }
  }

  // DESIGN.md §2 rule 4: a page licence covering only the text licenses no image. On a MediaWiki
  // page every page licence is the wiki text's (its files carry their own); elsewhere a licence
  // whose subject is typed with DCMI types none of which is an image covers that work only.
  const mediaWiki = isMediaWiki(doc);
  const jsonLd = readJsonLd(doc, base || 'about:blank', page || undefined);
  const credit = readPageCredit(doc, page, base || 'about:blank', jsonLd.pageCreators, marked ?? undefined);
  // A page whose one article holds its licence (a blog post's "CC BY" line) states it for the page:
  // read as the article's only, the site showed `unknown` where it says CC BY. Decision: the
  // article's licence is the page's when nothing outside it states one (DESIGN.md §2 rule 4's
  // page-level licence); beside a licence outside it, it stays its own images' (element.ts).
  const pageStated = stated.length === 0 && jsonLd.pageLicences.length === 0 && unreadSubjects.size === 0 ? inMainArticle.filter((l, i, all) => all.findIndex((m) => m.url === l.url && m.via === l.via) === i) : stated;
  const pageLevel = [...pageStated, ...jsonLd.pageLicences.map((url) => ({ via: 'json-ld' as const, url, subject: null }))];
  const coversOf = (subject: unknown): TextOnlyCover | null =>
    mediaWiki ? 'mediawiki-text' : subject !== null && !typesCoverImages(typesOf.get(subject) ?? []) ? 'dcmitype-text' : null;
  // A page-level licence statement that could not be read, and that would license images if it
  // could (not the text's only): the page licence is relied on for no image.
  // A licence of another work the page describes (json-ld.ts workOfPage) that is not the page's
  // own: that work may be its images, so the page licence is relied on for none (DESIGN.md §2
  // rule 4, the reading that cannot keep what the owner refused), as when a licence went unread.
  // Compared with the page licences in the worker (assess.ts otherWorkDiffers).
  const otherWorkLicences = pageLevel.length > 0 && coversOf(null) === null ? jsonLd.otherWorkLicences : [];
  const licenceUnread = [...unreadSubjects].some((subject) => coversOf(subject) === null) || (jsonLd.pageLicenceUnread && coversOf(null) === null);
  for (const l of pageLevel) {
    const covers = coversOf(l.subject);
    if ((covers ? textLicences : licences).length >= LIMITS.licences) full = true;
    else if (covers) textLicences.push({ via: l.via, url: l.url, covers });
    else licences.push({ via: l.via, url: l.url });
  }
  const imageObjects = [...jsonLd.imageObjects];
  let objectsFull = false;
  for (const { urls, license, unread } of aboutImages.values()) {
    if (!urls || (license.length === 0 && !unread)) continue;
    for (const contentUrl of urls) {
      if (imageObjects.length >= LIMITS.imageObjects) objectsFull = true;
      else {
        imageObjects.push({
          contentUrl, license, ...(unread ? { licenseUnread: true as const } : {}),
          acquireLicensePage: null, creditText: null, creator: null, copyrightNotice: null, name: null,
        });
      }
    }
  }
  return {
    pageUrl: page,
    licences,
    ...(textLicences.length > 0 ? { textLicences } : {}),
    ...(mediaWiki ? { mediaWiki: true as const } : {}),
    rslLinks,
    ...(rslUnread ? { rslUnread: true as const } : {}),
    ...(licenceUnread ? { licenceUnread: true as const } : {}),
    ...(otherWorkLicences.length > 0 ? { otherWorkLicences } : {}),
    imageObjects,
    unreadable: jsonLd.unreadable,
    truncated: truncated || full || objectsFull || stated.length > LIMITS.licences || jsonLd.truncated,
    ...(credit ? { credit } : {}),
  };
}
