import type { Evidence } from '@/utils/model/evidence';
import { visibleText } from '@/utils/ui/visible-text';
import { REASON_LABELS } from '@/utils/model/reason-labels';
import { SafeLink } from './SafeLink';
import { sourceUrl } from '@/utils/ui/safe-url';

/** Every signal read for an item: kind, scope, source, value, effect and the note explaining it. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  const rows: readonly Evidence[] = Array.isArray(evidence) ? evidence : [];
  if (rows.length === 0) return <p class="muted">No evidence was recorded for this item.</p>;
  return (
    <table class="evidence" data-testid="evidence">
      <caption class="visually-hidden">Signals read for this image</caption>
      <thead>
        <tr>
          <th scope="col">Signal</th>
          <th scope="col">Scope</th>
          <th scope="col">Source</th>
          <th scope="col">Value</th>
          <th scope="col">Effect</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e, i) => (
          <tr key={i} data-testid="evidence-row" data-kind={String(e.kind)} data-effect={String(e.effect)}>
            <td>{String(e.kind)}</td>
            <td>{String(e.scope)}</td>
            <td class="evidence__source">
              <SafeLink href={sourceUrl(e.source)}>{visibleText(String(e.source))}</SafeLink>
            </td>
            <td class="evidence__value">{visibleText(String(e.value))}</td>
            <td>
              <span class={`effect effect--${e.effect === 'allow' || e.effect === 'deny' ? e.effect : 'info'}`}>{String(e.effect)}</span>
            </td>
            <td>
              {e.note ? visibleText(String(e.note)) : null}
              {e.reason ? <span class="evidence__reason">{(REASON_LABELS as Record<string, string>)[e.reason] ?? String(e.reason)}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
