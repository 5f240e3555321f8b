import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ask } from '@/utils/messages/background-client';
import type { JobView, SiteStatusView } from '@/utils/messages/messages';
import { onJobChanged } from '@/utils/messages/job-events';
import { followJob } from '@/utils/ui/follow-job';
import type { Verdict } from '@/utils/policy/verdict';
import { SiteBanner } from './SiteBanner';
import { CollectPanel } from './CollectPanel';
import { VerdictList } from './VerdictList';
import { ExportMenu } from './ExportMenu';
import { PolicySummary } from './PolicySummary';
import { ReasonCounts } from './ReasonCounts';
import { HostAccess } from './HostAccess';

/** The popup asks as soon as the worker announces a change; this poll only covers a lost announcement. */
const POLL_MS = 500;
/** Announcements closer together than this are asked for together (utils/ui/follow-job.ts). */
const MIN_ASK_GAP_MS = 150;

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
  const [verdicts, setVerdicts] = useState<Verdict[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [watch, setWatch] = useState(false);
  // Bumped when the user grants host access (HostAccess): the site is assessed again.
  const [granted, setGranted] = useState(0);

  const jobId = useRef<string | null>(null);

  /** Take a job view: a new job replaces the verdict list, the same job appends what is new. */
  const takeJob = useCallback((next: JobView | null) => {
    const same = next !== null && jobId.current === next.id;
    jobId.current = next?.id ?? null;
    setVerdicts((list) => (same ? [...list, ...next.verdicts] : (next?.verdicts ?? [])));
    setJob(next);
  }, []);

  useEffect(() => {
    setError(null);
    resolveTabId(boundTabId)
      .then(async (id) => {
        setTabId(id);
        const [s, j] = await Promise.all([ask({ type: 'popup-bg-site-status', tabId: id }), ask({ type: 'popup-bg-job', tabId: id, sinceSeq: -1 })]);
        setSite(s);
        takeJob(j);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [boundTabId, takeJob, granted]);

  // Follow a running job (also one started before the popup opened): asked at each change the
  // worker announces, and polled in case one is lost. A failed ask — e.g. while a stopped service
  // worker restarts — is retried, so following never stalls.
  const followedId = job?.state === 'running' ? job.id : null;
  useEffect(() => {
    if (tabId === null || followedId === null) return;
    return followJob({
      jobId: followedId,
      sinceSeq: job?.lastSeq ?? -1,
      ask: (sinceSeq) => ask({ type: 'popup-bg-job', tabId, sinceSeq }),
      onView: takeJob,
      subscribe: onJobChanged,
      fallbackMs: POLL_MS,
      minGapMs: MIN_ASK_GAP_MS,
    });
    // Restarted for another job only: `job` changes with every view the follower takes.
  }, [tabId, followedId, takeJob]);

  const collect = useCallback(() => {
    if (tabId === null) return;
    ask({ type: 'popup-bg-collect', tabId, watch })
      .then(takeJob)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [tabId, takeJob, watch]);

  const stopWatching = useCallback(() => {
    if (job) void ask({ type: 'popup-bg-stop-watching', jobId: job.id }).then(() => takeJob({ ...job, watching: false, verdicts: [] }));
  }, [job, takeJob]);

  const cancel = useCallback(() => {
    if (job) void ask({ type: 'popup-bg-cancel', jobId: job.id });
  }, [job]);

  return (
    <main class="popup">
      <header class="popup__header">
        <h1>Heed</h1>
        <PolicySummary />
      </header>
      <HostAccess onGranted={() => setGranted((n) => n + 1)} />
      <SiteBanner site={site} />
      {error ? <p role="alert" class="error">{error}</p> : null}
      <CollectPanel
        job={job}
        verdicts={verdicts}
        disabled={tabId === null}
        watch={watch}
        onWatchChange={setWatch}
        onCollect={collect}
        onStopWatching={stopWatching}
        onCancel={cancel}
      />
      <ReasonCounts verdicts={verdicts} />
      {/* Images skipped as icons once their bytes were read are counted above, not listed (as the scan's). */}
      <VerdictList verdicts={verdicts.filter((v) => v.decision !== 'skipped')} />
      <ExportMenu />
    </main>
  );
}
