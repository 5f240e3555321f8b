import type { Evidence, RefusalReason } from '../model/evidence';
import { purposeProfile } from '../model/purposes';
import { sameRegistrableDomain } from '../model/registrable-domain';
import type { Settings } from '../model/settings';
import type { OriginFiles } from '../signals/origin-files';
import { evaluateAiTxt } from '../signals/ai-txt';
import { evaluateRobots } from '../signals/robots-txt';
import type { PageAssessment } from './assess';
import type { Decision } from './decide';
import { evaluateSiteRegistry } from './site-registry';

/**
 * What already refuses an image before it is requested (DESIGN.md §2 rule 2: "Rules 1–2 (and
 * every page-level deny) are checked before an image is requested: Heed never fetches what it
 * already knows it must refuse"): every page-level deny, the registry and the user's block list
 * for the image's registrable domain, robots.txt of the image's origin for the image URL, and
 * that origin's ai.txt for the image path (known before the request too). `null`: nothing
 * known refuses it, so it may be requested and decided in full (assess.ts `assessImage`, which
 * checks all of this again, and the final origin's files after a redirect).
 *
 * The refusal carries every reason known at this point, not only the first; what only the
 * response could tell (headers, embedded metadata) is not looked for: the image is not fetched.
 * `imageOrigin`: the signal files of the image URL's origin (null for a URL without one).
 */
export function refusalBeforeRequest(page: PageAssessment, imageUrl: string, imageOrigin: OriginFiles | null, settings: Settings): Decision | null {
  const profile = purposeProfile(settings.purpose);
  const evidence: Evidence[] = [...page.imageEvidence];
  if (!sameRegistrableDomain(page.pageUrl, imageUrl)) evidence.push(...evaluateSiteRegistry(imageUrl, 'image', settings.purpose, settings));
  if (imageOrigin) {
    evidence.push(...evaluateRobots(imageOrigin.robots, imageUrl, 'image', profile));
    evidence.push(...evaluateAiTxt(imageOrigin.aiTxt, imageUrl, profile));
  }
  const reasons = [...new Set(evidence.flatMap((e): RefusalReason[] => (e.effect === 'deny' && e.reason ? [e.reason] : [])))];
  if (reasons.length === 0) return null;
  evidence.push({
    kind: 'fetch',
    scope: 'image',
    source: imageUrl,
    value: 'not requested',
    effect: 'info',
    note: 'Not requested: what Heed knew before the request already refuses this image (the site’s own rules are checked first)',
  });
  return { decision: 'refused', reasons, licence: null, evidence };
}
