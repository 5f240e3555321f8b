import type { SiteStatusView } from '@/utils/messages/messages';
import { visibleText } from '@/utils/ui/visible-text';
import { REASON_LABELS } from '@/utils/model/reason-labels';
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
  // A deny explains its reason best; a partial opt-out (info carrying a reason) explains itself.
  const explaining = [...site.evidence.filter((e) => e.effect === 'deny'), ...site.evidence.filter((e) => e.effect === 'info' && e.reason)];
  return (
    <section class={`banner banner--${site.status}`} data-testid="site-status" data-status={site.status} aria-live="polite">
      <strong>{HEADLINE[site.status]}</strong>
      <ul data-testid="site-reasons" class="reasons">
        {site.reasons.map((r) => {
          const why = explaining.find((e) => e.reason === r);
          const link = why ? sourceUrl(why.source) : null;
          return (
            <li key={r} data-reason={r}>
              {visibleText(why?.note) || REASON_LABELS[r]}
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
