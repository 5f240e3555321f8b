import { JSON_LD_SCRIPTS_SENT, LIMITS } from './limits';
import type { JsonLdImageObject, LicenceVia, PageLicenceMarkup, PageLicenceSignals } from './schema';
import { documentBase, enclosingFigure, jsonLdInTemplates, licenceContainer, mainArticle, markupIn, mediaType, resolvePageUrl, resolveUrl } from './dom';
import { pageCreditFrom, readPageCreditMarkup } from './credits';
import { readJsonLdTexts } from './json-ld';
import { isPageSubject, isRslLink, rdfaSubject, statementsOf, statesValue, urlValue, type Statement, type Subject } from './statements';
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
 * Page-level licence markup of one document (SIGNALS.md §6), as the page scripts read it:
 * `rel="license"` on a/link/area, RDFa licence predicates and microdata `itemprop="license"` whose
 * subject is the page and that sit outside any `<figure>` (a figure's licence covers its image:
 * DESIGN.md §2 rule 4), each with what it covers (CC REL typed dcmitype:Text, or any page
 * licence of a MediaWiki page: the text only); an image's own statements made away from it; the
 * page's credit; and the JSON-LD scripts' texts, which the worker parses (pageLicenceFrom: the
 * `license` of top-level JSON-LD nodes, and every JSON-LD ImageObject). Never throws.
 */
export function readPageLicenceMarkup(doc: Document, pageUrl: string): PageLicenceMarkup {
  const page = resolvePageUrl(pageUrl) ?? '';
  const base = page ? documentBase(doc, page) : '';
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
  // `[about][typeof]`: RDFa typing the subject `about` names (below).
  const marked = base ? doc.querySelectorAll('[rel], [property], [itemprop], [about][typeof]') : null;
  if (base && marked) {
    const found = marked;
    if (found.length > LIMITS.elements) truncated = true;
    const n = Math.min(found.length, LIMITS.elements);
    // Stop once the list is full: the rest could only set `truncated`.
    for (let i = 0; i < n && stated.length <= LIMITS.licences; i++) {
      const el = found[i];
      if (!el) continue;
      // RDFa `typeof` beside an `about` that names the page (`about=""`, the page's URL) types the
      // page itself: `<div about="" typeof="dcmitype:Text">` says the page is a Text, as CC REL's
      // `dct:type` does. Decision (DESIGN.md §2 rule 4: "CC REL markup whose dct:type is
      // dcmitype:Text" licenses no image; the reading that cannot keep what the owner refused):
      // read as the page's work type, as a typed item's own `typeof` already is (below). Before,
      // it was missed: the page's licence of its text licensed its images, and the popup read
      // `permitted` where the badge (dcmiTextMarked) read `unknown`.
      if (el.hasAttribute('about') && el.hasAttribute('typeof')) {
        const subject = rdfaSubject(el, base, page);
        if (isPageSubject(subject)) addType(subjectKey(subject), dcmiTypesOf(el, ['typeof']));
      }
      // Cheap pre-check: most rel=nofollow/stylesheet elements skip the full vocabulary work.
      if (!mentionsLicenseOrType(el)) continue;
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
  const coversOf = (subject: unknown): TextOnlyCover | null => (mediaWiki ? 'mediawiki-text' : !typesCoverImages(typesOf.get(subject) ?? []) ? 'dcmitype-text' : null);
  const withCovers = (list: typeof stated) => list.map(({ via, url, subject }) => ({ via, url, covers: coversOf(subject) }));
  const aboutObjects: JsonLdImageObject[] = [];
  let objectsFull = false;
  for (const { urls, license, unread } of aboutImages.values()) {
    if (!urls || (license.length === 0 && !unread)) continue;
    for (const contentUrl of urls) {
      if (aboutObjects.length >= LIMITS.imageObjects) objectsFull = true;
      else {
        aboutObjects.push({
          contentUrl, license, ...(unread ? { licenseUnread: true as const } : {}),
          acquireLicensePage: null, creditText: null, creator: null, copyrightNotice: null, name: null,
        });
      }
    }
  }
  const jsonLd = jsonLdTextsOf(doc);
  return {
    pageUrl: page,
    base,
    stated: withCovers(stated),
    inMainArticle: withCovers(inMainArticle),
    unreadCovers: [...unreadSubjects].map(coversOf),
    mediaWiki,
    rslLinks,
    rslUnread,
    aboutImages: aboutObjects,
    jsonLd: jsonLd.texts,
    // JSON-LD inside a <template> is not read: the markup is not read in full (dom.ts jsonLdInTemplates).
    truncated: truncated || objectsFull || jsonLd.truncated || stated.length > LIMITS.licences || jsonLdInTemplates(doc),
    credit: readPageCreditMarkup(doc, page, base || 'about:blank', marked ?? undefined),
  };
}

/**
 * The texts of a document's `<script type="application/ld+json">`, for the worker to parse
 * (json-ld.ts readJsonLdTexts): one too large for the reader (LIMITS.jsonLdScript, or past
 * LIMITS.jsonLdTotal with those before it) is sent as null, which it records as too large; past
 * JSON_LD_SCRIPTS_SENT scripts the rest are not sent and the markup reads as truncated.
 */
function jsonLdTextsOf(doc: Document): { texts: (string | null)[]; truncated: boolean } {
  const texts: (string | null)[] = [];
  let total = 0;
  const scripts = doc.querySelectorAll('script[type]');
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i]!;
    if (mediaType(script) !== 'application/ld+json') continue;
    if (texts.length >= JSON_LD_SCRIPTS_SENT) return { texts, truncated: true };
    const text = script.textContent ?? '';
    if (text.length > LIMITS.jsonLdScript || total + text.length > LIMITS.jsonLdTotal) texts.push(null);
    else {
      texts.push(text);
      total += text.length;
    }
  }
  return { texts, truncated: false };
}

