import type { Licence, LicenceSource } from '../../model/evidence';
import { attributionLine, parseLicenceUrl } from '../../model/licence-url';
import type { ElementLicenceHint, JsonLdImageObject, PageLicenceSignals } from './schema';
import { matchKey, namesSameImage, resolveUrl } from './dom';
import { plainLanguageRefusal } from '../plain-refusal';

export interface LicenceFindingsInput {
  imageUrl: string;
  pageUrl: string;
  page: PageLicenceSignals;
  element: ElementLicenceHint[];
}

interface Credit {
  title: string | null;
  creator: string | null;
}

/** The page's JSON-LD ImageObjects about this image: the same URL, or the same image file with another query string (see namesSameImage). */
function imageObjectsFor(input: LicenceFindingsInput): JsonLdImageObject[] {
  const base = resolveUrl(input.pageUrl, 'about:blank') ?? 'about:blank';
  const imageKey = matchKey(input.imageUrl, base);
  if (imageKey === null) return [];
  return input.page.imageObjects.filter((io) => namesSameImage(io.contentUrl, imageKey, base));
}

/**
 * Plain-language refusals of AI training or data mining in the `copyrightNotice` of the page's
 * JSON-LD ImageObjects about this image ("No AI training", "AI学習禁止"; plain-refusal.ts), each
 * with the PLUS Data Mining ID it says in words. schema.org's `copyrightNotice` is IPTC's
 * Copyright Notice (`dc:rights`; SIGNALS.md §6.3), where the same words in the file refuse.
 * Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): an
 * ImageObject naming this image refuses whichever site's page states it. A refusal can only
 * take an image out, and a page that repeats a photographer's "No AI training" beside the photo
 * passes the owner's word on; no licence is read from another site's markup this way.
 */
export function imageObjectRefusals(input: LicenceFindingsInput): { text: string; id: 'DMI-PROHIBITED' | 'DMI-PROHIBITED-AIMLTRAINING' }[] {
  return imageObjectsFor(input).flatMap((io) => {
    const id = io.copyrightNotice ? plainLanguageRefusal(io.copyrightNotice) : null;
    return id && io.copyrightNotice ? [{ text: io.copyrightNotice, id }] : [];
  });
}

/**
 * Whether the image's own HTML markup holds licence statements Heed did not read: an element hint
 * marked `unread` (a cap hit, a licence value that is not a URL it can read) or an ImageObject
 * about it whose `license` was stated but not read. Decision (DESIGN.md §2 rules 4 and 5): what
 * went unread may be the image's own licence — CC BY-NC, "all rights reserved" — more specific
 * than the page's, so the policy relies on no HTML licence for the image (assess.ts). Before, such
 * an ImageObject read as stating none and the page's CC BY licensed the image.
 */
export function elementLicenceUnread(input: LicenceFindingsInput): boolean {
  return input.element.some((h) => h.unread === true) || imageObjectsFor(input).some((io) => io.licenseUnread === true);
}

/**
 * What the page's HTML says about one image's licence (DESIGN.md §2 rule 4): element level =
 * the page's JSON-LD ImageObject whose contentUrl is this image, plus the element hints; page
 * level = page licence statements. Whether the page speaks for the image at all (its own site,
 * its own tenant) is the policy's question (utils/policy/assess.ts); the policy also picks the
 * most specific level and refuses conflicts. Never throws.
 */
export function licenceFindings(input: LicenceFindingsInput): Licence[] {
  const out: Licence[] = [];
  const seen = new Set<string>();
  const add = (source: LicenceSource, url: string, credit: Credit): void => {
    const parsed = parseLicenceUrl(url);
    const id = parsed?.id ?? null;
    const key = `${source} ${id ?? parsed?.url ?? url}`;
    if (seen.has(key)) return;
    seen.add(key);
    const isCc = parsed !== null && parsed.family !== 'other';
    const attribution = isCc ? attributionLine({ ...credit, licenceId: id, licenceUrl: url }) : null;
    out.push({ id, url, source, attribution });
  };

  const credits: Credit[] = [];
  for (const io of imageObjectsFor(input)) {
    const credit = { title: io.name, creator: io.creator ?? io.creditText };
    credits.push(credit);
    for (const url of io.license) add('element', url, credit);
    // An ImageObject that names where to acquire a licence and states none says the image is
    // licensed there — as XMP's WebStatement naming a licensing page does (DESIGN.md §2 rule 4):
    // the image's own statement, not a licence Heed recognises, so a broader page licence does
    // not speak for it (the reading that cannot grant what the owner sells).
    if (io.license.length === 0 && io.acquireLicensePage) add('element', io.acquireLicensePage, credit);
  }
  for (const hint of input.element) {
    const credit = { title: hint.title, creator: hint.creator ?? hint.creditText };
    credits.push(credit);
    for (const url of hint.licences) add('element', url, credit);
  }
  // A page licence says nothing about who made the image; borrow credit found for it.
  const credit = {
    title: credits.find((c) => c.title)?.title ?? null,
    creator: credits.find((c) => c.creator)?.creator ?? null,
  };
  for (const l of input.page.licences) add('page', l.url, credit);
  return out;
}
