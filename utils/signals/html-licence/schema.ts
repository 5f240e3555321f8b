import { z } from 'zod';
import { lazily } from '../../model/lazily';
import { MAX_PAGE_URL } from '../../model/page-url';
import { JSON_LD_SCRIPTS_SENT, LIMITS } from './limits';

const Url = lazily(() => z.string().max(LIMITS.url));
const Text = lazily(() => z.string().max(LIMITS.text));

/** Which markup a licence statement came from (SIGNALS.md §6.1–6.3). */
export const LicenceViaSchema = lazily(() => z.enum(['rel', 'rdfa', 'microdata', 'json-ld']));
export type LicenceVia = z.infer<typeof LicenceViaSchema>;

/**
 * One schema.org ImageObject from the page's JSON-LD (SIGNALS.md §6.3), or an image's own licence
 * statement made in RDFa/microdata away from the image (page.ts): what the page says about one
 * image file, wherever it is shown.
 */
export const JsonLdImageObjectSchema = lazily(() => z.object({
  /**
   * Absolute URL; an ImageObject naming several (contentUrl, url, @id, image, thumbnailUrl:
   * json-ld.ts imageUrlsOf) yields one entry each.
   */
  contentUrl: Url,
  license: z.array(Url).max(LIMITS.licences),
  /**
   * A licence (or, with none, a licensing page) stated but not read: not a URL Heed can resolve,
   * over LIMITS.url, nested too deep, past the cap (json-ld.ts urlsOf). The image's own licence may
   * be there: no HTML licence is relied on for the image (assess.ts). Omitted when there is none.
   */
  licenseUnread: z.literal(true).optional(),
  acquireLicensePage: Url.nullable(),
  creditText: Text.nullable(),
  creator: Text.nullable(),
  copyrightNotice: Text.nullable(),
  name: Text.nullable(),
}));
export type JsonLdImageObject = z.infer<typeof JsonLdImageObjectSchema>;

/** Who the page says made its work, what it is called, and the URL to credit (issue 18). */
export const PageCreditSchema = lazily(() => z.object({ title: Text.nullable(), creator: Text.nullable(), attributionUrl: Url.nullable() }));
export type PageCredit = z.infer<typeof PageCreditSchema>;

/** Licence markup read from one HTML document; JSON-serialisable, travels in extension messages. */
export const PageLicenceSignalsSchema = lazily(() => z.object({
  pageUrl: z.string().max(MAX_PAGE_URL), // the browser's address of the page (page-url.ts), not markup
  /** Page-level licence statements (not inside a `<figure>`, subject = the page), absolute URLs. */
  licences: z.array(z.object({ via: LicenceViaSchema, url: Url })).max(LIMITS.licences),
  /**
   * Page licence statements that cover only the page's text (DESIGN.md §2 rule 4): CC REL typed
   * dcmitype:Text, or any page licence of a MediaWiki page. Evidence only; they license no image.
   * Omitted when there are none.
   */
  textLicences: z
    .array(z.object({ via: LicenceViaSchema, url: Url, covers: z.enum(['mediawiki-text', 'dcmitype-text']) }))
    .max(LIMITS.licences)
    .optional(),
  /** The page is a MediaWiki page (by its own markers): its page licence is the wiki text's. Omitted when not. */
  mediaWiki: z.literal(true).optional(),
  /** `rel="license"` links typed `application/rsl+xml`: RSL licences, not CC (SIGNALS.md §5.2). */
  rslLinks: z.array(Url).max(LIMITS.licences),
  /**
   * A page-level licence statement (rel, RDFa, microdata, JSON-LD) whose value could not be read:
   * not a URL Heed can resolve, over LIMITS.url, nested too deep, past a cap. It may state the
   * images' licence (CC BY-NC, all rights reserved), so the page licence licenses no image
   * (assess.ts markupReadInFull). Omitted when there is none.
   */
  licenceUnread: z.literal(true).optional(),
  /**
   * Licences of other works the page describes in JSON-LD (json-ld.ts workOfPage: another
   * document's, a data set's; null: one not read), when the page has a licence that would license
   * images. One that is not a page licence makes the page licence license no image (assess.ts
   * otherWorkDiffers): that work may be its images. Compared in the worker, where licence URLs are
   * parsed, so that the scripts injected into pages carry no licence-URL parser (issue 17).
   * Omitted when there is none.
   */
  otherWorkLicences: z.array(Url.nullable()).max(LIMITS.licences).optional(),
  /** An RSL licence link the page declares could not be kept (its URL too long or unreadable, past the cap): fails closed. */
  rslUnread: z.literal(true).optional(),
  imageObjects: z.array(JsonLdImageObjectSchema).max(LIMITS.imageObjects),
  /** JSON-LD blocks present but not read: a fail-closed `signal-unreadable` (DESIGN.md §2 rule 5). */
  unreadable: z
    .array(
      z.object({
        via: z.literal('json-ld'),
        /** Position among the document's JSON-LD scripts, from 0. */
        index: z.number().int().min(0),
        reason: z.enum(['malformed', 'too-large', 'too-deep']),
      }),
    )
    .max(LIMITS.unreadable),
  /** A cap was hit: some markup was not examined. */
  truncated: z.boolean(),
  /** The page's own credit for its work (credits.ts; issue 18); absent from the badge's raw reading. */
  credit: PageCreditSchema.optional(),
}));
export type PageLicenceSignals = z.infer<typeof PageLicenceSignalsSchema>;

