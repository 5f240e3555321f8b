/**
 * Worker-start benchmark (issue 17): what Heed's service worker costs each time a page wakes it
 * (Chromium stops it after 30 s without events), read from a browser-wide trace
 * (scripts/page-load-trace.ts) on the demo news article: evaluating its scripts before the
 * page's load event and in the 300 ms after it (`workerScripts`: the worker's own script when the
 * page wakes it, its services script when the loaded page's status is read), and all the worker
 * thread's work before the load event (`worker.before`: the script plus whatever its listeners
 * do on waking). Same run, loads alternated: Heed's build; with `--against DIR`, another Heed
 * build (e.g. the one before a change) as the before figure; and two floors: an extension with
 * Heed's permissions and listeners, each doing nothing (the floor of hearing what Heed must
 * hear), and one whose worker only observes main-frame headers (the floor of any worker waking).
 * Run: npx tsx scripts/bench-worker-start.ts [--against DIR] [rounds]   (needs `npm run build` first)
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type CDPSession } from '@playwright/test';
import { traceLoad } from './page-load-trace';
import { CHROMIUM_ARGS, EXTENSION_DIR, findChromium } from '../tests/e2e/harness/browser';
import { startSiteServer } from '../tests/e2e/harness/server';

export interface WorkerStartRow {
  variant: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Evaluating scripts after the load event (the services script, loaded on first use), median. */
  afterLoadMs: number;
  /** The worker thread's whole work before the load event (the script's evaluation included), median. */
  beforeLoadMs: number;
}

interface Variant {
  name: string;
  context: BrowserContext;
  session: CDPSession;
  tracing: CDPSession;
  close: () => Promise<void>;
  samples: number[];
  afterLoad: number[];
  beforeLoad: number[];
}

function writeFloorExtension(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = { manifest_version: 3, name: 'webRequest observer (floor)', version: '1.0', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'bg.js' } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'bg.js'), "chrome.webRequest.onHeadersReceived.addListener(() => undefined, { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] }, ['responseHeaders']);\n");
}

/**
 * The floor of listening to what Heed's worker must hear (entrypoints/background/index.ts): the
 * same permissions and the same event listeners, registered at start as Heed registers them,
 * each doing nothing. What Heed's worker costs a page over this is its own code.
 */
function writeListenersFloorExtension(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'the same listeners, doing nothing (floor)',
    version: '1.0',
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'tabs', 'webRequest', 'alarms', 'contextMenus'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'bg.js' },
    commands: { 'collect-page': { suggested_key: { default: 'Alt+Shift+H' }, description: 'Collect' } },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(
    join(dir, 'bg.js'),
    [
      "const urls = ['http://*/*', 'https://*/*'];",
      "chrome.webRequest.onHeadersReceived.addListener(() => undefined, { urls, types: ['main_frame'] }, ['responseHeaders']);",
      "chrome.webRequest.onBeforeRedirect.addListener(() => undefined, { urls }, ['responseHeaders']);",
      "self.addEventListener('install', () => undefined);",
      ...['runtime.onStartup', 'runtime.onMessage', 'runtime.onInstalled', 'contextMenus.onClicked', 'commands.onCommand', 'tabs.onRemoved', 'tabs.onUpdated', 'alarms.onAlarm'].map((e) => `chrome.${e}.addListener(() => undefined);`),
    ].join('\n'),
  );
}

async function launch(name: string, dir: string): Promise<Variant> {
  const port = 9200 + Math.floor(Math.random() * 700);
  const context = await chromium.launchPersistentContext('', {
    executablePath: findChromium(),
    headless: true,
    args: ['--headless=new', ...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, `--remote-debugging-port=${port}`],
  });
  if (!context.serviceWorkers()[0]) await context.waitForEvent('serviceworker');
  const session = await context.newCDPSession(await context.newPage());
  const traced = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const tracing = await traced.newBrowserCDPSession();
  return { name, context, session, tracing, samples: [], afterLoad: [], beforeLoad: [], close: async () => { await traced.close().catch(() => undefined); await context.close(); } };
}

/** Stop the extension's service worker, as Chromium does after 30 s without events. */
async function stopWorker(session: CDPSession): Promise<void> {
  const { targetInfos } = await session.send('Target.getTargets');
  for (const t of targetInfos) {
    if (t.type === 'service_worker' && t.url.startsWith('chrome-extension://')) await session.send('Target.closeTarget', { targetId: t.targetId }).catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 200));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export async function main(rounds = 10, against?: string): Promise<WorkerStartRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'heed-worker-start-'));
  cpSync(resolve(import.meta.dirname, '../demo/sites/news.test'), join(root, 'news.test'), { recursive: true });
  writeFloorExtension(join(root, 'floor'));
  writeListenersFloorExtension(join(root, 'listeners-floor'));
  const server = await startSiteServer(root);
  const variants: Variant[] = [];
  try {
    variants.push(await launch('Heed (this build)', EXTENSION_DIR));
    if (against) variants.push(await launch(`Heed (${against})`, resolve(against)));
    variants.push(await launch('floor: the same listeners, doing nothing', join(root, 'listeners-floor')));
    variants.push(await launch('floor: a worker that only observes headers', join(root, 'floor')));
    const url = `${server.origin('news.test')}/`;
    for (const v of variants) await traceLoad(v.tracing, v.context, url); // warm-up: HTTP and code caches
    for (let i = 0; i < rounds; i++) {
      for (const v of variants) {
        await stopWorker(v.session);
        const cost = await traceLoad(v.tracing, v.context, url);
        if (cost.workerStart > 0) {
          v.samples.push(cost.workerScripts.before);
          v.afterLoad.push(cost.workerScripts.after);
          v.beforeLoad.push(cost.worker.before);
        }
      }
    }
    const rows = variants.map((v) => ({ variant: v.name, medianMs: median(v.samples), minMs: Math.min(...v.samples), maxMs: Math.max(...v.samples), afterLoadMs: median(v.afterLoad), beforeLoadMs: median(v.beforeLoad) }));
    console.log(`worker start: the worker woken by the demo news article (${rounds} wake-ups each, alternated; median [min–max])`);
    console.log(`  ${''.padEnd(46)} evaluating scripts before the load event / after   its thread before the load event`);
    for (const r of rows) console.log(`  ${r.variant.padEnd(46)} ${`${r.medianMs.toFixed(1)} ms [${r.minMs.toFixed(1)}–${r.maxMs.toFixed(1)}] / ${r.afterLoadMs.toFixed(1)} ms`.padEnd(50)} ${r.beforeLoadMs.toFixed(1)} ms`);
    const floor = rows.at(-1)!;
    for (const r of rows.slice(0, -2)) console.log(`  ${r.variant}: ${(r.medianMs - rows.at(-2)!.medianMs).toFixed(1)} ms over the same listeners doing nothing evaluating before the load event, ${(r.beforeLoadMs - rows.at(-2)!.beforeLoadMs).toFixed(1)} ms before the load event`);
    for (const r of rows.slice(0, -1)) console.log(`  ${r.variant}: ${(r.medianMs - floor.medianMs).toFixed(1)} ms over the floor evaluating before the load event, ${(r.beforeLoadMs - floor.beforeLoadMs).toFixed(1)} ms before the load event`);
    return rows;
  } finally {
    for (const v of variants) await v.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--against');
  const against = at >= 0 ? args.splice(at, 2)[1] : undefined;
  main(Number(args[0] ?? 10), against).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
