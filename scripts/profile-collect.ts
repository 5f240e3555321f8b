/**
 * Where the worker's time goes in a collect (issue 17: a trace, not a guess). Runs the collect
 * bench's 20-origin page (500 images of 64 px) once with Chromium's sampling profiler on (CDP
 * Tracing, `disabled-by-default-v8.cpu_profiler`, every thread), and prints, for the extension's
 * service worker thread and for each people worker's (the face detector's), the functions with
 * the most samples: by self time and inclusive.
 * Build without minifying to read the names (`build: { minify: false }` in wxt.config.ts's vite
 * settings, not committed).
 * Run: npx tsx scripts/profile-collect.ts [off]   (`off`: people=off; needs `npm run build` first)
 */
import { rmSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { launchHeed } from '../tests/e2e/harness/browser';
import { chooseSetting } from '../tests/e2e/harness/library-page';
import { openSiteWithPopup } from '../tests/e2e/harness/popup-page';
import { startSiteServer } from '../tests/e2e/harness/server';
import { sitesWithSpread } from './bench-collect';

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName?: string; url?: string };
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  id?: string;
  args: { name?: string; data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } };
}
interface ThreadProfile {
  thread: string;
  nodes: Map<number, ProfileNode>;
  /** Sampled µs by leaf node. */
  self: Map<number, number>;
}

const label = (n: ProfileNode | undefined) => `${n?.callFrame.functionName || '(anonymous)'} ${String(n?.callFrame.url ?? '').split('/').pop()}`;

/** Sampled profiles by thread, from the trace's ProfileChunk events. */
function profilesOf(events: TraceEvent[]): ThreadProfile[] {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name ?? '');
  const byId = new Map<string, ThreadProfile>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    let p = byId.get(key);
    if (!p) byId.set(key, (p = { thread: names.get(`${e.pid}:${e.tid}`) ?? key, nodes: new Map(), self: new Map() }));
    for (const n of e.args.data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const deltas = e.args.data?.timeDeltas ?? [];
    (e.args.data?.cpuProfile?.samples ?? []).forEach((s, i) => p.self.set(s, (p.self.get(s) ?? 0) + (deltas[i] ?? 0)));
  }
  return [...byId.values()];
}

function report(p: ThreadProfile, title: string, rows = 25): void {
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of p.self) {
    self.set(label(p.nodes.get(id)), (self.get(label(p.nodes.get(id))) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = p.nodes.get(at)?.parent) {
      const name = label(p.nodes.get(at));
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      seen.add(name);
    }
  }
  const total = [...p.self.values()].reduce((a, b) => a + b, 0);
  console.log(`${title}: ${ms(total).trim()} sampled`);
  console.log('  self:');
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`  ${ms(us)}  ${name}`);
  console.log('  inclusive:');
  for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`  ${ms(us)}  ${name}`);
}

async function main(peopleOff: boolean): Promise<void> {
  const root = sitesWithSpread();
  const sites = await startSiteServer(root);
  const port = 9200 + Math.floor(Math.random() * 700);
  const heed = await launchHeed({ extraArgs: [`--remote-debugging-port=${port}`] });
  const traced = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    if (peopleOff) await chooseSetting(heed, 'setting-people', 'off');
    const session = await traced.newBrowserCDPSession();
    const { popup, page } = await openSiteWithPopup(heed, `${sites.origin('spread.test')}/?n=500`);
    await page.waitForLoadState('networkidle');
    const events: TraceEvent[] = [];
    session.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((done) => session.once('Tracing.tracingComplete', () => done()));
    await session.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['disabled-by-default-v8.cpu_profiler', '__metadata'] } });
    const started = Date.now();
    const verdicts = await popup.collect();
    const took = Date.now() - started;
    await session.send('Tracing.end');
    await complete;
    console.log(`collect of ${verdicts.length} images over 20 origins${peopleOff ? ', people=off' : ''}: ${took} ms (profiling on)`);
    // The worker's thread: the profile with the most samples in Heed's worker scripts.
    const sampledIn = (p: ThreadProfile, script: RegExp) => [...p.self].filter(([id]) => script.test(p.nodes.get(id)?.callFrame.url ?? '')).reduce((a, [, us]) => a + us, 0);
    const profiles = profilesOf(events);
    const worker = [...profiles].sort((a, b) => sampledIn(b, /background/) - sampledIn(a, /background/))[0];
    if (!worker) throw new Error('no profile of the worker was recorded');
    report(worker, "the extension's worker thread");
    // The people workers (entrypoints/people-worker): the face detector's threads.
    const peopleWorkers = profiles.filter((p) => sampledIn(p, /people-worker/) > 0);
    peopleWorkers.forEach((p, i) => report(p, `people worker ${i + 1} of ${peopleWorkers.length}`, 12));
  } finally {
    await traced.close().catch(() => undefined);
    await heed.context.close();
    await sites.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main(process.argv[2] === 'off').catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