/**
 * A document's page-level licence signals from its markup as the page scripts read it
 * (readPageLicenceMarkup), with its JSON-LD parsed here: in the worker, for Collect's scanner and
 * the popup's reader (issue 17). Never throws.
 */
export function pageLicenceFrom(markup: PageLicenceMarkup): PageLicenceSignals {
  const jsonLd = readJsonLdTexts(markup.jsonLd, markup.base || 'about:blank', markup.pageUrl || undefined);
  const credit = pageCreditFrom(markup.credit, jsonLd.pageCreators);
  // A page whose one article holds its licence (a blog post's "CC BY" line) states it for the page:
  // read as the article's only, the site showed `unknown` where it says CC BY. Decision: the
  // article's licence is the page's when nothing outside it states one (DESIGN.md §2 rule 4's
  // page-level licence); beside a licence outside it, it stays its own images' (element.ts).
  const pageStated =
    markup.stated.length === 0 && jsonLd.pageLicences.length === 0 && markup.unreadCovers.length === 0
      ? markup.inMainArticle.filter((l, i, all) => all.findIndex((m) => m.url === l.url && m.via === l.via) === i)
      : markup.stated;
  // The page's own JSON-LD licence covers what the page's does: on a MediaWiki page, its text only.
  const pageCovers: TextOnlyCover | null = markup.mediaWiki ? 'mediawiki-text' : null;
  const pageLevel = [...pageStated, ...jsonLd.pageLicences.map((url) => ({ via: 'json-ld' as const, url, covers: pageCovers }))];
  // A licence of another work the page describes (json-ld.ts workOfPage) that is not the page's
  // own: that work may be its images, so the page licence is relied on for none (DESIGN.md §2
  // rule 4, the reading that cannot keep what the owner refused), as when a licence went unread.
  // Compared with the page licences in the worker (assess.ts otherWorkDiffers).
  const otherWorkLicences = pageLevel.length > 0 && pageCovers === null ? jsonLd.otherWorkLicences : [];
  // A page-level licence statement that could not be read, and that would license images if it
  // could (not the text's only): the page licence is relied on for no image.
  const licenceUnread = markup.unreadCovers.some((covers) => covers === null) || (jsonLd.pageLicenceUnread && pageCovers === null);
  const licences: { via: LicenceVia; url: string }[] = [];
  const textLicences: { via: LicenceVia; url: string; covers: TextOnlyCover }[] = [];
  let full = false;
  for (const { via, url, covers } of pageLevel) {
    if ((covers ? textLicences : licences).length >= LIMITS.licences) full = true;
    else if (covers) textLicences.push({ via, url, covers });
    else licences.push({ via, url });
  }
  const imageObjects = [...jsonLd.imageObjects];
  let objectsFull = false;
  for (const io of markup.aboutImages) {
    if (imageObjects.length >= LIMITS.imageObjects) objectsFull = true;
    else imageObjects.push(io);
  }
  return {
    pageUrl: markup.pageUrl,
    licences,
    ...(textLicences.length > 0 ? { textLicences } : {}),
    ...(markup.mediaWiki ? { mediaWiki: true as const } : {}),
    rslLinks: markup.rslLinks,
    ...(markup.rslUnread ? { rslUnread: true as const } : {}),
    ...(licenceUnread ? { licenceUnread: true as const } : {}),
    ...(otherWorkLicences.length > 0 ? { otherWorkLicences } : {}),
    imageObjects,
    unreadable: jsonLd.unreadable,
    truncated: markup.truncated || full || objectsFull || jsonLd.truncated,
    ...(credit ? { credit } : {}),
  };
}

/** Page-level licence signals of one document, read and combined at once (tests, and readers with the DOM at hand). */
export function readPageLicenceSignals(doc: Document, pageUrl: string): PageLicenceSignals {
  return pageLicenceFrom(readPageLicenceMarkup(doc, pageUrl));
}
