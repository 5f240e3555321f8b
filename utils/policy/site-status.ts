import type { Evidence, Licence, RefusalReason } from '../model/evidence';
import type { DecisionPolicy } from './decide';
import { isAcceptedLicence } from '../model/licence-url';

export type SiteStatus = 'permitted' | 'restricted' | 'blocked' | 'unknown';

export interface SiteStatusResult {
  status: SiteStatus;
  reasons: RefusalReason[];
  evidence: Evidence[];
}

/** Refusals that restrict but do not block a site: the registry's `restricted` entries. */
const RESTRICTING: ReadonlySet<RefusalReason> = new Set(['site-restricted']);
/** Licence outcomes are per image, never a reason to block the whole site. */
const LICENCE_REASONS: ReadonlySet<RefusalReason> = new Set(['no-licence', 'licence-not-accepted', 'licence-conflict']);

/**
 * Site status from page-level evidence (DESIGN.md §2): `blocked` on any page-level deny from
 * rules 1–3; `restricted` for a registry restriction, or `info` evidence that names a reason —
 * an opt-out covering only some paths or images; `permitted` for one accepted page licence (two
 * that differ conflict) and no deny; else `unknown`.
 */
export function siteStatus(pageEvidence: readonly Evidence[], pageLicences: readonly Licence[], policy: DecisionPolicy): SiteStatusResult {
  const evidence = [...pageEvidence];
  const denies = evidence.filter((e) => e.effect === 'deny' && e.reason && !LICENCE_REASONS.has(e.reason));
  const reasons = [...new Set(denies.map((e) => e.reason!))];
  if (reasons.some((r) => !RESTRICTING.has(r))) return { status: 'blocked', reasons, evidence };
  const partial = evidence.filter((e) => e.effect === 'info' && e.reason).map((e) => e.reason!);
  if (reasons.length > 0 || partial.length > 0) {
    return { status: 'restricted', reasons: [...new Set([...reasons, ...partial])], evidence };
  }
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

/**
 * Which reading of a tab's site status its badge may show. Readings of one tab can run at once
 * (the page's load, the popup, a reload or a new page before a slow robots.txt answered), and
 * the last to finish is not always the newest: an open site's slow reading, finished after the
 * tab had gone on to a blocked site or the page had reloaded saying noai, put "OK" on it.
 * Decision (DESIGN.md §2 "Site status", the reading that cannot show open what the owner
 * refused): the badge shows only the reading begun last for the tab, and only while the tab
 * still shows the page it read; any other is dropped (the popup still answers with its own).
 */
export class SiteStatusReadings {
  private readonly latest = new Map<number, number>();
  private count = 0;

  /** A reading of the tab's status begins: its number. */
  begin(tabId: number): number {
    this.latest.set(tabId, ++this.count);
    return this.count;
  }

  /** Whether reading `n`, of `pageUrl`, may be shown on the tab, which shows `currentUrl` now. Ends the reading. */
  mayShow(tabId: number, n: number, pageUrl: string, currentUrl: string | undefined): boolean {
    if (this.latest.get(tabId) !== n) return false;
    this.latest.delete(tabId); // an older reading finishing after this one is not the latest either
    return currentUrl === pageUrl;
  }
}