/** The page's credit as a page script reads it (credits.ts readPageCreditMarkup): its markup's statements and `<meta name="author">`. */
export const PageCreditMarkupSchema = lazily(() => PageCreditSchema.extend({ metaAuthor: Text.nullable() }));
export type PageCreditMarkup = z.infer<typeof PageCreditMarkupSchema>;

const StatedLicenceSchema = lazily(() => z.object({ via: LicenceViaSchema, url: Url, covers: z.enum(['mediawiki-text', 'dcmitype-text']).nullable() }));

/**
 * A document's licence markup as the page scripts read it (page.ts readPageLicenceMarkup): every
 * statement the DOM holds, read and scoped there, with the JSON-LD scripts' texts unparsed. The
 * worker parses those and combines the two (page.ts pageLicenceFrom), so that the scripts
 * injected on Collect carry no JSON-LD reader (issue 17). Travels in the scan's answer; checked
 * on arrival.
 */
export const PageLicenceMarkupSchema = lazily(() => z.object({
  pageUrl: z.string().max(MAX_PAGE_URL),
  /** The document's base URL ('' when the page's address is not one Heed reads). */
  base: z.string().max(MAX_PAGE_URL + LIMITS.url),
  /** Page-level statements outside every article, quotation and comment, with what they cover (null: images too). */
  stated: z.array(StatedLicenceSchema).max(LIMITS.licences + 1),
  /** Those made in the page's one article (dom.ts mainArticle). */
  inMainArticle: z.array(StatedLicenceSchema).max(LIMITS.licences),
  /** What each page-level statement that could not be read covers (null: images too), one per subject. */
  unreadCovers: z.array(z.enum(['mediawiki-text', 'dcmitype-text']).nullable()).max(LIMITS.licences),
  mediaWiki: z.boolean(),
  rslLinks: z.array(Url).max(LIMITS.licences),
  rslUnread: z.boolean(),
  /** An image's own licence statements made in RDFa/microdata away from it (page.ts aboutImages). */
  aboutImages: z.array(JsonLdImageObjectSchema).max(LIMITS.imageObjects),
  /** The texts of the `<script type="application/ld+json">`, in order; null: one too large to send. */
  jsonLd: z.array(z.string().max(LIMITS.jsonLdScript).nullable()).max(JSON_LD_SCRIPTS_SENT),
  /** A cap was hit reading the DOM (more statements, scripts or images than kept). */
  truncated: z.boolean(),
  credit: PageCreditMarkupSchema,
}));
export type PageLicenceMarkup = z.infer<typeof PageLicenceMarkupSchema>;

/** Licence markup scoped to one `<img>`: its `<figure>`, an RDFa subject or a microdata ImageObject. */
export const ElementLicenceHintSchema = lazily(() => z.object({
  via: z.enum(['figure', 'rdfa', 'microdata']),
  licences: z.array(Url).max(LIMITS.licences),
  creator: Text.nullable(),
  title: Text.nullable(),
  creditText: Text.nullable(),
  /** ccREL `cc:attributionURL` in the same scope (issue 18): the work's source to credit. */
  attributionUrl: Url.nullable().optional(),
  /**
   * Creative Commons URLs the image's credit line links to without licence markup (credit-line.ts):
   * read by the policy as the owner's word about the image that can only refuse (assess.ts).
   * Omitted when there are none.
   */
  credited: z.array(Url).max(LIMITS.licences).optional(),
  /** Some of the markup around the image was not read (a cap was hit): it may state the image's own licence. */
  unread: z.literal(true).optional(),
}));
export type ElementLicenceHint = z.infer<typeof ElementLicenceHintSchema>;
