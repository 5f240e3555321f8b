import { LIMITS } from './limits';
import { creditLineLicences, creditLineOf } from './credit-line';
import type { ElementLicenceHint } from './schema';
import { documentBase, enclosingFigure, licenceContainer, markupIn, matchKey, resolvePageUrl, resolveUrl } from './dom';
import { isPageSubject, isRslLink, statementsOf, statesValue, textValue, urlValue, type Statement, type Subject } from './statements';
import { isImageType, typeNames } from './vocab';

/** Keys of every URL the image may be shown from: src, srcset candidates, currentSrc. */
function imageKeys(img: Element, base: string): Set<string> {
  const refs: string[] = [];
  const src = img.getAttribute('src');
  if (src) refs.push(src);
  const current = (img as Partial<HTMLImageElement>).currentSrc;
  if (typeof current === 'string' && current) refs.push(current);
  for (const candidate of (img.getAttribute('srcset') ?? '').split(',').slice(0, 32)) {
    const url = candidate.trim().split(/\s+/)[0];
    if (url) refs.push(url);
  }
  const keys = new Set<string>();
  for (const ref of refs) {
    const key = matchKey(ref, base);
    if (key) keys.add(key);
  }
  return keys;
}

/**
 * Licence markup scoped to one image (DESIGN.md §2 rule 4, SIGNALS.md §6.1–6.3): page-subject
 * licence links inside its `<figure>`; RDFa statements whose subject (`about`, `resource`…) is
 * the image URL; RDFa/microdata ImageObject items around it whose contentUrl is the image (or
 * that hold only this image). With creator/title/credit hints from the same scope. Never throws.
 */
