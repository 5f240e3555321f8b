/**
 * What Heed costs a page load, read from a Chromium trace (CDP Tracing, browser-wide, every
 * process) rather than guessed: for one load of a page with Heed, the work Heed causes, by
 * where it runs and whether it comes before the page's load event (on the page's critical
 * path) or after. Used by scripts/bench-page-load.ts.
 */
import { writeFileSync } from 'node:fs';
import type { BrowserContext, CDPSession } from '@playwright/test';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { documentLoaderURL?: string; url?: string; fileName?: string } };
}

/** Heed's work in one traced load, in ms; `before` is up to the load event's end, `after` the 300 ms past it. */
export interface HeedTraceCost {
  /** Content-script injection and run on the page's own main thread (isolated world set-up included). */
  contentScript: { before: number; after: number };
  /** The browser process routing the page's requests through the webRequest proxy (any extension holding `webRequest` causes it). */
  requestProxy: { before: number; after: number; requests: number };
  /** The browser process serving the worker's extension API calls (storage, badge, scripting). */
  apiCalls: { before: number; after: number; calls: number };
  /** The extension's service worker thread running Heed's JavaScript. */
  worker: { before: number; after: number };
  /** Evaluating the worker's scripts when the page woke it (0 when it was running), whole: its own script, and any it loaded in the trace's time. */
  workerStart: number;
  /** The same, split at the load event: Heed's own script runs when the page wakes the worker, its services script once the page has loaded. */
  workerScripts: { before: number; after: number };
}

const CATEGORIES = ['toplevel', 'extensions', 'ServiceWorker', 'devtools.timeline', 'loading', 'blink.user_timing', 'v8.execute'];
const AFTER_MS = 300;

/** Tracing through a browser-level CDP session (a page's session leaves the extension's process out). */
export async function traceLoad(browserSession: CDPSession, context: BrowserContext, url: string): Promise<HeedTraceCost> {
  const page = await context.newPage();
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  browserSession.on('Tracing.dataCollected', onData);
  try {
    const done = new Promise<void>((resolve) => browserSession.once('Tracing.tracingComplete', () => resolve()));
    await browserSession.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(AFTER_MS + 200);
    await browserSession.send('Tracing.end');
    await done;
  } finally {
    browserSession.off('Tracing.dataCollected', onData);
    await page.close();
  }
  if (process.env.BENCH_TRACE_DIR) writeFileSync(`${process.env.BENCH_TRACE_DIR}/${new URL(url).host}-${Date.now()}.json`, JSON.stringify({ traceEvents: events }));
  return attribute(events, url);
}

/** Sum `ms` of the events that pass `keep` and are not nested in another kept one, split at the load event. */
function summed(events: TraceEvent[], keep: (e: TraceEvent) => boolean, t0: number, load: number, end: number): { before: number; after: number; count: number } {
  const kept = events.filter((e) => e.ph === 'X' && e.dur !== undefined && keep(e)).sort((a, b) => a.ts - b.ts);
  let before = 0;
  let after = 0;
  let count = 0;
  const lastEnd = new Map<string, number>();
  for (const e of kept) {
    const thread = `${e.pid}:${e.tid}`;
    const s = e.ts;
    const f = e.ts + e.dur!;
    if (s < (lastEnd.get(thread) ?? -Infinity)) continue; // nested in one already counted
    lastEnd.set(thread, f);
    if (f < t0 || s > end) continue;
    count++;
    before += Math.max(0, Math.min(f, load) - Math.max(s, t0));
    after += Math.max(0, Math.min(f, end) - Math.max(s, load));
  }
  return { before: before / 1000, after: after / 1000, count };
}

export function attribute(events: TraceEvent[], url: string): HeedTraceCost {
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    if (e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '');
  }
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url);
  if (!nav) throw new Error(`the trace has no navigation to ${url}`);
  const pagePid = nav.pid;
  const loadEnd = events.find((e) => e.name === 'loadEventEnd' && e.pid === pagePid && e.ts >= nav.ts);
  const t0 = nav.ts;
  const load = loadEnd?.ts ?? t0;
  const end = load + AFTER_MS * 1000;
  const thread = (e: TraceEvent) => threadName.get(`${e.pid}:${e.tid}`) ?? '';
  const browserPid = [...processName].find(([, n]) => n === 'Browser')?.[0];
  const extensionUrl = (e: TraceEvent) => (e.args?.data?.url ?? e.args?.data?.fileName ?? '').startsWith('chrome-extension://');

  const cs = summed(events, (e) => e.pid === pagePid && thread(e) === 'CrRendererMain' && (e.name === 'ScriptInjection::InjectJs' || (e.name === 'EvaluateScript' && extensionUrl(e))), t0, load, end);
  const proxy = summed(events, (e) => e.pid === browserPid && e.name.startsWith('WebRequestProxyingURLLoaderFactory'), t0, load, end);
  const requests = events.filter((e) => e.pid === browserPid && e.name === 'WebRequestProxyingURLLoaderFactory::InProgressRequest::InProgressRequest' && e.ts >= t0 && e.ts <= end).length;
  const api = summed(events, (e) => e.pid === browserPid && e.name === 'ExtensionFunctionDispatcher::DispatchForServiceWorker', t0, load, end);
  const worker = summed(events, (e) => thread(e) === 'ServiceWorker thread' && processName.get(e.pid) === 'Extension Renderer' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'), t0, load, end);
  const workerEvaluation = (e: TraceEvent) => e.name === 'EvaluateScript' && thread(e) === 'ServiceWorker thread' && extensionUrl(e);
  const workerStart = events.filter((e) => e.ph === 'X' && workerEvaluation(e)).reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  const workerScripts = summed(events, workerEvaluation, t0, load, end);
  return {
    workerStart,
    workerScripts: { before: workerScripts.before, after: workerScripts.after },
    contentScript: { before: cs.before, after: cs.after },
    requestProxy: { before: proxy.before, after: proxy.after, requests },
    apiCalls: { before: api.before, after: api.after, calls: api.count },
    worker: { before: worker.before, after: worker.after },
  };
}
