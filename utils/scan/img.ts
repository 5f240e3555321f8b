import type { Discovery, Size } from './collector';
import { lazyKindOf } from './lazy-attributes';
import { imageLinkOf } from './link';
import { attrUrlIn, each, emit, queryAll, urlIn, type ScanEnv, type ScanScope, type Steps } from './scope';
import { evaluateSizes, parseSrcset, srcsetReadInFull } from './srcset';
import { dataUrlBytes } from './text';

/** One URL an `<img>` could show, with its estimated pixel width and how it was named. */
interface Option {
  url: string;
  /** Estimated width in image pixels (0: unknown). */
  width: number;
  /** Width from a `w` descriptor: a real pixel count, usable as the natural width. */
  exactW: number | null;
  /** Tie-breaker and override: 3 original > 2 lazy URL > 1 srcset > 0 src. */
  rank: number;
  via: Discovery | null;
}

/** A positive finite number, else 0 (a property a hostile or foreign element may not have). */
function positive(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

/** What an `<img>` names: its options, and whether some were not read (a srcset or `<picture>` past what is read). */
interface Options extends Array<Option> {
  cut?: boolean;
}

/** Options from a srcset-syntax value: w descriptors are widths, x descriptors scale the 1x width. */
function srcsetOptions(env: ScanEnv, value: string | null, oneX: () => number, rank: number, via: Discovery, into: Options): Option[] {
  const out: Option[] = [];
  const parsed = parseSrcset(value);
  // Past what is read the browser may still pick a candidate: the image's renditions are then not all known.
  if (!srcsetReadInFull(value, parsed)) into.cut = true;
  for (const c of parsed) {
    const url = urlIn(env, c.url);
    if (url) out.push({ url, width: c.w ?? (c.x ?? 1) * (oneX() || 1), exactW: c.w, rank, via });
  }
  return out;
}

/** Every URL the `<img>` names: src, currentSrc, srcset, `<picture><source>`s, lazy attributes. */
function optionsOf(img: Element, env: ScanEnv, natural: Size, current: string | null, src: string | null): Options {
  // The 1x width (what the image is laid out at; x descriptors multiply it): from the width
  // attribute or the sizes slot if possible, a layout read only as a last resort, and only
  // when some option needs it. Most images name just a src.
  let oneXWidth: number | null = null;
  const oneX = () => {
    if (oneXWidth === null) {
      const attr = Number.parseFloat(img.getAttribute('width') ?? '');
      const slot = env.hasLayout ? evaluateSizes(img.getAttribute('sizes') ?? img.getAttribute('data-sizes'), env.view) : null;
      oneXWidth = (attr > 0 ? attr : 0) || slot || env.collector.measure(img)?.w || 0;
    }
    return oneXWidth;
  };
  const options: Options = [];
  const names = img.getAttributeNames();
  // Width -1: estimate later, and only if other options compete with the src.
  if (src) options.push({ url: src, width: src === current && natural.w ? natural.w : -1, exactW: null, rank: 0, via: null });
  if (names.includes('srcset')) options.push(...srcsetOptions(env, img.getAttribute('srcset'), oneX, 1, 'srcset', options));
  const picture = img.parentElement;
  if (picture && picture.localName === 'picture') {
    if (picture.children.length > 32) options.cut = true;
    for (const source of Array.from(picture.children).slice(0, 32)) {
      if (source.localName !== 'source') continue;
      const type = (source.getAttribute('type') ?? '').trim().toLowerCase();
      if (type && !type.startsWith('image/')) continue;
      options.push(...srcsetOptions(env, source.getAttribute('srcset'), oneX, 1, 'picture', options));
      options.push(...srcsetOptions(env, source.getAttribute('data-srcset'), oneX, 1, 'lazy', options));
    }
  }
  for (const name of names) {
    const kind = lazyKindOf(name);
    if (!kind || kind === 'background') continue;
    const value = img.getAttribute(name);
    if (!value) continue;
    if (kind === 'srcset') options.push(...srcsetOptions(env, value, oneX, 1, 'lazy', options));
    else {
      const url = urlIn(env, value);
      if (url) options.push({ url, width: -1, exactW: null, rank: kind === 'original' ? 3 : 2, via: 'lazy' });
    }
  }
  if (current && !options.some((o) => o.url === current)) options.push({ url: current, width: natural.w, exactW: null, rank: 0, via: null });
  for (const o of options) {
    if (o.width < 0) o.width = options.length > 1 ? oneX() : 0;
    // The loaded image's real width beats any estimate for the same URL.
    if (o.url === current && natural.w) o.width = Math.max(o.width, natural.w);
  }
  return options;
}

function better(a: Option, b: Option, current: string | null): boolean {
  if ((a.rank === 3) !== (b.rank === 3)) return a.rank === 3;
  if (a.width !== b.width) return a.width > b.width;
  if (a.rank !== b.rank) return a.rank > b.rank;
  return a.url === current && b.url !== current;
}

/** Whether a URL is a lazy-loading placeholder (a tiny inline image), not a rendition. */
function isPlaceholder(url: string, env: ScanEnv): boolean {
  return url.startsWith('data:') && dataUrlBytes(url) < env.options.minDataUrlBytes;
}

/** `<img>`: the largest rendition it names (srcset, picture, lazy attributes), or the file it links to. */
export function* findImages(scope: ScanScope): Steps {
  const { env } = scope;
  yield* each(scope, queryAll(scope.root, 'img'), (img) => {
    const currentProp = (img as Partial<HTMLImageElement>).currentSrc;
    const current = urlIn(env, typeof currentProp === 'string' ? currentProp : null, true);
    // Named reads, not a keyed one: a first scan runs this cold, where a keyed read is slow.
    const natural = { w: positive((img as Partial<HTMLImageElement>).naturalWidth), h: positive((img as Partial<HTMLImageElement>).naturalHeight) };
    // The src is read once: the options and the rendition shown both need it.
    const src = attrUrlIn(env, img, 'src');
    const named = optionsOf(img, env, natural, current, src);
    const options = named.filter((o) => !isPlaceholder(o.url, env));
    const cut = named.cut === true ? { renditionsCut: true } : {};
    let best: Option | null = null;
    for (const o of options) if (!best || better(o, best, current)) best = o;
    const alternates = options.map((o) => o.url);
    const shown = current ?? src;
    const thumb = shown && !isPlaceholder(shown, env) ? shown : null;
    const link = imageLinkOf(img, env);
    if (!best) {
      if (link) emit(scope, { url: link, discovery: ['link', 'img'], el: img });
      return;
    }
    const discovery: Discovery[] = ['img'];
    if (best.via) discovery.push(best.via);
    const notLoaded = img.getAttribute('loading') === 'lazy' && (img as Partial<HTMLImageElement>).complete === false;
    if (notLoaded && !discovery.includes('lazy')) discovery.push('lazy');
    if (link && link !== best.url) {
      // The image shown is kept at its largest rendition: judged instead if the link is no image.
      emit(scope, { url: link, thumbnailUrl: best.url, discovery: ['link', ...discovery], el: img, alternates, ...cut });
      return;
    }
    // Intrinsic size of the chosen URL: measured when it is the one loaded, else from its w descriptor.
    let size = { w: 0, h: 0 };
    if (best.url === current) size = natural;
    else if (best.exactW && natural.w && natural.h) size = { w: best.exactW, h: Math.round((best.exactW * natural.h) / natural.w) };
    emit(scope, { url: best.url, thumbnailUrl: thumb !== best.url ? thumb : null, discovery, el: img, natural: size, alternates, ...cut });
  });
}