export function readElementLicence(img: Element, pageUrl: string, containers: Map<Element, ContainerLicence> = new Map()): ElementLicenceHint[] {
  const page = resolvePageUrl(pageUrl);
  if (!page) return [];
  const base = img.ownerDocument ? documentBase(img.ownerDocument, page) : page;
  const keys = imageKeys(img, base);
  const figure = enclosingFigure(img) ?? null;
  // The article, quotation or comment holding the image (dom.ts licenceContainer): a licence
  // stated in it, outside any figure, is this image's (and its neighbours'), not the page's.
  const container = licenceContainer(img) ?? null;
  const itemMatches = new Map<Element, ItemMatch>();

  const matchOf = (s: Subject): ItemMatch => {
    if (s.kind !== 'item' || !isImageType(s.types)) return 'no';
    let match = itemMatches.get(s.el);
    if (match === undefined) {
      match = itemHoldsImage(s.el, img, keys, base, page);
      itemMatches.set(s.el, match);
    }
    return match;
  };
  const imageItem = (s: Subject): Element | null => (s.kind === 'item' && matchOf(s) === 'yes' ? s.el : null);

  // Where to look: the image, its figure, ancestors that make an item or subject of this
  // image, and elements near it with about="<this image>" (ccREL, SIGNALS.md §6.2).
  const isThisImage = (ref: string | null): boolean => {
    const key = ref === null ? null : matchKey(ref, base);
    return key !== null && keys.has(key);
  };
  const roots = new Set<Element>([img]);
  if (figure) roots.add(figure);
  let x = img.parentElement;
  for (let i = 0; x && i < LIMITS.ancestors; i++, x = x.parentElement) {
    const types = typeNames(x.getAttribute('itemtype') ?? x.getAttribute('typeof'));
    if (isImageType(types) || isThisImage(x.getAttribute('about') ?? x.getAttribute('resource'))) roots.add(x);
  }
  const near = img.parentElement?.querySelectorAll('[about]') ?? [];
  for (let i = 0; i < Math.min(near.length, 100); i++) {
    const el = near[i];
    if (el && isThisImage(el.getAttribute('about'))) roots.add(el);
  }

  // One hint per scope: the figure, an RDFa subject URL, or an ImageObject item element.
  const groups = new Map<unknown, ElementLicenceHint>();
  const groupFor = (key: unknown, via: ElementLicenceHint['via']): ElementLicenceHint => {
    let h = groups.get(key);
    if (!h) {
      h = { via, licences: [], creator: null, title: null, creditText: null };
      groups.set(key, h);
    }
    return h;
  };
  const scopeOf = (s: Statement): ElementLicenceHint | null => {
    if (s.subject.kind === 'resource') {
      const key = matchKey(s.subject.url, base);
      return key && keys.has(key) ? groupFor(`rdfa:${key}`, 'rdfa') : null;
    }
    const item = imageItem(s.subject);
    if (item) return groupFor(item, s.syntax === 'microdata' ? 'microdata' : 'rdfa');
    if (figure && isPageSubject(s.subject) && enclosingFigure(s.el) === figure) return groupFor('figure', 'figure');
    return null;
  };

  // Where an ImageObject says its licence is acquired (see the end), and those that say so in a
  // value Heed cannot read.
  const acquire = new Map<ElementLicenceHint, string>();
  const acquireUnread = new Set<ElementLicenceHint>();
  const seen = new Set<Element>();
  // A cap hit (a scope's elements, a hint's licences), or a licence statement whose value is not
  // a URL Heed can read (statesValue: javascript:, mailto:, "CC BY-NC 4.0" as an RDFa literal, a
  // text or URL over LIMITS.url, `#rights` resolved against a page address over it): what went
  // unread may be the image's own licence, so the hints say so and the policy relies on no HTML
  // licence for it (assess.ts). Dropped instead, the image read as stating none and the page's
  // CC BY licensed it (DESIGN.md §2 rules 4 and 5: present but unreadable fails closed).
  let unread = false;
  for (const root of roots) {
    const markup = markupIn(root);
    if (markup.truncated) unread = true;
    for (const el of markup.elements) {
      if (seen.has(el)) continue;
      seen.add(el);
      for (const s of statementsOf(el, base, page)) {
        const h = scopeOf(s);
        if (!h) {
          // A licence of an image item that may be this image's (itemHoldsImage 'maybe'): unread.
          if ((s.predicate === 'licence' || s.predicate === 'acquireLicensePage') && !isRslLink(el) && statesValue(s) && matchOf(s.subject) === 'maybe') unread = true;
          continue;
        }
        if (!addStatement(h, s, el, base)) unread = true;
        if (s.predicate === 'acquireLicensePage' && h.via !== 'figure' && !acquire.has(h)) {
          const url = urlValue(s, base);
          if (url) acquire.set(h, url);
          else if (statesValue(s)) acquireUnread.add(h);
        }
      }
    }
  }
  // An ImageObject that names where to acquire a licence and states none is licensed there: the
  // image's own statement, not a licence Heed recognises (as in JSON-LD, findings.ts).
  // One that says so where Heed cannot read it states a licence all the same: unread.
  for (const [h, url] of acquire) if (h.licences.length === 0) h.licences.push(url);
  for (const h of acquireUnread) if (h.licences.length === 0) unread = true;
  // The article, quotation or comment holding the image: what it states outside any figure is
  // this image's and its neighbours' alike, so it is read once per container (readContainerLicence).
  if (container) {
    let said = containers.get(container);
    if (!said) {
      said = readContainerLicence(container, base, page);
      containers.set(container, said);
    }
    if (said.unread) unread = true;
    const h = said.hint;
    if (h.licences.length > 0 || h.creator !== null || h.title !== null || h.creditText !== null) groups.set('container', { ...h, licences: [...h.licences] });
  }
  // The credit line under the image ("Foto: BBKurt [CC BY-SA 3.0]"): the licences it links to
  // without licence markup, for the policy to read as the owner's word that can only refuse
  // (assess.ts creditLineRefusal).
  const line = creditLineOf(img);
  if (line) {
    const { urls, truncated } = creditLineLicences(line, base);
    if (truncated) unread = true;
    if (urls.length > 0) groups.set('credit-line', { via: 'figure', licences: [], creator: null, title: null, creditText: null, credited: [...urls] });
  }
  const out = [...groups.values()].filter((h) => h.licences.length > 0 || h.creator !== null || h.title !== null || h.creditText !== null || (h.credited?.length ?? 0) > 0);
  if (!unread) return out;
  if (out.length === 0) return [{ via: figure ? 'figure' : 'rdfa', licences: [], creator: null, title: null, creditText: null, unread: true }];
  return out.map((h) => ({ ...h, unread: true as const }));
}

