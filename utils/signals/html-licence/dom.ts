import { MAX_PAGE_URL } from '../../model/page-url';
import { LIMITS } from './limits';

/** The essence of an element's `type` attribute: `application/ld+json; charset=…` → `application/ld+json`. */
export const mediaType = (el: Element): string => (el.getAttribute('type') ?? '').split(';')[0]!.trim().toLowerCase();

/** How many `<template>`s are looked into (nested ones included) by the readers of their content. */
export const MAX_TEMPLATES = 5000;

/**
 * The content of every `<template>` in `doc`, nested ones included (breadth first): inert for
 * the browser, so no query of the document finds what is inside, but markup the owner wrote.
 * `'unreadable'` stands for a template whose content cannot be read, and a last `'past-cap'` says
 * there are more than MAX_TEMPLATES. The readers of metas (page/raw-page-signals.ts), image
 * copies (scan/template-copies.ts) and JSON-LD (jsonLdInTemplates) walk them so.
 */
export function* templateContents(doc: Document): Generator<DocumentFragment | 'unreadable' | 'past-cap'> {
  const queue: Element[] = Array.from(doc.querySelectorAll('template'));
  for (let i = 0; i < queue.length; i++) {
    if (i >= MAX_TEMPLATES) {
      yield 'past-cap';
      return;
    }
    let content: DocumentFragment | undefined;
    try {
      content = (queue[i] as HTMLTemplateElement).content as DocumentFragment | undefined;
    } catch {
      yield 'unreadable';
      continue;
    }
    if (!content) continue;
    yield content;
    queue.push(...content.querySelectorAll('template'));
  }
}

/**
 * Whether a `<template>` (nested ones too) holds JSON-LD: inert for the browser, and read by
 * neither page reader, but licence markup the owner wrote, which may state a shown image's own
 * licence (an ImageObject CC BY-NC). Decision (DESIGN.md §2 rules 4 and 5, the reading that cannot
 * keep what the owner refused): the page's licence markup then reads as not read in full, and the
 * page licence is relied on for no image (assess.ts); it is not read as the page's own JSON-LD (a
 * template may describe another page's work, whose licence would grant). Past MAX_TEMPLATES, or a
 * template that cannot be read: true (fail closed).
 */
export function jsonLdInTemplates(doc: Document): boolean {
  try {
    for (const content of templateContents(doc)) {
      if (typeof content === 'string') return true;
      for (const script of content.querySelectorAll('script[type]')) if (mediaType(script) === 'application/ld+json') return true;
    }
    return false;
  } catch {
    return true;
  }
}

/** Trimmed, whitespace-collapsed, capped text; null when empty or not a string. */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- page-supplied text: drop control characters
  const flat = value.slice(0, LIMITS.text * 4).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length === 0) return null;
  return flat.length > LIMITS.text ? flat.slice(0, LIMITS.text) : flat;
}

/**
 * `href` resolved against `base` as an absolute http(s) URL, or null (javascript:, data:, too long…).
 * A licence reader never drops a null for a value that was stated: it is unread (statements.ts
 * statesValue, json-ld.ts urlsOf) and fails closed (DESIGN.md §2 rule 5).
 */
export function resolveUrl(href: unknown, base: string): string | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.trim();
  if (trimmed.length === 0 || trimmed.length > LIMITS.url) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.length <= LIMITS.url ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The page's own address as an absolute http(s) URL, or null. Capped at the page-address cap,
 * not LIMITS.url: the address is the browser's, not markup the page wrote, and a long one
 * (search parameters) must not make a licensed page's licence vanish.
 */
