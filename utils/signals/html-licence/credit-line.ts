import { LIMITS } from './limits';
import { enclosingFigure, resolveUrl } from './dom';

/**
 * The credit line a person reads as an image's own: the `<figcaption>` of its `<figure>`, or the
 * block written right after the image (after the link or `<picture>` holding only it) whose text
 * opens with a credit word — "Foto: BBKurt [CC BY-SA 3.0], via Wikimedia Commons" under each
 * photo of the saved Emden travel page (../shared/realworld), the form Wikimedia Commons gives
 * for reusing its files. Null when there is none.
 */
export function creditLineOf(img: Element): Element | null {
  const figure = enclosingFigure(img);
  if (figure) {
    const caption = figure.querySelector('figcaption');
    if (caption) return caption;
  }
  let anchor = img;
  for (let i = 0; i < 2; i++) {
    const parent = anchor.parentElement;
    if (!parent || !WRAPPERS.has(parent.localName) || parent.childElementCount !== 1) break;
    anchor = parent;
  }
  let next = anchor.nextElementSibling;
  for (let i = 0; next && next.localName === 'br' && i < 4; i++) next = next.nextElementSibling;
  if (!next || !BLOCKS.has(next.localName) || next.querySelector('img, picture, video, svg, object, embed, iframe')) return null;
  const text = (next.textContent ?? '').slice(0, 200).trim();
  return CREDIT_WORD.test(text) ? next : null;
}

// What may hold only the image (a link to the original, a <picture>, a styling span).
const WRAPPERS = new Set(['a', 'picture', 'span']);
// What a credit line is written in.
const BLOCKS = new Set(['p', 'div', 'span', 'small', 'figcaption', 'em', 'i', 'cite', 'footer']);
// A credit line opens with who took or owns the picture, or where it comes from.
const CREDIT_WORD = /^(?:foto|photo|bild|image|picture|credit|quelle|source|photographer|fotograf|©|\(c\)|copyright)/i;

const read = new WeakMap<Element, { base: string; found: CreditLineLicences }>();

/** What a credit line links to: `urls`, and whether links went unread past the caps (`truncated`). */
export interface CreditLineLicences {
  urls: readonly string[];
  truncated: boolean;
}

/**
 * The Creative Commons licence and public-domain tool URLs a credit line links to without
 * licence markup (a plain `<a href>`, no rel="license"): absolute, at most LIMITS.licences, of
 * its first LIMITS.scopeElements links; `truncated` when there were more (they may name another
 * licence: the caller fails closed). The worker parses them (issue 17: no licence-URL parser in
 * the page).
 */
export function creditLineLicences(line: Element, base: string): CreditLineLicences {
  // Every image of a figure shares its figcaption: read once (a hostile figure of many images
  // and many links must not cost images × links).
  const known = read.get(line);
  if (known && known.base === base) return known.found;
  const urls: string[] = [];
  const links = line.querySelectorAll('a[href]');
  let truncated = links.length > LIMITS.scopeElements;
  for (let i = 0; i < Math.min(links.length, LIMITS.scopeElements); i++) {
    const link = links[i]!;
    // A link that is licence markup (rel="license", cc:license, itemprop="license") is read as
    // such by the markup readers (element.ts, page.ts): only plain links are the line's own.
    if (/license/i.test(`${link.getAttribute('rel') ?? ''} ${link.getAttribute('property') ?? ''} ${link.getAttribute('itemprop') ?? ''}`)) continue;
    const url = resolveUrl(link.getAttribute('href'), base);
    if (!url || urls.includes(url)) continue;
    const u = new URL(url);
    if (!/^(?:www\.)?creativecommons\.org$/i.test(u.hostname) || !/^\/(?:licenses|publicdomain)\//i.test(u.pathname)) continue;
    if (urls.length >= LIMITS.licences) {
      truncated = true;
      break;
    }
    urls.push(url);
  }
  const found = { urls, truncated };
  read.set(line, { base, found });
  return found;
}