/** Whether an image item describes this image: 'yes', 'no', or 'maybe' (itemHoldsImage). */
type ItemMatch = 'yes' | 'no' | 'maybe';

/**
 * Whether an ImageObject item describes this image: 'yes' when its contentUrl is one of the
 * image's URLs, or it declares no contentUrl and this is the only `<img>` inside it; 'maybe' when
 * it declares no contentUrl and holds this element otherwise (beside other images, or shown by
 * another element than an `<img>`: a poster, a CSS background). Decision (DESIGN.md §2 rules 4
 * and 5, the reading that cannot keep what the owner refused): what a 'maybe' item states may be
 * this image's own licence, so its licence makes the image's element markup unread — relied on
 * for none of its images, it left the page's CC BY licensing photos the item states CC BY-NC;
 * taken as each image's licence, it could grant one the owner gave another image.
 */
function itemHoldsImage(item: Element, img: Element, keys: Set<string>, base: string, page: string): ItemMatch {
  if (item === img) return 'yes';
  let declared = false;
  for (const el of markupIn(item).elements) {
    for (const s of statementsOf(el, base, page)) {
      if (s.predicate !== 'contentUrl' || s.subject.kind !== 'item' || s.subject.el !== item) continue;
      declared = true;
      const url = urlValue(s, base);
      const key = url ? matchKey(url, base) : null;
      if (key && keys.has(key)) return 'yes';
    }
  }
  if (declared) return 'no';
  const imgs = item.querySelectorAll('img');
  if (imgs.length === 1 && imgs[0] === img) return 'yes';
  return item.contains(img) ? 'maybe' : 'no';
}

/** What an article, quotation or comment states for the images in it (readContainerLicence). */
export interface ContainerLicence {
  hint: ElementLicenceHint;
  /** Some of its licence markup could not be read (a cap hit, a value that is no URL): the images' licence is unread. */
  unread: boolean;
}

/**
 * Licence markup a container (dom.ts licenceContainer) states of its own work, outside any
 * figure: page-subject statements whose nearest container it is. The same for every image in it,
 * so read once per container and collect (scan/licence.ts keeps them): read per image, a long
 * article of many images and much markup was walked once for each of them.
 */
export function readContainerLicence(container: Element, base: string, page: string): ContainerLicence {
  const hint: ElementLicenceHint = { via: 'figure', licences: [], creator: null, title: null, creditText: null };
  const markup = markupIn(container);
  let unread = markup.truncated;
  for (const el of markup.elements) {
    for (const s of statementsOf(el, base, page)) {
      if (!isPageSubject(s.subject) || enclosingFigure(s.el) !== null || licenceContainer(s.el) !== container) continue;
      if (!addStatement(hint, s, el, base)) unread = true;
    }
  }
  return { hint, unread };
}

/**
 * Add one statement's licence, creator, title, credit or attribution URL to a hint; false when
 * a licence could not be kept (its value no URL Heed can read, past the cap): unread.
 */
function addStatement(h: ElementLicenceHint, s: Statement, el: Element, base: string): boolean {
  if (s.predicate === 'licence') {
    if (isRslLink(el)) return true;
    const url = urlValue(s, base);
    if (url === null) return !statesValue(s);
    if (h.licences.includes(url)) return true;
    if (h.licences.length >= LIMITS.licences) return false;
    h.licences.push(url);
  } else if (s.predicate === 'creator') h.creator ??= textValue(s);
  else if (s.predicate === 'title') h.title ??= textValue(s);
  else if (s.predicate === 'creditText') h.creditText ??= textValue(s);
  else if (s.predicate === 'attributionUrl') h.attributionUrl ??= urlValue(s, base);
  return true;
}
