import { useState } from 'preact/hooks';
import { exportManifestJson } from '@/utils/store/export-manifest';
import { attributionExport } from '@/utils/exports/attribution';
import { croissantExport } from '@/utils/exports/croissant';
import { hfExport } from '@/utils/exports/hf-imagefolder';
import { jsonlExport } from '@/utils/exports/jsonl';
import { exportToBlob } from '@/utils/store/export-from-store';
import type { ExportFormat, ExportId } from '@/utils/exports/types';
import { manifestFileName } from '@/utils/model/manifest';
import { downloadBlob, downloadText } from './download';

type Busy = 'json' | ExportId | null;

const FORMATS: { format: ExportFormat; testId: string; text: string }[] = [
  { format: jsonlExport, testId: 'export-jsonl', text: 'JSONL' },
  { format: hfExport, testId: 'export-hf', text: 'Hugging Face ZIP' },
  { format: croissantExport, testId: 'export-croissant', text: 'Croissant' },
  { format: attributionExport, testId: 'export-attribution', text: 'ATTRIBUTION.md' },
];

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Export buttons for every format (DESIGN.md §4 test ids), with ZIP progress and errors shown as text. */
export function ExportMenu() {
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const version = () => browser.runtime.getManifest().version;

  const run = async (id: Busy, job: () => Promise<void>) => {
    if (busy) return;
    setBusy(id);
    setError(null);
    setProgress(null);
    try {
      await job();
    } catch (err) {
      setProgress(null);
      setError(`Export failed: ${message(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const exportJson = () =>
    run('json', async () => {
      const now = new Date();
      downloadText(await exportManifestJson(version(), now), manifestFileName(now));
    });

  const exportFormat = (format: ExportFormat) =>
    run(format.id, async () => {
      const now = new Date();
      const onProgress = format.id === 'hf' ? (done: number, total: number) => setProgress({ done, total }) : undefined;
      const blob = await exportToBlob(format, { version: version(), now, ...(onProgress ? { onProgress } : {}) });
      downloadBlob(blob, format.fileName(now));
    });

  return (
    <section class="export" aria-label="Export">
      <div class="export__buttons" style={{ display: 'flex', flexWrap: 'wrap', gap: '6px' }}>
        <button type="button" data-testid="export-json" disabled={busy !== null} onClick={() => void exportJson()} title="Heed manifest with every decision's evidence">
          {busy === 'json' ? 'Exporting…' : 'Export JSON'}
        </button>
        {FORMATS.map(({ format, testId, text }) => (
          <button key={format.id} type="button" data-testid={testId} disabled={busy !== null} onClick={() => void exportFormat(format)} title={format.label}>
            {busy === format.id ? 'Exporting…' : text}
          </button>
        ))}
      </div>
      {progress || busy === 'hf' ? (
        <div class="progress" data-testid="export-progress" data-state={busy === 'hf' ? 'running' : 'done'} aria-live="polite">
          <progress max={Math.max(progress?.total ?? 0, 1)} value={progress?.done ?? 0} aria-label="Images written to the ZIP" />
          <span>
            {progress ? `${progress.done} / ${progress.total} images written${busy === 'hf' ? '' : ' · ZIP ready'}` : 'Reading the collection…'}
          </span>
        </div>
      ) : null}
      {error ? (
        <p role="alert" class="error" data-testid="export-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
