import type { ReasonCode } from '@/utils/model/evidence';
import { REASON_LABELS } from '@/utils/model/reason-labels';
import type { Verdict } from '@/utils/policy/verdict';

/** Counts of refused / failed images by reason for the current collect, largest first. */
export function ReasonCounts({ verdicts }: { verdicts: readonly Verdict[] }) {
  const counts = new Map<ReasonCode, number>();
  for (const v of verdicts) for (const r of v.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  if (counts.size === 0) return null;
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <ul class="reason-counts" aria-label="Reasons" data-testid="reason-counts">
      {rows.map(([reason, n]) => (
        <li key={reason} data-reason={reason} title={REASON_LABELS[reason]}>
          <span class="reason-counts__n">{n}</span> {reason}
        </li>
      ))}
    </ul>
  );
}
