import type { Evidence, Licence, RefusalReason } from '../model/evidence';
import type { DecisionPolicy } from './decide';
import { isAcceptedLicence } from '../model/licence-url';

export type SiteStatus = 'permitted' | 'restricted' | 'blocked' | 'unknown';

export interface SiteStatusResult {
  status: SiteStatus;
  reasons: RefusalReason[];
  evidence: Evidence[];
}

/** Licence outcomes are per image, never a reason to block the whole site. */
const LICENCE_REASONS: ReadonlySet<RefusalReason> = new Set(['no-licence', 'licence-not-accepted', 'licence-conflict']);

/**
 * Site status from page-level evidence (DESIGN.md §2): `blocked` on any page-level deny from
 * rules 1–3; `restricted` for `info` evidence that names a reason — a registry restriction that
 * does not bind this purpose, or an opt-out covering only some paths or images; `permitted` for
 * one accepted page licence (two that differ conflict) and no deny; else `unknown`.
 *
 * Decision (DESIGN.md §2 reads two ways for a registry entry `restricted` that binds the purpose:
 * "Site status … `restricted` (registry `restricted` …)", and rule 1, under which such an entry
 * refuses every image on the page — a page-level deny, "`blocked` (a page-level deny from rules
 * 1–3)"): it is a deny like any other, so the site is `blocked` and Collect refuses at once,
 * fetching nothing (the reading that cannot keep what the owner refused). An entry that does not
 * bind the purpose comes as `info` (site-registry.ts entryEvidence) and still reads `restricted`.
 * Before, a binding entry read `restricted` while Collect refused every image for it.
 */
export function siteStatus(pageEvidence: readonly Evidence[], pageLicences: readonly Licence[], policy: DecisionPolicy): SiteStatusResult {
  const evidence = [...pageEvidence];
  const denies = evidence.filter((e) => e.effect === 'deny' && e.reason && !LICENCE_REASONS.has(e.reason));
  const reasons = [...new Set(denies.map((e) => e.reason!))];
  if (reasons.length > 0) return { status: 'blocked', reasons, evidence };
  const partial = evidence.filter((e) => e.effect === 'info' && e.reason).map((e) => e.reason!);
  if (partial.length > 0) return { status: 'restricted', reasons: [...new Set(partial)], evidence };
  // Decision (DESIGN.md §2 "Site status" and rule 4): "an accepted page-level licence" is the
  // page licence its images get, as `decide` reads it — one licence (its forms, http or https, deed
  // or legal code, are one), accepted. Two different page licences (CC BY and CC BY-NC in two
  // JSON-LD blocks, or a rel=license beside a JSON-LD license) are a `licence-conflict` for every
  // image they cover: the status is then `unknown`, not `permitted`. Before, one accepted licence
  // among them showed the site permitted while each of its images was refused.
  const distinct = new Set(pageLicences.map((l) => l.id ?? l.url));
  const licensed = distinct.size === 1 && isAcceptedLicence(pageLicences[0]!.id, policy.acceptedLicences);
  return { status: licensed ? 'permitted' : 'unknown', reasons: [], evidence };
}
