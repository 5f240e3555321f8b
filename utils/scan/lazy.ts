import { imageUrlsOfCssValue } from './css-value';
import { LAZY_ATTRIBUTES } from './lazy-attributes';
import { each, queryAll, urlIn, type ScanScope, type Steps } from './scope';
import { emitShown } from './shown';
import { parseSrcset, srcsetReadInFull } from './srcset';
import { looksLikeImageFile } from './text';

// <img> and <picture> sources are read by img.ts; these hold non-image media or documents.
const NOT_HERE = /^(?:img|source|iframe|frame|video|audio|track|script|link|object|embed|input)$/;

function readLazy(scope: ScanScope, el: Element, name: string, kind: (typeof LAZY_ATTRIBUTES)[number]['kind']): void {
  const value = el.getAttribute(name);
  if (!value) return;
  const { env } = scope;
  if (kind === 'background') {
    // data-bg holds either a bare URL or a CSS value such as url("…") or image-set(…).
    // The other image-set() options are renditions of it (each is looked up: site-registry.ts).
    const refs = imageUrlsOfCssValue(value);
    for (const ref of refs.length ? refs : [{ url: value, alternates: [] }]) {
      const url = urlIn(env, ref.url);
      if (url) emitShown(scope, el, url, ['lazy', 'css'], ref.alternates.map((a) => urlIn(env, a)).filter((a): a is string => !!a));
    }
  } else if (kind === 'srcset') {
    let best: { url: string; score: number } | null = null;
    const all: string[] = [];
    const parsed = parseSrcset(value);
    for (const c of parsed) {
      const url = urlIn(env, c.url);
      const score = c.w ?? c.x ?? 1;
      if (url) all.push(url);
      if (url && (!best || score > best.score)) best = { url, score };
    }
    // The other candidates are renditions of it, as an <img>'s srcset's are (img.ts).
    if (best) emitShown(scope, el, best.url, ['lazy'], all.filter((u) => u !== best.url), !srcsetReadInFull(value, parsed));
  } else {
    const url = urlIn(env, value);
    if (url && looksLikeImageFile(url)) emitShown(scope, el, url, ['lazy']);
  }
}

/**
 * Lazy attributes on elements other than `<img>`: lazy CSS backgrounds (`data-bg`), zoom and
 * lightbox originals (`data-full`, `data-zoom-image`) on divs and links. Outside `<img>` a
 * `data-src` may name anything, so plain URL attributes count only when they name an image
 * file. One native query per attribute name: far cheaper in Chromium than one selector list.
 */
export function* findLazyElements(scope: ScanScope): Steps {
  for (const { name, kind, any } of LAZY_ATTRIBUTES) {
    if (!any) continue;
    yield* each(scope, queryAll(scope.root, `[${name}]`), (el) => {
      if (!NOT_HERE.test(el.localName)) readLazy(scope, el, name, kind);
    });
  }
}
