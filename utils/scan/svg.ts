import type { Size } from './collector';
import { each, emit, queryAll, urlIn, type ScanScope, type Steps } from './scope';
import { MAX_URL, resolveUrl } from './text';

const MAX_MARKUP = MAX_URL; // a longer serialisation could not travel as a candidate URL anyway
const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The reference an SVG element's `href` makes (SVG 2), else its `xlink:href` (SVG 1.1). */
function svgHref(el: Element): string | null {
  return el.getAttribute('href') ?? el.getAttributeNS(XLINK_NS, 'href');
}

/** Intrinsic size of an inline `<svg>`: its width/height attributes, else its viewBox. */
function svgNaturalSize(svg: Element): Size {
  const px = (v: string | null) => {
    const m = /^\s*(\d*\.?\d+)\s*(px)?\s*$/i.exec(v ?? '');
    return m ? Number(m[1]) : 0;
  };
  let w = px(svg.getAttribute('width'));
  let h = px(svg.getAttribute('height'));
  const box = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  if ((!w || !h) && box.length === 4 && box.every(Number.isFinite)) {
    w ||= box[2]!;
    h ||= box[3]!;
  }
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

/**
 * Percent-encode only what a data: URL cannot carry raw (`%`, `#`, controls, non-ASCII): SVG
 * markup stays readable and about 10% longer, where base64 or encodeURIComponent add 33–60%.
 */
export function svgDataUrl(markup: string): string {
  // eslint-disable-next-line no-control-regex -- control characters must be escaped in a URL
  const body = markup.replace(/[%#\u0000-\u001f\u007f]|[^\u0000-\u007f]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate: U+FFFD, as a browser would decode it
    }
  });
  return `data:image/svg+xml;charset=utf-8,${body}`;
}

/**
 * Serialise an inline `<svg>` as a standalone SVG file: scripts and event-handler attributes
 * removed (the file will be opened outside the page), the SVG namespace declared, and the
 * pictures it draws (`<image href>`) referenced by absolute URL, since the page's base is gone.
 */
export function serializeSvg(svg: Element, doc: Document, base: string): string | null {
  const clone = svg.cloneNode(true) as Element;
  const all = [clone, ...Array.from(clone.querySelectorAll('*'))];
  for (const el of all) {
    if (el.tagName.toLowerCase() === 'script') {
      el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) el.removeAttribute(attr.name);
    }
    if (el.localName === 'image') {
      const ref = svgHref(el);
      const url = ref ? resolveUrl(ref, base) : null;
      if (url && url !== ref) {
        if (el.hasAttribute('href')) el.setAttribute('href', url);
        else el.setAttributeNS(XLINK_NS, 'xlink:href', url);
      }
    }
  }
  const Serializer = (doc.defaultView as (Window & typeof globalThis) | null)?.XMLSerializer;
  let markup = Serializer ? new Serializer().serializeToString(clone) : clone.outerHTML;
  if (!/^<svg[^>]*\sxmlns=/i.test(markup)) markup = markup.replace(/^<svg/i, '<svg xmlns="http://www.w3.org/2000/svg"');
  return markup.length <= MAX_MARKUP ? markup : null;
}

/** Inline `<svg>` (outermost only) as a `data:image/svg+xml` candidate. */
export function* findInlineSvgs(scope: ScanScope): Steps {
  const { env } = scope;
  yield* each(scope, queryAll(scope.root, 'svg'), (svg) => {
    if (svg.parentElement?.closest('svg')) return; // part of an outer SVG
    const natural = svgNaturalSize(svg);
    // Cheap size test first: icons are the common case and need no serialising.
    const small = (s: Size | null) => !!s && (s.w < env.options.minWidth || s.h < env.options.minHeight);
    if (natural.w && natural.h && small(natural) && small(env.collector.measure(svg))) {
      env.stats.skipped++;
      return;
    }
    const markup = serializeSvg(svg, env.doc, env.base);
    if (!markup) {
      env.stats.skipped++;
      return;
    }
    const url = svgDataUrl(markup);
    emit(scope, { url, discovery: ['svg'], el: svg, natural, inline: true });
  });
}

/**
 * `<image href>` in an inline SVG: a picture the SVG draws (a photo clipped to a shape, an
 * avatar). Reported as an image of its own, with the `<image>` element for context; the
 * drawing stays a candidate too (findInlineSvgs). Its intrinsic size is not exposed, so only
 * the rendered box is known.
 */
export function* findSvgImages(scope: ScanScope): Steps {
  const { env } = scope;
  yield* each(scope, queryAll(scope.root, 'svg image'), (image) => {
    if (image.namespaceURI !== SVG_NS) return;
    const url = urlIn(env, svgHref(image));
    if (url) emit(scope, { url, discovery: ['svg'], el: image });
  });
}
