import type { Verdict } from '@/utils/verdict';
import { REASON_LABELS } from '@/utils/reason-labels';
import { Thumbnail } from './Thumbnail';

function fileName(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? u.host) || u.host;
  } catch {
    return url.slice(0, 80);
  }
}

/** One row per image found: decision, licence badge, reasons in plain words. */
export function VerdictList({ verdicts }: { verdicts: readonly Verdict[] }) {
  if (verdicts.length === 0) return null;
  return (
    <ul class="verdicts" aria-label="Images found">
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
          <span class="verdict__name" title={v.url}>{fileName(v.url)}</span>
          <span class={`pill pill--${v.decision}`}>{v.decision}</span>
          {v.licence?.id ? <span class="pill pill--licence">{v.licence.id}</span> : null}
          {v.reasons.length > 0 ? (
            <span class="verdict__why">{v.reasons.map((r) => REASON_LABELS[r]).join(' · ')}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
