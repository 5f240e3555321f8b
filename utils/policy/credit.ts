/**
 * The credit a stored image's licence carries (issue 18: title, creator, source, and the TASL
 * line CC BY and BY-SA require). Each field comes from the most specific source that states it:
 * the image's own XMP/IPTC, then the markup about this image, then the page's own statements
 * (same registrable domain only: utils/signals/html-licence/credits.ts), and for the title, as
 * a last resort, the caption, then the alt text, without any licence statement they carry. The
 * source is the licensor's attributionURL where one is stated, else the page. A creator nothing
 * states stays null and the line says so.
 */
import type { Licence } from '../model/evidence';
import { creditText, creditUrl, mergeCredits, NO_CREDIT, taslLine, titleFromText, type Credit } from '../model/credit';
import { htmlCredits, type HtmlCreditsInput } from '../signals/html-licence/credits';
import { MAX_PAGE_URL } from '../model/page-url';

export interface ImageCreditInput extends HtmlCreditsInput {
  /** From the image's own metadata (utils/signals/xmp-credit.ts); absent when not read. */
  embedded?: Credit | null;
  caption: string;
  alt: string;
}

/** The image's credit, each field from the most specific source that states it. */
export function imageCredit(input: ImageCreditInput): Credit {
  const html = htmlCredits(input).map((c) => ({ ...c, sourceUrl: creditUrl(c.sourceUrl) }));
  const lastResort: Credit[] = [
    // The page's own address, up to the page-address cap (page-url.ts), not the cap for URLs markup writes.
    { title: titleFromText(input.caption), creator: null, sourceUrl: creditUrl(input.pageUrl, undefined, MAX_PAGE_URL) },
    { title: titleFromText(input.alt), creator: null, sourceUrl: null },
  ];
  const merged = mergeCredits([input.embedded ?? NO_CREDIT, ...html, ...lastResort]);
  // Markup text is capped at 500 characters; the credit keeps the shorter cap of model/credit.ts.
  return { title: titleFromText(merged.title), creator: creditText(merged.creator), sourceUrl: merged.sourceUrl };
}

/** The licence with its credit and the TASL line built from it. */
export function withCredit(licence: Licence | null, credit: Credit): Licence | null {
  if (licence === null) return null;
  return {
    ...licence,
    title: credit.title,
    creator: credit.creator,
    sourceUrl: credit.sourceUrl,
    attribution: taslLine({ ...credit, licenceId: licence.id, licenceUrl: licence.url }),
  };
}
