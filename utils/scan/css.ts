import type { Discovery } from './collector';
import { imageUrlsOfCssValue, mayHoldImage, type CssImage } from './css-value';
import type { Target } from './css-index';
import { each, queryAll, urlIn, withinBudget, type ScanEnv, type ScanScope, type Steps } from './scope';
import { emitShown } from './shown';

type Pseudo = '' | '::before' | '::after';

/**
 * Read one box's computed background-image — and `content` (url() or image-set()) for a
 * pseudo-element or when `withContent` — report its images and return their URLs.
 */
export function readBox(scope: ScanScope, el: Element, pseudo: Pseudo, withContent = pseudo !== ''): string[] {
  const { env } = scope;
  const view = env.view;
  if (!view) return [];
  env.stats.computedStyleCalls++;
  const cs = view.getComputedStyle(el, pseudo || null);
  const bg = cs.backgroundImage;
  let refs = bg && bg !== 'none' ? imagesOf(env, bg) : NONE;
  if (withContent) {
    const content = cs.content;
    if (content && content !== 'none' && content !== 'normal') refs = [...refs, ...imagesOf(env, content)];
  }
  if (!refs.length) return NONE_FOUND;
  const found: string[] = [];
  const discovery: Discovery[] = pseudo ? ['css', 'pseudo'] : ['css'];
  for (const { url, alternates } of refs) {
    emitShown(scope, el, url, discovery, alternates);
    found.push(url, ...alternates);
  }
  return found;
}

const NONE: readonly CssImage[] = [];
const NONE_FOUND: string[] = [];
const MAX_VALUES = 10_000;
/** Boxes whose style is computed between two pauses (each one getComputedStyle, a few µs). */
const TARGET_BATCH = 256;

/**
 * The images of a computed value, URLs resolved, parsed once per distinct value: a page's
 * backgrounds repeat the same few values over thousands of elements.
 */
function imagesOf(env: ScanEnv, value: string): readonly CssImage[] {
  let images = env.cssImages.get(value);
  if (!images) {
    images = [];
    for (const ref of imageUrlsOfCssValue(value)) {
      const url = urlIn(env, ref.url, true);
      if (url) images.push({ url, alternates: ref.alternates.map((a) => urlIn(env, a, true)).filter((a): a is string => !!a) });
    }
    if (env.cssImages.size < MAX_VALUES) env.cssImages.set(value, images);
  }
  return images;
}

/** Without layout (linkedom, tests): read url()s straight from inline style attributes. */
function* inlineStylesWithoutLayout(scope: ScanScope): Steps {
  yield* each(scope, queryAll(scope.root, '[style]'), (el) => {
    const style = el.getAttribute('style') ?? '';
    for (const m of style.matchAll(/(?:^|;)\s*(?:background(?:-image)?|content)\s*:([^;]*)/gi)) {
      for (const ref of imageUrlsOfCssValue(m[1])) {
        const url = urlIn(scope.env, ref.url);
        if (url) emitShown(scope, el, url, ['css'], ref.alternates.map((a) => urlIn(scope.env, a)).filter((a): a is string => !!a));
      }
    }
  });
}

/**
 * CSS backgrounds (all layers, image-set()'s best, ::before/::after, content: url()) without
 * calling getComputedStyle on every element: the tree's stylesheet rules were read once for
 * selectors that may set an image (css-index.ts), so only their matches and inline-styled
 * elements are computed. A tree with unreadable (cross-origin) sheets is queued for the sweep.
 */
export function* findCssBackgrounds(scope: ScanScope): Steps {
  const { env, root, css } = scope;
  if (!env.hasLayout || !css) {
    yield* inlineStylesWithoutLayout(scope);
    return;
  }
  yield* each(scope, queryAll(root, '[style]'), (el) => {
    if (!mayHoldImage(el.getAttribute('style'))) return;
    const t = css.targets.get(el);
    if (t) t.base = true;
    else css.targets.set(el, { base: true, before: false, after: false, content: /content\s*:/i.test(el.getAttribute('style') ?? '') });
  });
  const els = Array.from(css.targets.keys());
  for (let i = 0; i < els.length; i += TARGET_BATCH) {
    if (i > 0) yield;
    if (!readTargets(scope, css.targets, els, i, Math.min(els.length, i + TARGET_BATCH))) return;
  }
  if (css.sweep || css.blind) env.cssSweep.push({ scope, blind: css.blind });
}

/**
 * Read the boxes of targets [from, to): a plain function, not the generator's loop, so V8 can
 * optimise it while it runs (a first scan's code starts cold). False once the budget is spent.
 */
function readTargets(scope: ScanScope, targets: Map<Element, Target>, els: Element[], from: number, to: number): boolean {
  const { env } = scope;
  for (let i = from; i < to; i++) {
    if ((i & 63) === 0 && !withinBudget(env)) return false;
    const el = els[i]!;
    const t = targets.get(el)!;
    try {
      if (t.base) readBox(scope, el, '', t.content);
      if (t.before) readBox(scope, el, '::before');
      if (t.after) readBox(scope, el, '::after');
    } catch {
      env.stats.errors++;
    }
  }
  return true;
}
