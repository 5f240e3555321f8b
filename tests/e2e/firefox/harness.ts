/**
 * Heed in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (no browser is
 * downloaded: Playwright's Firefox would be). The same fixture server as the Chromium suite
 * (../harness/server.ts) serves the `*.test` sites; Firefox has no --host-resolver-rules, so a
 * PAC script sends `*.test` requests to that server as an HTTP proxy (it picks the site by Host).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expect } from '@playwright/test';
import { FIREFOX_GECKO } from '../../../wxt.config';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/firefox-mv3');

/** The Firefox to drive: $FIREFOX_PATH, else Debian's /usr/bin/firefox-esr. */
export function findFirefox(): string {
  const found = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Firefox not found. Install it with `apt-get install -y firefox-esr` (Debian) or point FIREFOX_PATH at a Firefox binary.');
  return found;
}

/** The moz-extension:// host Heed gets: fixed through `extensions.webextensions.uuids` before launch. */
export const HEED_UUID = '6f1c2b9e-0d7a-4c1e-9a55-1e0b4c7d2f10';
const ORIGIN = `moz-extension://${HEED_UUID}`;

/** One WebDriver BiDi command on puppeteer's session (for what puppeteer has no method for). */
type BidiSession = { send(method: string, params: object): Promise<{ result: any }> };
const sessionOf = (page: Page): BidiSession => (page.mainFrame() as any).browsingContext.userContext.browser.session;
const contextOf = (page: Page): { navigate(url: string, wait: string): Promise<unknown> } => (page.mainFrame() as any).browsingContext;

export interface FirefoxHeed {
  browser: Browser;
  /** Where `<a download>` saves (exports). */
  downloads: string;
  open(url: string): Promise<Page>;
  /** Open one of Heed's pages (`popup.html?tabId=1`, `options.html`) in a new tab. */
  openOwn(path: string): Promise<Page>;
  tabIdFor(url: string): Promise<number>;
  /** Stop Heed's background (event page) as Firefox does when it idles out; the next event restarts it. Returns its state after. */
  terminateBackground(): Promise<string>;
  close(): Promise<void>;
}

