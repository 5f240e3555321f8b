import { tokens } from './dom';

/**
 * The schema.org types a licence statement's subject may have, and what each says of it: an image,
 * a media object (its licence covers that file), or a thing that shows no work. Apart from the
 * vocabulary tables (vocab.ts) so that the always-on page script (page/raw-page-signals.ts) carries
 * only these few lines (issue 17).
 */

const IMAGE_TYPES = new Set(['imageobject', 'imageobjectsnapshot', 'photograph', 'barcode']);
const MEDIA_TYPES = new Set([
  ...IMAGE_TYPES,
  'mediaobject', 'videoobject', 'videoobjectsnapshot', 'audioobject', 'audioobjectsnapshot',
  '3dmodel', 'musicrecording', 'datadownload',
]);

/** Local type names (`imageobject`) from an `itemtype`/`typeof` value or JSON-LD `@type`. */
export function typeNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value.slice(0, 16) : [value];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v !== 'string') continue;
    for (const t of tokens(v)) out.push(t.replace(/^.*[/#:]/, ''));
  }
  return out;
}

/** Whether any of the types is a schema.org image type (ImageObject and subtypes, Photograph). */
export function isImageType(types: readonly string[]): boolean {
  return types.some((t) => IMAGE_TYPES.has(t));
}

/** Whether any of the types is a media object: its licence covers that file, not the page. */
export function isMediaType(types: readonly string[]): boolean {
  return types.some((t) => MEDIA_TYPES.has(t));
}

/**
 * Things whose `license` is never a licence of what a page shows: software, agents, goods,
 * events, places (a software project's CC BY or MIT, an organisation's). Their licence statements
 * are not the page's (json-ld.ts workOfPage, statements.ts isPageSubject).
 */
const NO_WORK_SHOWN = new Set([
  'softwareapplication', 'webapplication', 'mobileapplication', 'videogame', 'softwaresourcecode',
  'organization', 'corporation', 'ngo', 'newsmediaorganization', 'educationalorganization', 'governmentorganization',
  'localbusiness', 'onlinebusiness', 'person', 'product', 'productmodel', 'productgroup', 'offer', 'aggregateoffer',
  'brand', 'service', 'event', 'place',
]);

/** Whether any of the types names a thing whose licence is no licence of what the page shows. */
export function isNoWorkShown(types: readonly string[]): boolean {
  return types.some((t) => NO_WORK_SHOWN.has(t));
}
