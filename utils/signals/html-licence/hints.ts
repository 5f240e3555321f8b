import type { ElementLicenceHint } from './schema';

/** The most element licence hints one image's candidate carries (ImageCandidateSchema.elementLicences). */
export const MAX_ELEMENT_HINTS = 50;

/** A hint that stands for markup not read: around the image, no HTML licence is relied on (assess.ts). */
export const UNREAD_HINT: ElementLicenceHint = { via: 'figure', licences: [], creator: null, title: null, creditText: null, unread: true };

/** At most MAX_ELEMENT_HINTS hints; past it the last one kept says some went unread (assess.ts fails it closed). */
export function cappedHints(hints: ElementLicenceHint[]): ElementLicenceHint[] {
  if (hints.length <= MAX_ELEMENT_HINTS) return hints;
  const out = hints.slice(0, MAX_ELEMENT_HINTS);
  out[MAX_ELEMENT_HINTS - 1] = { ...out[MAX_ELEMENT_HINTS - 1]!, unread: true };
  return out;
}
