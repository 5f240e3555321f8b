import { useEffect, useRef, useState } from 'preact/hooks';
import { visibleText } from '@/utils/ui/visible-text';
import type { HeedDatabase } from '@/utils/store/db';
import type { ManifestItem } from '@/utils/model/manifest';
import { EvidenceList } from './EvidenceList';
import { peopleSummary } from '@/utils/ui/people-summary';
import { formatBytes, formatTime, itemLabel } from './format';
import { SafeLink } from './SafeLink';
import { useObjectUrl } from './useObjectUrl';

interface ItemDetailsProps {
  db: HeedDatabase | null;
  item: ManifestItem;
  onClose(): void;
  onDelete(key: string): Promise<void>;
}

const PURPOSES: Record<string, string> = { 'ai-training': 'AI training', 'genai-training': 'generative AI training', 'research-tdm': 'research (text and data mining)' };
const SYNTHETIC = (s: unknown) => (s === true ? 'Yes (generated media)' : s === false ? 'No (captured or human-made)' : 'Unknown');

/** A modal with one item's image, facts, licence and attribution, full evidence, and delete. */
export function ItemDetails({ db, item, onClose, onDelete }: ItemDetailsProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const image = useObjectUrl(db, item.sha256);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // showModal gives the focus trap, Escape and returning focus to the grid for free.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const remove = async () => {
    setBusy(true);
    try {
      await onDelete(item.sha256);
    } catch (err) {
      setError(`Could not delete: ${err instanceof Error ? err.message : String(err)}`);
      setBusy(false);
    }
  };

  const label = itemLabel(item);
  const licence = item.licence;
  return (
    <dialog ref={ref} class="details" aria-labelledby="details-title" data-testid="item-details" onClose={onClose}>
      <header class="details__header">
        <h2 id="details-title">{label}</h2>
        <button type="button" class="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
          ×
        </button>
      </header>
      <div class="details__body">
        <div class="details__image">{image.url ? <img src={image.url} alt={typeof item.alt === 'string' ? item.alt : ''} /> : <span class="muted">{image.missing ? 'The image bytes are missing.' : 'Loading…'}</span>}</div>
        <dl class="facts">
          <dt>Image</dt>
          <dd><SafeLink href={item.url}>{visibleText(item.url)}</SafeLink></dd>
          <dt>Page</dt>
          <dd><SafeLink href={item.pageUrl}>{visibleText(item.pageTitle) || visibleText(item.pageUrl)}</SafeLink></dd>
          <dt>Alt text</dt>
          <dd>{visibleText(item.alt) || '—'}</dd>
          <dt>Caption</dt>
          <dd>{visibleText(item.caption) || '—'}</dd>
          <dt>Collected</dt>
          <dd>{formatTime(item.collectedAt, 'long')}, for {PURPOSES[String(item.purpose)] ?? String(item.purpose)}</dd>
          <dt>File</dt>
          <dd>{String(item.mime)}, {formatBytes(item.bytes)}{item.width && item.height ? `, ${item.width} × ${item.height}` : ''}</dd>
          <dt>Synthetic</dt>
          <dd>{SYNTHETIC(item.synthetic)}</dd>
          <dt>People</dt>
          <dd data-testid="item-people">{peopleSummary(item.people)}</dd>
          <dt>SHA-256</dt>
          <dd class="mono">{item.sha256}</dd>
        </dl>
      </div>
      <section class="details__licence" aria-labelledby="licence-title" data-testid="item-licence">
        <h3 id="licence-title">Licence and attribution</h3>
        {licence ? (
          <p>
            <strong>{licence.id ?? 'Unrecognised licence'}</strong> (found in {String(licence.source)}) — <SafeLink href={licence.url}>{visibleText(licence.url)}</SafeLink>
            <br />
            <span data-testid="item-attribution">{visibleText(licence.attribution) || 'No attribution recorded.'}</span>
          </p>
        ) : null}
        {licence ? (
          <dl class="facts">
            <dt>Creator</dt>
            <dd data-testid="item-creator">{typeof licence.creator === 'string' && licence.creator ? visibleText(licence.creator) : 'Not stated'}</dd>
            <dt>Title</dt>
            <dd>{typeof licence.title === 'string' && licence.title ? visibleText(licence.title) : '—'}</dd>
            <dt>Source</dt>
            <dd>{typeof licence.sourceUrl === 'string' && licence.sourceUrl ? <SafeLink href={licence.sourceUrl}>{visibleText(licence.sourceUrl)}</SafeLink> : '—'}</dd>
          </dl>
        ) : (
          <p>No licence recorded: collected in opt-out mode, where every opt-out was honoured.</p>
        )}
      </section>
      <section aria-labelledby="evidence-title">
        <h3 id="evidence-title">Evidence ({Array.isArray(item.evidence) ? item.evidence.length : 0} signals)</h3>
        <EvidenceList evidence={item.evidence} />
      </section>
      <footer class="details__footer">
        {error ? <p role="alert" class="error">{error}</p> : null}
        {confirming ? (
          <div class="confirm" role="group" aria-label="Confirm deletion">
            <span>Delete this item and its image bytes? This cannot be undone.</span>
            <button type="button" class="danger" data-testid="confirm-delete" disabled={busy} onClick={remove}>Delete</button>
            <button type="button" onClick={() => setConfirming(false)}>Keep</button>
          </div>
        ) : (
          <button type="button" class="danger-outline" data-testid="delete-item" onClick={() => setConfirming(true)}>Delete item…</button>
        )}
      </footer>
    </dialog>
  );
}
