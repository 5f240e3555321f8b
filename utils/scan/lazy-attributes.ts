/**
 * The attributes lazy-loading libraries and CMSs use to hold the real image until it scrolls
 * into view (lazysizes, lozad, vanilla-lazyload, WordPress/Jetpack, Echo, jQuery Lazy…).
 * This is the one list the scanner uses; add new ones here.
 *
 * kind: `url` a plain URL; `srcset` srcset syntax; `original` a full-size original (preferred
 * over every rendition, like a link to the image file); `background` a lazy CSS background.
 * any: also looked for on elements other than `<img>` (lazy backgrounds on divs, lightbox
 * originals on links). Each such name costs one query over the whole tree, so only names
 * libraries really put there are marked; on `<img>` every name is read.
 */
export const LAZY_ATTRIBUTES: readonly { name: string; kind: 'url' | 'srcset' | 'original' | 'background'; any?: true }[] = [
  { name: 'data-src', kind: 'url', any: true },
  { name: 'data-lazy-src', kind: 'url' },
  { name: 'data-lazy', kind: 'url' },
  { name: 'data-original', kind: 'url', any: true },
  { name: 'data-original-src', kind: 'url' },
  { name: 'data-actualsrc', kind: 'url' },
  { name: 'data-echo', kind: 'url' },
  { name: 'data-img', kind: 'url' },
  { name: 'data-image', kind: 'url' },
  { name: 'data-url', kind: 'url' },
  { name: 'data-poster', kind: 'url' },
  { name: 'data-srcset', kind: 'srcset', any: true },
  { name: 'data-lazy-srcset', kind: 'srcset' },
  { name: 'data-full', kind: 'original', any: true },
  { name: 'data-full-src', kind: 'original' },
  { name: 'data-fullsrc', kind: 'original' },
  { name: 'data-orig-file', kind: 'original' },
  { name: 'data-large-file', kind: 'original' },
  { name: 'data-large', kind: 'original' },
  { name: 'data-hi-res', kind: 'original' },
  { name: 'data-hires', kind: 'original' },
  { name: 'data-highres', kind: 'original' },
  { name: 'data-zoom-image', kind: 'original', any: true },
  { name: 'data-zoom-src', kind: 'original' },
  { name: 'data-bg', kind: 'background', any: true },
  { name: 'data-bg-src', kind: 'background', any: true },
  { name: 'data-background', kind: 'background', any: true },
  { name: 'data-background-image', kind: 'background', any: true },
];

type LazyKind = (typeof LAZY_ATTRIBUTES)[number]['kind'];

let byName: Map<string, LazyKind> | null = null;

/** The kind of a lazy attribute by name, or undefined (built on first use: no top-level work, so
 * bundlers drop this module from scripts that only need cleanText). */
export function lazyKindOf(name: string): LazyKind | undefined {
  byName ??= new Map(LAZY_ATTRIBUTES.map((a) => [a.name, a.kind]));
  return byName.get(name);
}

