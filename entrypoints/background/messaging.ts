import type { HeedDatabase } from '@/utils/store/db';
import type { StoredSettings } from '@/utils/store/stored-settings';
import { CsToBgSchema, PopupToBgSchema, type PopupToBg, type SiteStatusView } from '@/utils/messages/messages';
import type { PageSignals } from '@/utils/page/page-signals';
import { pageSignalsFromRaw, pageSignalsFromScan } from '@/utils/page/received-signals';
import { RawPageSignalsSchema, ScannedPageSignalsSchema } from '@/utils/messages/page-signals-schema';
import type { Settings } from '@/utils/model/settings';
import { pageUrlTooLong } from '@/utils/model/page-url';
import { jobView, type Collector } from './collector';
import type { OriginSignals } from './origin-signals';
import { assessSite } from './site-assessment';
import { getTabState, updateTabState } from './tab-state';
import { showStatusBadge } from './badge';
import { showNotice } from '@/utils/page/in-page-notice';
import { noticeFor } from '@/utils/ui/site-notice';
import { SiteStatusReadings } from '@/utils/policy/site-status';

/** The background's long-lived services, opened on first use in each worker life (entrypoints/background/index.ts). */
export interface Services {
  db: HeedDatabase;
  origins: OriginSignals;
  collector: Collector;
  /** The stored settings, read once and kept until a save is announced. */
  settings: StoredSettings;
}

export type Sender = Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1];

/** Whether a message comes from one of Heed's own pages (popup, options), not a web page. */
function fromExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
}

/**
 * The page's full signals, read afresh in its main frame; when the page cannot be scripted
 * (e.g. it is still loading), what the always-on script sent stands in.
 */
async function pageSignalsFor(tabId: number, pageUrl: string): Promise<PageSignals> {
  try {
    const [main] = await browser.scripting.executeScript({ target: { tabId }, files: ['/page-reader.js'] });
    const parsed = ScannedPageSignalsSchema.safeParse(main?.result);
    if (parsed.success) return pageSignalsFromScan(parsed.data);
  } catch {
    // fall through to the always-on script's report
  }
  const state = await getTabState(tabId);
  if (state?.signals && state.signals.url === pageUrl) return state.signals; // read at this very address
  throw new Error('The page could not be read');
}

/** The stored settings, strictly (settingsForDeciding): unusable ones are an error the popup shows, never defaults. */
async function usableSettings(stored: StoredSettings): Promise<Settings> {
  const loaded = await stored.current();
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.settings;
}

/** The readings of each tab's site status under way: only the newest, of the page shown, reaches the badge. */
const badgeReadings = new SiteStatusReadings();

/** Assess the tab's page and show the result on its badge; `known` signals skip reading the page. */
async function siteStatusFor({ settings: stored, origins }: Services, tabId: number, known?: PageSignals): Promise<SiteStatusView> {
  const reading = badgeReadings.begin(tabId);
  const tab = await browser.tabs.get(tabId);
  const pageUrl = tab.url ?? '';
  if (!/^https?:/.test(pageUrl)) return { pageUrl, status: 'unknown', reasons: [], evidence: [] };
  const tooLong = pageUrlTooLong(pageUrl);
  if (tooLong) throw new Error(tooLong);
  const settings = await usableSettings(stored);
  const signals = known && known.url === pageUrl ? known : await pageSignalsFor(tabId, pageUrl);
  const site = await assessSite(origins, tabId, pageUrl, signals, settings);
  const shown = await browser.tabs.get(tabId).then((t) => t.url, () => undefined);
  if (badgeReadings.mayShow(tabId, reading, pageUrl, shown)) await showStatusBadge(tabId, site.status);
  return { pageUrl, status: site.status, reasons: site.reasons, evidence: site.evidence };
}

async function handlePopup(msg: PopupToBg, services: Services): Promise<unknown> {
  const { db, collector } = services;
  switch (msg.type) {
    case 'popup-bg-site-status':
      return siteStatusFor(services, msg.tabId);
    case 'popup-bg-collect':
      return jobView(db, await collector.start(msg.tabId, { watch: msg.watch }));
    case 'popup-bg-stop-watching':
      return { stopped: await collector.stopWatching(msg.jobId) };
    case 'popup-bg-job': {
      const job = await collector.latest(msg.tabId);
      return job ? jobView(db, job, msg.sinceSeq) : null;
    }
    case 'popup-bg-cancel':
      return { cancelled: await collector.cancel(msg.jobId) };
  }
}

/** The worker's reply to a message, or null for none (a content script's report; a message dropped). */
export type Answer = { reply: { ok: true; value: unknown } | { ok: false; error: string } } | null;

/** Answer one incoming message: validate it, check its sender, reply with data (never throw). */
export async function answerMessage(services: Services, raw: unknown, sender: Sender): Promise<Answer> {
  const popup = PopupToBgSchema.safeParse(raw);
  if (popup.success && fromExtensionPage(sender)) {
    try {
      return { reply: { ok: true, value: await handlePopup(popup.data, services) } };
    } catch (err) {
      return { reply: { ok: false, error: err instanceof Error ? err.message : String(err) } };
    }
  }
  const cs = CsToBgSchema.safeParse(raw);
  if (cs.success && cs.data.type === 'cs-bg-scan-more' && sender.tab?.id !== undefined) {
    const { jobId, candidates, limit, frame, page } = cs.data;
    void services.collector.addCandidates(jobId, sender.tab.id, candidates, limit, { frameId: sender.frameId, report: frame ?? null, page: page ?? null }).catch(() => undefined);
    return null;
  }
  console.error('Heed: dropped an invalid or unauthorised message', raw);
  return null;
}

/**
 * Once a tab's page has loaded: read its rights markup (a tiny script, injected only now, so
 * nothing of Heed's runs on the page's way to its load event: issue 17), show the site status
 * on the badge, and on a blocked site the in-page notice.
 */
export async function showSiteStatusOnceLoaded(services: Services, tabId: number): Promise<void> {
  const [main] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/page-signals.js'] });
  const raw = RawPageSignalsSchema.safeParse(main?.result);
  if (!raw.success) return;
  const signals = pageSignalsFromRaw(raw.data);
  await updateTabState(tabId, signals.url, { signals });
  const site = await siteStatusFor(services, tabId, signals);
  const { inPageNotice } = await usableSettings(services.settings);
  const notice = inPageNotice ? noticeFor(site) : null;
  // Injected only where needed, so the page-signals script carries no notice code.
  if (notice) await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: showNotice, args: [notice] });
}

/** The site status of every open web page that has loaded, one after another. */
export async function showSiteStatusOfOpenTabs(services: Services): Promise<void> {
  const tabs = await browser.tabs.query({ status: 'complete', url: ['http://*/*', 'https://*/*'] });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    await showSiteStatusOnceLoaded(services, tab.id).catch(() => undefined); // the tab may have closed meanwhile
  }
}
