import { memo } from 'preact/compat';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { formatBytes } from './format';

interface StorageState {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

/** Storage used and quota (navigator.storage.estimate) and whether the browser keeps the data (persist). */
export const StoragePanel = memo(function StoragePanel({ refreshKey }: { refreshKey: number }) {
  const [state, setState] = useState<StorageState>({ usage: null, quota: null, persisted: null });
  const [note, setNote] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const storage = navigator.storage as StorageManager | undefined;
    if (!storage?.estimate) return setNote('This browser does not report storage use.');
    const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(null)]);
    setState({ usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted });
  }, []);

  useEffect(() => {
    refresh().catch(() => setNote('Storage use is unavailable.'));
  }, [refresh, refreshKey]);

  const persist = async () => {
    const granted = await navigator.storage.persist().catch(() => false);
    setNote(granted ? 'The browser will keep Heed’s data under storage pressure.' : 'The browser declined; it may still clear the data when space runs low.');
    await refresh().catch(() => undefined);
  };

  const { usage, quota, persisted } = state;
  const share = usage !== null && quota ? usage / quota : null;
  return (
    <section class="storage" aria-labelledby="storage-title" data-testid="storage-panel">
      <h2 id="storage-title" class="filters__title">Storage</h2>
      <p data-testid="storage-usage">
        {formatBytes(usage)} used of {formatBytes(quota)}
        {share !== null ? ` (${share < 0.001 && share > 0 ? '<0.1' : (share * 100).toFixed(1)}%)` : ''}
      </p>
      {share !== null ? <progress max={1} value={share} aria-label="Share of the storage quota in use" /> : null}
      <p data-testid="storage-persisted" data-persisted={String(persisted)}>
        {persisted === true ? 'Persistent: the browser will not clear it on its own.' : persisted === false ? 'Best-effort: the browser may clear it when space runs low.' : 'Persistence unknown.'}
      </p>
      {persisted === false ? (
        <button type="button" onClick={persist}>
          Keep my data
        </button>
      ) : null}
      {note ? <p class="muted" role="status">{note}</p> : null}
    </section>
  );
});
