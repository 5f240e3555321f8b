import { decide, type Decision } from './decide';
import type { Evidence, Licence, RefusalReason } from './evidence';
import { attributionLine, parseLicenceUrl } from './licence-url';
import type { PageSignals } from './page-signals';
import { sameRegistrableDomain } from './registrable-domain';
import type { Settings } from './settings';
import { siteStatus, type SiteStatus } from './site-status';
import type { ImageCandidate } from './verdict';

/** What Heed concluded about the page, once per collect (stored with the job). */
export interface PageAssessment {
  pageUrl: string;
  status: SiteStatus;
  reasons: RefusalReason[];
  /** Page- and site-scope evidence; applies to every image on the page. */
  evidence: Evidence[];
  /** Page-level licences (rel=license, page JSON-LD); cover same-registrable-domain images only. */
  licences: Licence[];
}

/** What was read about one image (bytes, headers and its origin's signal files). */
export interface ImageSignals {
  finalUrl: string;
  /** Image-scope evidence already evaluated for the purpose (headers, origin files, embedded). */
  evidence: Evidence[];
  /** Licence from embedded XMP/IPTC, if any. */
  embeddedLicence: Licence | null;
}

function toLicence(url: string, source: Licence['source'], credit: { title: string | null; creator: string | null } = { title: null, creator: null }): Licence {
  const parsed = parseLicenceUrl(url);
  const id = parsed?.id ?? null;
  return {
    id,
    url,
    source,
    attribution: id && parsed ? attributionLine({ title: credit.title, creator: credit.creator, licenceId: id, licenceUrl: url }) : null,
  };
}

/** Assess the page: site-scope and page-scope evidence, page licences, and the site status. */
export function assessPage(input: { page: PageSignals; siteEvidence: Evidence[]; partial?: Evidence[] }, settings: Settings): PageAssessment {
  const licences = input.page.licenceLinks.map((url) => toLicence(url, 'page', { title: input.page.title || null, creator: null }));
  const { status, reasons, evidence } = siteStatus(input.siteEvidence, licences, settings, input.partial ?? []);
  return { pageUrl: input.page.url, status, reasons, evidence, licences };
}

/** Decide one image from the page assessment, its own signals and its element context. */
export function assessImage(page: PageAssessment, image: ImageSignals, candidate: ImageCandidate, settings: Settings): Decision {
  const licences: Licence[] = [];
  if (image.embeddedLicence) licences.push(image.embeddedLicence);
  for (const hint of candidate.elementLicences) licences.push(toLicence(hint.url, 'element', hint));
  // A page-level licence covers only images on the page's own registrable domain (DESIGN.md §2.4).
  if (sameRegistrableDomain(page.pageUrl, image.finalUrl) && sameRegistrableDomain(page.pageUrl, candidate.url)) {
    licences.push(...page.licences);
  }
  return decide({ evidence: [...page.evidence, ...image.evidence], licences }, settings);
}
