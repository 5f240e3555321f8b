import type { JobView } from '@/utils/messages/messages';
import type { Verdict } from '@/utils/policy/verdict';

type ProgressState = 'idle' | 'running' | 'done' | 'error';

function progressState(job: JobView | null): ProgressState {
  if (!job) return 'idle';
  if (job.state === 'cancelled') return 'done';
  return job.state;
}

/** Collect button, progress bar with counts, and cancel. */
export function CollectPanel(props: {
  job: JobView | null;
  verdicts: readonly Verdict[];
  disabled: boolean;
  watch: boolean;
  onWatchChange: (watch: boolean) => void;
  onCollect: () => void;
  onStopWatching: () => void;
  onCancel: () => void;
}) {
  const { job } = props;
  const state = progressState(job);
  const counts = { permitted: 0, refused: 0, failed: 0, duplicate: 0, skipped: 0 };
  for (const v of props.verdicts) counts[v.decision]++;
  return (
    <section class="collect">
      <div class="collect__row">
        <button type="button" class="primary" data-testid="collect-page" disabled={props.disabled || state === 'running'} onClick={props.onCollect}>
          {state === 'running' ? (job?.watching ? 'Watching…' : 'Collecting…') : 'Collect'}
        </button>
        {state === 'running' && job?.watching ? (
          <button type="button" data-testid="stop-watching" onClick={props.onStopWatching}>Stop watching</button>
        ) : null}
        {state === 'running' && job ? (
          <button type="button" onClick={props.onCancel}>Cancel</button>
        ) : null}
      </div>
      <label class="collect__watch">
        <input
          type="checkbox"
          data-testid="collect-while-scrolling"
          checked={props.watch}
          disabled={state === 'running'}
          onChange={(e) => props.onWatchChange((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        Collect while scrolling (keep adding images as the page grows)
      </label>
      <div data-testid="collect-progress" data-state={state} data-job-id={job?.id ?? ''} data-found={job?.found ?? 0} data-checked={job?.checked ?? 0} class="progress" aria-live="polite">
        {job ? (
          <>
            <progress max={Math.max(job.found, 1)} value={job.checked} aria-label="Images checked" />
            <span>
              {job.state === 'error'
                ? `Error: ${job.error ?? 'unknown'}`
                : `${job.found} found · ${job.checked} checked · ${counts.permitted} stored · ${counts.refused} refused · ${counts.failed} failed · ${counts.duplicate} duplicate${counts.skipped ? ` · ${counts.skipped} skipped (smaller than Min image side)` : ''}${job.state === 'cancelled' ? ' · cancelled' : ''}`}
            </span>
          </>
        ) : (
          <span>Ready</span>
        )}
      </div>
      {job?.notes.map((note) => (
        <p class="collect__note" data-testid="collect-note" key={note}>
          {note}
        </p>
      ))}
    </section>
  );
}
