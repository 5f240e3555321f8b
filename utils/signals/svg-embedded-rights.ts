import { svgEmbeddedImages } from '../media/svg-embedded';
import type { Evidence, Licence } from '../model/evidence';
import type { PurposeProfile } from '../model/purposes';
import { evaluateC2pa } from './c2pa';
import { evaluateEmbeddedRights, readEmbeddedRights, statedLicences } from './xmp';

/** What the images inside an SVG say, as the SVG's own: evidence (notes naming the embedded image) and the licences their metadata states. */
export interface SvgEmbeddedRights {
  evidence: Evidence[];
  licences: Licence[];
  /** Licences their free-text rights fields name by URL (xmp.ts `named`); absent when none. */
  named?: Licence[];
}

const MAX_NOTE = 1000;

/**
 * The rights signals of the images an SVG carries inside it (media/svg-embedded.ts): each one's
 * XMP/IPTC and C2PA read and evaluated as an image's own. Decision (DESIGN.md §2 rules 3–5): an
 * SVG that wraps a photo is that photo, so the photo's `plus:DataMining` prohibition or C2PA
 * `notAllowed` refuses the SVG, and a licence its metadata states is a licence of the SVG's own
 * (beside another it conflicts). Embedded images Heed could not read (too many, bad base64)
 * fail closed (`signal-unreadable`). Never throws.
 */
export async function evaluateSvgEmbeddedRights(svg: Uint8Array, profile: PurposeProfile): Promise<SvgEmbeddedRights> {
  const { images, unread } = svgEmbeddedImages(svg);
  const evidence: Evidence[] = [];
  const licences: Licence[] = [];
  const named: Licence[] = [];
  for (const [i, bytes] of images.entries()) {
    const which = `An image embedded in the SVG (${i + 1} of ${images.length})`;
    const own = evaluateEmbeddedRights(await readEmbeddedRights(bytes), profile);
    for (const e of [...own.evidence, ...evaluateC2pa(bytes, profile)]) {
      evidence.push({ ...e, note: `${which}: ${e.note ?? e.value}`.slice(0, MAX_NOTE) });
    }
    licences.push(...statedLicences(own));
    named.push(...(own.named ?? []));
  }
  if (unread) {
    evidence.push({
      kind: 'xmp', scope: 'image', source: 'xmp', value: `svg: ${unread}`, effect: 'deny', reason: 'signal-unreadable',
      note: 'The SVG carries images inside it that Heed could not read, so an opt-out in their metadata cannot be ruled out (fails closed).',
    });
  }
  return { evidence, licences, ...(named.length > 0 ? { named } : {}) };
}