export function resolvePageUrl(pageUrl: unknown): string | null {
  if (typeof pageUrl !== 'string' || pageUrl.length > MAX_PAGE_URL) return null;
  try {
    const url = new URL(pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The document base URL: `<base href>` resolved against the page URL, as browsers resolve
 * relative URLs (HTML §2.4.1 "document base URL"). Computed from attributes, not `baseURI`,
 * so linkedom and real browsers agree.
 */
export function documentBase(doc: Document, pageUrl: string): string {
  const base = doc.querySelector('base[href]');
  const href = base?.getAttribute('href');
  return (href && resolveUrl(href, pageUrl)) || pageUrl;
}

/** RFC 3986 §2.3 unreserved characters: percent-encoding one of them does not change the URI. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * A path or query with its percent-encodings normalised as RFC 3986 §6.2.2 says equivalent URIs
 * are: an unreserved character's decoded (`%61` → `a`), every other one's hex upper-cased
 * (`%c3%a9` → `%C3%A9`). Linear; a malformed `%` is kept as written.
 */
function normalisePercent(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

/**
 * Key for "is this the same image URL": absolute, fragment dropped, scheme ignored (http and
 * https copies of one path are the same image to a publisher writing JSON-LD), percent-encodings
 * normalised (RFC 3986 §6.2.2: `/%6Fwl.jpg` and `/owl.jpg` are one URI, which the URL parser leaves
 * apart). Decision (DESIGN.md §2 rule 4): an ImageObject stating CC BY-NC for `/%6Fwl.jpg` speaks
 * for the image the page shows as `/owl.jpg`; read apart, it was missed and the page's CC BY
 * licensed the image.
 */
export function matchKey(url: string, base: string): string | null {
  const abs = resolveUrl(url, base);
  if (!abs) return null;
  const u = new URL(abs);
  return `${u.host}${normalisePercent(u.pathname)}${normalisePercent(u.search)}`;
}

/** A path naming an image file by its extension (`/img/owl.jpg`), not a script serving many. */
const IMAGE_FILE_PATH = /\.(?:jpe?g|jfif|png|gif|webp|avif|svg|bmp|tiff?|heic|heif)$/i;

/**
 * Whether `url` names the image `imageKey` (a matchKey): the same URL, or — when the path names an
 * image file — the same file with another query string (`owl.jpg?w=800`, `owl.jpg?format=750w`:
 * image CDNs and CMSs serve resized copies so, while the page's JSON-LD names the file). Decision
 * (DESIGN.md §2 rule 4, the reading that cannot keep what the owner refused): an ImageObject's
 * licence for the file speaks for the copy the page shows, so an NC licence for it is not lost to
 * a broader page licence. A script's path (`image.php?id=2`) is not a file: its query names the image.
 */
export function namesSameImage(url: string, imageKey: string, base: string): boolean {
  const key = matchKey(url, base);
  if (key === null) return false;
  if (key === imageKey) return true;
  const path = (k: string) => {
    const q = k.indexOf('?');
    return q < 0 ? k : k.slice(0, q);
  };
  const file = path(key);
  return file === path(imageKey) && IMAGE_FILE_PATH.test(file);
}

/** Space-separated token list (HTML "set of space-separated tokens"), lower-cased. */
export function tokens(value: string | null): string[] {
  if (!value) return [];
  return value.slice(0, 4096).toLowerCase().split(/[\t\n\f\r ]+/).filter((t) => t.length > 0).slice(0, 32);
}

/** The nearest `<figure>` ancestor, null if none, undefined if the walk hit the cap. */
export function enclosingFigure(el: Element): Element | null | undefined {
  let x = el.parentElement;
  for (let i = 0; x && i < LIMITS.ancestors; i++, x = x.parentElement) {
    if (x.localName === 'figure') return x;
  }
  return x ? undefined : null;
}

/** A class or id naming a comment thread or one comment (`#comments`, `.comment-list`, `li.comment`). */
function namesComments(el: Element): boolean {
  for (const t of [...tokens(el.getAttribute('class')), ...tokens(el.getAttribute('id'))]) {
    if (t === 'comment' || t === 'comments' || t === 'commentlist' || t.startsWith('comment-') || t.startsWith('comments-')) return true;
  }
  return false;
}

/**
 * The nearest element that holds a composition of its own within the page: an `<article>`, a
 * quotation (`<blockquote>`, `<q>`: another work, an embedded post), or a comment thread or
 * comment. Null if none; undefined if the walk hit the cap. Decision (DESIGN.md §2 rule 4;
 * SIGNALS.md §6.1: rel=license speaks for the document's main content): a licence stated inside
 * one speaks for that part — an article of a page listing several, a quoted post, a commenter's
 * words — not for the page; the images inside it are the only ones it can license (element.ts).
 */
export function licenceContainer(el: Element): Element | null | undefined {
  let x = el.parentElement;
  for (let i = 0; x && i < LIMITS.ancestors; i++, x = x.parentElement) {
    const name = x.localName;
    if (name === 'article' || name === 'blockquote' || name === 'q' || namesComments(x)) return x;
  }
  return x ? undefined : null;
}

/**
 * The page's one article: the only `<article>` not inside another (comments nested in it as
 * articles do not count), or null when the page has none or several (a list of posts). A licence
 * stated in it is its images' (licenceContainer) and, when the page states none elsewhere, the
 * page's (page.ts).
 */
export function mainArticle(doc: Document): Element | null {
  let found: Element | null = null;
  for (const a of Array.from(doc.querySelectorAll('article')).slice(0, LIMITS.elements)) {
    if (a.parentElement?.closest('article')) continue;
    if (found) return null;
    found = a;
  }
  return found;
}

/** `root` and up to `LIMITS.scopeElements` descendants carrying rel, property or itemprop. */
export function markupIn(root: Element): { elements: Element[]; truncated: boolean } {
  const found = root.querySelectorAll('[rel], [rev], [property], [itemprop]');
  const elements = [root];
  const n = Math.min(found.length, LIMITS.scopeElements);
  for (let i = 0; i < n; i++) {
    const el = found[i];
    if (el) elements.push(el);
  }
  return { elements, truncated: found.length > LIMITS.scopeElements };
}
