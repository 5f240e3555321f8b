/**
 * Licence statements in HTML (SIGNALS.md §6): rel=license, ccREL/RDFa, microdata and schema.org
 * JSON-LD, read from a Document handed in (no globals), then turned into `Licence` candidates
 * per DESIGN.md §2 rule 4. The parts live in ./html-licence/.
 */
export { readPageLicenceSignals } from './html-licence/page';
export { readElementLicence } from './html-licence/element';
export { elementLicenceUnread, licenceFindings, type LicenceFindingsInput } from './html-licence/findings';
export {
  ElementLicenceHintSchema,
  JsonLdImageObjectSchema,
  LicenceViaSchema,
  PageLicenceSignalsSchema,
  type ElementLicenceHint,
  type JsonLdImageObject,
  type LicenceVia,
  type PageLicenceSignals,
} from './html-licence/schema';
export { LIMITS as HTML_LICENCE_LIMITS } from './html-licence/limits';
