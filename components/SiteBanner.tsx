import type { SiteStatusView } from '@/utils/messages/messages';
import { explainingEvidence, siteReasonText } from '@/utils/ui/site-notice';
import { sourceUrl } from '@/utils/ui/safe-url';

const HEADLINE = {
  permitted: 'Openly licensed site',
  restricted: 'Restricted: some images may not be collected',
  blocked: 'Blocked: this site does not permit collection',
  unknown: 'No site-wide licence: images need their own',
} as const;

/** The site status banner: status, and each reason in plain words with its source. */
export function SiteBanner({ site }: { site: SiteStatusView | null }) {
  // No test id until the status is known: automation waiting for `site-status` never reads a placeholder.
  if (!site) return <div class="banner banner--loading" aria-busy="true">Reading this site’s signals…</div>;
  return (
    <section class={`banner banner--${site.status}`} data-testid="site-status" data-status={site.status} aria-live="polite">
      <strong>{HEADLINE[site.status]}</strong>
      <ul data-testid="site-reasons" class="reasons">
        {site.reasons.map((r) => {
          const why = explainingEvidence(site, r);
          const link = why ? sourceUrl(why.source) : null;
          return (
            <li key={r} data-reason={r}>
              {siteReasonText(site, r)}
              {link ? (
                <>
                  {' '}
                  <a href={link} target="_blank" rel="noreferrer noopener">source</a>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
