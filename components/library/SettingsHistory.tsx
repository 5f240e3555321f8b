import { useState } from 'preact/hooks';
import type { HeedDatabase } from '@/utils/store/db';
import { clearHistory, type Forgotten } from '@/utils/store/retention';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function clearedText({ collects, siteFiles }: Forgotten): string {
  return `Cleared ${plural(collects, 'collect', 'collects')} with ${collects === 1 ? 'its' : 'their'} verdicts, and ${plural(siteFiles, 'site file', 'site files')}. Stored items and settings are unchanged.`;
}

/**
 * "Clear history": forgets what Heed learnt about the pages browsed — the site cache of signal
 * files, finished collects and their verdicts — at once, rather than after 24 h (DESIGN.md §3).
 * Never stored items or settings; a collect still running keeps its state (it would resume).
 */
export function SettingsHistory({ db, announce }: { db: HeedDatabase; announce(text: string): void }) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = async () => {
    setBusy(true);
    try {
      const text = clearedText(await clearHistory(db));
      setStatus({ text, error: false });
      announce('History cleared');
    } catch (err) {
      setStatus({ text: `Not cleared: ${String(err)}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="settings history" aria-labelledby="history-title" data-testid="settings-history">
      <h2 id="history-title">History</h2>
      <p class="field__hint" id="history-hint">
        Heed keeps what it read about the sites you visit (robots.txt, TDMRep, ai.txt and other signal files) and the
        verdicts of each tab’s last collect, refused and failed images included, for at most 24 hours. Clearing removes
        them now. Your stored items, their evidence and your settings stay; a collect still running keeps its progress.
      </p>
      <div class="settings__actions">
        <button type="button" data-testid="clear-history" aria-describedby="history-hint" disabled={busy} onClick={() => void clear()}>
          Clear history
        </button>
        <p role="status" class={status?.error ? 'error' : 'ok'} data-testid="clear-history-status">{status?.text ?? ''}</p>
      </div>
    </section>
  );
}
