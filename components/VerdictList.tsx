import type { Verdict } from '@/utils/policy/verdict';
import { urlFileName, visibleText } from '@/utils/ui/visible-text';
import { REASON_LABELS } from '@/utils/model/reason-labels';
import { Thumbnail } from './Thumbnail';

/**
 * A reason in plain words: the note of the evidence that gave it (a refusal's deny; for a failed
 * image, what the fetch met — an HTTP status, a size, a blob: URL), else the reason's label.
 */
function whyOf(v: Verdict, reason: Verdict['reasons'][number]): string {
  const deny = v.evidence.find((e) => e.effect === 'deny' && e.reason === reason);
  const fetch = v.decision === 'failed' ? v.evidence.find((e) => e.kind === 'fetch') : undefined;
  return visibleText(deny?.note ?? fetch?.note) || REASON_LABELS[reason];
}

/** One row per image found: decision, licence badge, reasons in plain words. */
export function VerdictList({ verdicts }: { verdicts: readonly Verdict[] }) {
  if (verdicts.length === 0) return null;
  return (
    // Focusable so keyboard users can scroll a long list (the rows themselves are not controls).
    <ul class="verdicts" aria-label="Images found" tabIndex={0}>
      {verdicts.map((v) => (
        <li
          key={v.url}
          class={`verdict verdict--${v.decision}`}
          data-testid="verdict"
          data-url={v.url}
          data-decision={v.decision}
          data-reasons={v.reasons.join(' ')}
        >
          <Thumbnail verdict={v} />
          <span class="verdict__name" title={visibleText(v.url)}>{urlFileName(v.url)}</span>
          <span class={`pill pill--${v.decision}`}>{v.decision}</span>
          {v.licence?.id ? <span class="pill pill--licence">{v.licence.id}</span> : null}
          {v.reasons.length > 0 ? (
            <ul class="verdict__why">
              {v.reasons.map((r) => (
                <li key={r}>{whyOf(v, r)}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
