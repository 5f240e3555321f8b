import { useCallback, useEffect, useState } from 'preact/hooks';
import { ask } from '@/utils/background-client';
import type { JobView, SiteStatusView } from '@/utils/messages';
import { SiteBanner } from './SiteBanner';
import { CollectPanel } from './CollectPanel';
import { VerdictList } from './VerdictList';
import { ExportButton } from './ExportButton';

const POLL_MS = 250;

async function resolveTabId(bound: number | null): Promise<number> {
  if (bound !== null && Number.isInteger(bound)) return bound;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('No active tab');
  return tab.id;
}

/** The popup: site status, Collect with progress, verdicts for this collect, export. */
export function Popup({ boundTabId }: { boundTabId: number | null }) {
  const [tabId, setTabId] = useState<number | null>(null);
  const [site, setSite] = useState<SiteStatusView | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    resolveTabId(boundTabId)
      .then(async (id) => {
        setTabId(id);
        const [s, j] = await Promise.all([ask({ type: 'popup-bg-site-status', tabId: id }), ask({ type: 'popup-bg-job', tabId: id })]);
        setSite(s);
        setJob(j);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [boundTabId]);

  // Follow a running job (also one started before the popup opened).
  useEffect(() => {
    if (tabId === null || job?.state !== 'running') return;
    const timer = setInterval(() => {
      ask({ type: 'popup-bg-job', tabId })
        .then((j) => j && setJob(j))
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [tabId, job?.state]);

  const collect = useCallback(() => {
    if (tabId === null) return;
    ask({ type: 'popup-bg-collect', tabId })
      .then(setJob)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [tabId]);

  const cancel = useCallback(() => {
    if (job) void ask({ type: 'popup-bg-cancel', jobId: job.id });
  }, [job]);

  return (
    <main class="popup">
      <header class="popup__header">
        <h1>Heed</h1>
      </header>
      <SiteBanner site={site} />
      {error ? <p role="alert" class="error">{error}</p> : null}
      <CollectPanel job={job} disabled={tabId === null} onCollect={collect} onCancel={cancel} />
      <VerdictList verdicts={job?.verdicts ?? []} />
      <ExportButton />
    </main>
  );
}