/** Launch Firefox ESR with the Firefox build installed as a temporary add-on and `*.test` served on `sitesPort`. */
export async function launchFirefoxHeed(sitesPort: number): Promise<FirefoxHeed> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\` first.`);
  }
  const downloads = mkdtempSync(join(tmpdir(), 'heed-ff-downloads-'));
  const pac = `function FindProxyForURL(url, host) { return dnsDomainIs(host, '.test') ? 'PROXY 127.0.0.1:${sitesPort}' : 'DIRECT'; }`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    enableExtensions: true,
    // Lets BiDi open moz-extension:// pages and reach the parent process (terminateBackground).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_GECKO.id]: HEED_UUID }),
      'network.proxy.type': 2,
      'network.proxy.autoconfig_url': `data:text/javascript,${encodeURIComponent(pac)}`,
      // permissions.request() answers without a doorhanger (nobody can click it headless).
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (id !== FIREFOX_GECKO.id) throw new Error(`Installed ${id}, expected ${FIREFOX_GECKO.id}`);

  const open = async (url: string) => {
    const page = await browser.newPage();
    await page.goto(url);
    return page;
  };
  const openOwn = async (path: string) => {
    const page = await browser.newPage();
    // page.goto waits for network events an extension page never sends: navigate over BiDi.
    await contextOf(page).navigate(`${ORIGIN}/${path}`, 'complete');
    return page;
  };
  let api: Page | null = null;
  const tabIdFor = async (url: string) => {
    api ??= await openOwn('popup.html?tabId=-1');
    const id = await api.evaluate(async (target) => {
      const tabs: { id?: number; url?: string }[] = await (globalThis as any).browser.tabs.query({});
      return tabs.find((t) => t.url === target)?.id ?? null;
    }, url);
    if (id === null) throw new Error(`No tab found for ${url}`);
    return id;
  };
  const terminateBackground = async () => {
    const page = (await browser.pages())[0]!;
    const session = sessionOf(page);
    const tree = await session.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const expression = `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(FIREFOX_GECKO.id)});
      await ext.terminateBackground();
      return ext.backgroundState;
    })()`;
    const answer = await session.send('script.evaluate', { expression, target: { context: tree.result.contexts[0].context }, awaitPromise: true });
    return String(answer.result?.result?.value ?? JSON.stringify(answer.result));
  };
  return {
    browser,
    downloads,
    open,
    openOwn,
    tabIdFor,
    terminateBackground,
    close: async () => {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** An attribute of the first element with `testId`, '' when absent. */
export function attr(page: Page, testId: string, name: string): Promise<string> {
  return page.evaluate(
    (t, n) => document.querySelector(`[data-testid="${t}"]`)?.getAttribute(n) ?? '',
    testId,
    name,
  );
}

export interface VerdictRow {
  url: string;
  decision: string;
  reasons: string[];
}

/** The popup bound to a tab, read through its automation contract (DESIGN.md §4). */
export class FirefoxPopup {
  constructor(
    readonly page: Page,
    private readonly heed: FirefoxHeed,
  ) {}

  static async forTab(heed: FirefoxHeed, tabId: number): Promise<FirefoxPopup> {
    const page = await heed.openOwn(`popup.html?tabId=${tabId}`);
    const popup = new FirefoxPopup(page, heed);
    await expect.poll(() => popup.siteStatus(), { timeout: 15_000 }).not.toBe('');
    return popup;
  }

  siteStatus(): Promise<string> {
    return attr(this.page, 'site-status', 'data-status');
  }

  siteReasons(): Promise<string[]> {
    return this.page.evaluate(() => [...document.querySelectorAll('[data-testid="site-reasons"] [data-reason]')].map((e) => e.getAttribute('data-reason') ?? ''));
  }

  /** Press Collect; `wait`: until the job is no longer running. */
  async collect(wait = true): Promise<VerdictRow[]> {
    const previous = await attr(this.page, 'collect-progress', 'data-job-id');
    await this.page.click('[data-testid="collect-page"]');
    await expect.poll(() => attr(this.page, 'collect-progress', 'data-job-id'), { timeout: 15_000 }).not.toBe(previous);
    if (!wait) return [];
    await expect.poll(() => attr(this.page, 'collect-progress', 'data-state'), { timeout: 45_000 }).toMatch(/done|error/);
    return this.verdicts();
  }

  verdicts(): Promise<VerdictRow[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="verdict"]')].map((e) => ({
        url: e.getAttribute('data-url') ?? '',
        decision: e.getAttribute('data-decision') ?? '',
        reasons: (e.getAttribute('data-reasons') ?? '').split(' ').filter(Boolean),
      })),
    );
  }

  /** Click Export JSON and read the file Firefox saved. */
  async exportManifest(): Promise<{ fileName: string; manifest: any }> {
    const before = new Set(readdirSync(this.heed.downloads));
    await this.page.click('[data-testid="export-json"]');
    const saved = () => readdirSync(this.heed.downloads).filter((f) => !before.has(f) && !f.endsWith('.part'));
    // Firefox writes a .part file and renames it when it is complete, and a name listed once may
    // be gone by the next look (a placeholder replaced): each look reads every new file afresh,
    // and one that never parses says what was there (names, sizes, first bytes or the error).
    let fileName = '';
    let manifest: unknown;
    let seen = '';
    await expect
      .poll(
        () => {
          const found: string[] = [];
          for (const name of saved()) {
            try {
              const text = readFileSync(join(this.heed.downloads, name), 'utf8');
              found.push(`${name}, ${text.length} chars: ${JSON.stringify(text.slice(0, 120))}`);
              manifest = JSON.parse(text);
              fileName = name;
              return 'whole';
            } catch (err) {
              found.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
            }
          }
          seen = found.join('; ') || `no new file (the folder holds ${readdirSync(this.heed.downloads).join(', ') || 'nothing'})`;
          return `not whole yet (${seen})`;
        },
        { timeout: 30_000 },
      )
      .toBe('whole');
    expect(saved()).toEqual([fileName]);
    return { fileName, manifest };
  }
}
