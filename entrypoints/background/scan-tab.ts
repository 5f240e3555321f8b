/**
 * What the background injects into a tab to find its images: one scan of every frame (Collect),
 * or a scroll watcher (collect while scrolling), each handed the collect's options first.
 */
import type { PageSignals } from '@/utils/page/page-signals';
import { ScanLimitSchema } from '@/utils/messages/messages';
import { PageSignalsSchema } from '@/utils/messages/page-signals-schema';
import { SCAN_OPTIONS_GLOBAL, type HandedScanOptions } from '@/utils/scan/handed-options';
import type { ScanLimit } from '@/utils/scan/options';
import type { Settings } from '@/utils/model/settings';
import { ImageCandidateSchema, type ImageCandidate } from '@/utils/policy/verdict';
import { z } from 'zod';

/** A hostile or broken frame's report is dropped whole; the caps bound what a page can send. */
const ScanResultSchema = z.object({
  page: PageSignalsSchema,
  candidates: z.array(z.unknown()).max(20_000),
  limit: ScanLimitSchema.nullable().catch(null),
});

/**
 * What the user's settings ask of a scan: images smaller than "Min image side" both rendered
 * and natural are skipped. Collecting one chosen image skips nothing: the user picked it.
 */
export function scanOptionsFor(settings: Settings, oneImage = false): HandedScanOptions {
  const side = oneImage ? 0 : settings.minImageSide;
  return { minWidth: side, minHeight: side };
}

/**
 * What a collect hands the scanners of a tab: the same options to every frame, and what is a
 * frame's own by frame id — its cross-origin sheets' text (cross-origin-sheets.ts) and, for a
 * scroll watcher, the URLs the collect's scan of that frame reported.
 */
export interface TabScanOptions {
  options: HandedScanOptions;
  perFrame: ReadonlyMap<number, HandedScanOptions>;
}

/** `tab` with each frame's reported URLs added (see scanTab), for the scroll watcher. */
export function withReported(tab: TabScanOptions, reportedByFrame: ReadonlyMap<number, string[]>): TabScanOptions {
  const perFrame = new Map(tab.perFrame);
  for (const [frameId, reported] of reportedByFrame) perFrame.set(frameId, { ...perFrame.get(frameId), reported });
  return { options: tab.options, perFrame };
}

/**
 * Inject `file` into every frame of the tab, handing it its options first (handed-options.ts).
 * A frame's own options go only to that frame, so a page with many frames does not copy every
 * sheet and URL list into each of them.
 */
async function injectWithOptions(tabId: number, file: '/scanner.js' | '/scanner-watch.js', { options, perFrame }: TabScanOptions) {
  await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: (key: string, handed: HandedScanOptions) => {
      (globalThis as Record<string, unknown>)[key] = handed;
    },
    args: [SCAN_OPTIONS_GLOBAL, options],
  });
  await Promise.all(
    [...perFrame].map(([frameId, own]) =>
      browser.scripting
        .executeScript({
          target: { tabId, frameIds: [frameId] },
          func: (key: string, extra: HandedScanOptions) => {
            const handed = (globalThis as Record<string, unknown>)[key];
            if (handed && typeof handed === 'object') Object.assign(handed, extra);
          },
          args: [SCAN_OPTIONS_GLOBAL, own],
        })
        .catch(() => undefined), // the frame is gone: what was its own with it
    ),
  );
  return browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [file] });
}

/**
 * Run the scanner in every frame of the tab and merge candidates by URL. Each candidate is
 * validated on its own, so one malformed entry never loses the rest. `limits`: the caps any
 * frame's scan stopped at, each once; `reportedByFrame`: the URLs each frame reported.
 */
export async function scanTab(
  tabId: number,
  options: TabScanOptions,
): Promise<{ page: PageSignals; candidates: ImageCandidate[]; limits: ScanLimit[]; reportedByFrame: Map<number, string[]> }> {
  const results = await injectWithOptions(tabId, '/scanner.js', options);
  let page: PageSignals | null = null;
  const byUrl = new Map<string, ImageCandidate>();
  const limits = new Set<ScanLimit>();
  const reportedByFrame = new Map<number, string[]>();
  for (const r of results) {
    const parsed = ScanResultSchema.safeParse(r.result);
    if (!parsed.success) {
      console.error('Heed: dropped a frame’s scan report that failed validation', parsed.error.issues.slice(0, 3));
      continue;
    }
    if (r.frameId === 0) page = parsed.data.page;
    if (parsed.data.limit) limits.add(parsed.data.limit);
    const reported: string[] = [];
    for (const raw of parsed.data.candidates) {
      const c = ImageCandidateSchema.safeParse(raw);
      if (!c.success) continue;
      reported.push(c.data.url);
      if (!byUrl.has(c.data.url)) byUrl.set(c.data.url, c.data);
    }
    reportedByFrame.set(r.frameId, reported);
  }
  if (!page) throw new Error('The page could not be scanned');
  return { page, candidates: [...byUrl.values()], limits: [...limits], reportedByFrame };
}

type WatchGlobals = typeof globalThis & { __heedJobId?: string; __heedStopWatch?: () => void };

/** Start the scroll watcher in every frame of the tab, tagged with the job it reports to. */
export async function startWatcher(tabId: number, jobId: string, options: TabScanOptions): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: (id: string) => {
      (globalThis as WatchGlobals).__heedJobId = id;
    },
    args: [jobId],
  });
  await injectWithOptions(tabId, '/scanner-watch.js', options);
}

/** Stop the scroll watcher in every frame of the tab (the tab may be gone). */
export async function stopWatcher(tabId: number): Promise<void> {
  await browser.scripting
    .executeScript({
      target: { tabId, allFrames: true },
      func: () => {
        const g = globalThis as WatchGlobals;
        g.__heedStopWatch?.();
        delete g.__heedStopWatch;
        delete g.__heedJobId;
      },
    })
    .catch(() => undefined);
}
