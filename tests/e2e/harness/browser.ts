import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';

/** The built extension; `HEED_EXTENSION_DIR` points the harness at another build (a benchmark's "before"). */
export const EXTENSION_DIR = process.env.HEED_EXTENSION_DIR ?? resolve(import.meta.dirname, '../../../.output/chrome-mv3');

/** The Chromium to drive: $CHROME_PATH, else Debian's /usr/bin/chromium. */
export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium not found. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) ' +
        'or point CHROME_PATH at a Chromium/Chrome binary.',
    );
  }
  return found;
}

/**
 * Flags for Chromium on these machines: no sandbox as root, no GPU, and no background network
 * traffic (the network is closed); `*.test` hosts resolve to this machine's fixture server.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP *.test 127.0.0.1',
];

export interface HeedBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
}

export interface LaunchOptions {
  headed?: boolean;
  userDataDir?: string;
  /** Replaces CHROMIUM_ARGS' `MAP *.test 127.0.0.1` (e.g. real host names served locally). */
  hostResolverRules?: string;
  /** More Chromium flags (e.g. the one certificate to trust). */
  extraArgs?: string[];
}

/** Launch Chromium with the built extension loaded and `*.test` (or `hostResolverRules`) mapped to this machine. */
export async function launchHeed(opts: LaunchOptions = {}): Promise<HeedBrowser> {
  if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const headed = opts.headed ?? false;
  const context = await chromium.launchPersistentContext(opts.userDataDir ?? '', {
    executablePath: findChromium(),
    headless: !headed,
    acceptDownloads: true,
    args: [
      ...(headed ? [] : ['--headless=new']),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...CHROMIUM_ARGS.map((arg) => (opts.hostResolverRules && arg.startsWith('--host-resolver-rules=') ? `--host-resolver-rules=${opts.hostResolverRules}` : arg)),
      ...(opts.extraArgs ?? []),
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  await heedDatabaseCreated(serviceWorker);
  return { context, extensionId, serviceWorker };
}

/**
 * Wait until Heed's database exists. The worker opens its services on first use (issue 17), a
 * fresh install included (runtime.onInstalled), and they create the database: a test that reads
 * or writes it directly before then would create an empty one of its own.
 */
async function heedDatabaseCreated(worker: Worker): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await worker.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'heed')))) {
    if (Date.now() > deadline) throw new Error("Heed's worker did not create its database within 15 s of starting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The extension's id for a tab showing `url` (the popup binds to it with ?tabId=). */
export async function tabIdFor(heed: HeedBrowser, page: Page): Promise<number> {
  const url = page.url();
  const sw = heed.context.serviceWorkers()[0] ?? heed.serviceWorker;
  const id = await sw.evaluate(async (target) => {
    type Tab = { id?: number; url?: string };
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Tab[]> } } }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => t.url === target)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`No tab found for ${url}`);
  return id;
}

/** Open the popup bound to a tab, as a page (Playwright cannot attach to the real action popup). */
export async function openPopup(heed: HeedBrowser, tabId: number): Promise<Page> {
  const popup = await heed.context.newPage();
  await popup.setViewportSize({ width: 440, height: 640 }); // about the size Chromium gives the real popup
  await popup.goto(`chrome-extension://${heed.extensionId}/popup.html?tabId=${tabId}`);
  return popup;
}
