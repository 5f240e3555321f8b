import type { SiteStatusView } from '@/utils/messages/messages';
import type { Notice } from '@/utils/page/in-page-notice';
import type { Evidence } from '@/utils/model/evidence';
import { REASON_LABELS } from '@/utils/model/reason-labels';
import { visibleText } from './visible-text';

type SiteReason = SiteStatusView['reasons'][number];

/**
 * The evidence that explains a site's reason: a deny explains its reason best; a partial opt-out
 * (info carrying a reason) explains itself.
 */
export function explainingEvidence(site: SiteStatusView, reason: SiteReason): Evidence | undefined {
  return site.evidence.find((e) => e.effect === 'deny' && e.reason === reason) ?? site.evidence.find((e) => e.effect === 'info' && e.reason === reason);
}

/**
 * A site's reason in plain words, as the popup's banner and the in-page notice both show it: the
 * explaining evidence's note (untrusted: it may quote the site's own text, so each bidi control and
 * invisible character is shown as its code point), else the reason's label.
 */
export function siteReasonText(site: SiteStatusView, reason: SiteReason): string {
  return visibleText(explainingEvidence(site, reason)?.note) || REASON_LABELS[reason];
}

/** The in-page notice for a blocked site: each reason in plain words. */
export function noticeFor(site: SiteStatusView): Notice | null {
  if (site.status !== 'blocked') return null;
  return { headline: 'Heed: this site does not permit collecting its images', reasons: site.reasons.map((r) => siteReasonText(site, r)) };
}
