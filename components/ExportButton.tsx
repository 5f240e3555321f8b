import { useState } from 'preact/hooks';
import { exportManifestJson } from '@/utils/export-manifest';
import { manifestFileName } from '@/utils/manifest';

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Download the manifest of everything stored. */
export function ExportButton() {
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    try {
      setError(null);
      const now = new Date();
      download(await exportManifestJson(browser.runtime.getManifest().version, now), manifestFileName(now));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div class="export">
      <button type="button" data-testid="export-json" onClick={() => void onClick()}>
        Export JSON
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </div>
  );
}
