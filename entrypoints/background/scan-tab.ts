/**
 * What the background injects into a tab to find its images: one scan of every frame (Collect),
 * or a scroll watcher (collect while scrolling), each handed the collect's options first.
 */
import type { PageSignals, ScannedFrameSignals, ScannedPageSignals } from '@/utils/page/page-signals';
import { framesOfReports, pageSignalsFromScan } from '@/utils/page/received-signals';
import { ScanLimitSchema } from '@/utils/messages/messages';
import { ScannedFrameSignalsSchema, ScannedPageSignalsSchema } from '@/utils/messages/page-signals-schema';
import { fromScanAnswer } from '@/utils/scan/scan-answer';
import { SCAN_OPTIONS_GLOBAL, type HandedScanOptions } from '@/utils/scan/handed-options';
import type { ScanLimit } from '@/utils/scan/options';
import type { Settings } from '@/utils/model/settings';
import { ImageCandidateSchema, withFrame, withReportOf, type FrameOfImage, type ImageCandidate } from '@/utils/policy/verdict';
import { z } from 'zod';
import { lazily } from '@/utils/model/lazily';
import { MAX_PAGE_URL } from '@/utils/model/page-url';
import { TIMED_OUT, withDeadline } from './deadline';

/** A hostile or broken frame's report is dropped whole; the caps bound what a page can send. */
const ScanResultSchema = lazily(() => z.object({
  // The top frame's page signals; a child frame sends its own metas only (scanner.ts).
  page: z.union([ScannedPageSignalsSchema, ScannedFrameSignalsSchema]),
  candidates: z.array(z.unknown()).max(20_000),
  limit: ScanLimitSchema.nullable().catch(null),
}));

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

/** How long one frame may take to answer the scan (its own scan stops at 5 s); one that does not is left out and reported. */
export const FRAME_ANSWER_MS = 10_000;
/** How long the tab's frames may take to say they are there at all. */
const FRAME_LIST_MS = 5_000;

/** One frame of the tab, and the document it showed when the collect began. */
export interface TabFrame {
  frameId: number;
  documentId: string;
  url: string;
}

/**
 * DESIGN.md §2: "A collect reads the document it assessed: if the tab navigated meanwhile, the
 * scan is discarded and the job ends with an error saying so."
 */
export const NAVIGATED_ERROR =
  'The tab changed page (it navigated, reloaded or changed its address) while Heed was reading it, so the scan was discarded and nothing was collected. Collect again on the page you want.';

const NO_ANSWER_ERROR = `The page did not answer Heed's scan within ${FRAME_ANSWER_MS / 1000} s, so nothing was collected. Try again once the page has finished loading.`;

/** The note for frames that did not answer in time (their images were not looked at). */
export function silentFramesNote(count: number | 'some'): string {
  const which = count === 'some' ? 'Some frames' : count === 1 ? 'One frame' : `${count} frames`;
  return `${which} of this page (an embedded page, e.g. an ad or a video) did not answer Heed's scan within ${FRAME_ANSWER_MS / 1000} s: images in ${count === 1 ? 'it' : 'them'} were not checked or collected.`;
}

/** A frame's address, up to the page-address cap (a longer main frame is refused before the scan: collector.ts). */
const FrameUrlSchema = lazily(() => z.string().max(MAX_PAGE_URL));

/**
 * The frames of the tab as they are now, the main frame first, each with its document's id:
 * later steps inject into these documents only, so a frame that navigated meanwhile is not
 * read under another document's assessment. The answer does not wait for frames to finish
 * loading; `complete` is false when the frames did not all answer in time (then only the main
 * frame is listed). A tab Heed cannot script throws.
 */
export async function listFrames(tabId: number): Promise<{ frames: TabFrame[]; complete: boolean }> {
  const probe = (target: { tabId: number; allFrames: true } | { tabId: number; frameIds: number[] }) =>
    browser.scripting.executeScript({ target, injectImmediately: true, func: () => location.href });
  const toFrames = (results: Awaited<ReturnType<typeof probe>>): TabFrame[] =>
    results
      .flatMap((r) => {
        const url = FrameUrlSchema.safeParse(r.result);
        return url.success && r.documentId ? [{ frameId: r.frameId, documentId: r.documentId, url: url.data }] : [];
      })
      .sort((a, b) => a.frameId - b.frameId);
  const all = await withDeadline(probe({ tabId, allFrames: true }), FRAME_LIST_MS);
  if (all !== TIMED_OUT) return { frames: toFrames(all), complete: true };
  const main = await withDeadline(probe({ tabId, frameIds: [0] }), FRAME_LIST_MS);
  if (main === TIMED_OUT) throw new Error(NO_ANSWER_ERROR);
  return { frames: toFrames(main), complete: false };
}

/** The main frame's document now, if it is still `frame`'s (false: the tab navigated or closed). */
export async function stillShowing(tabId: number, frame: TabFrame): Promise<boolean> {
  try {
    const answer = await withDeadline(
      browser.scripting.executeScript({ target: { tabId, documentIds: [frame.documentId] }, injectImmediately: true, func: () => location.href }),
      FRAME_LIST_MS,
    );
    return answer !== TIMED_OUT && answer[0]?.result === frame.url;
  } catch {
    return false; // the document is gone
  }
}

/**
 * Inject `file` into one frame's document, handing it its options first (handed-options.ts):
 * the tab-wide ones, then what is the frame's own. Resolves to the script's result, 'gone' when
 * the document is no longer there, or TIMED_OUT when it did not answer within FRAME_ANSWER_MS.
 */
async function injectIntoFrame(
  tabId: number,
  frame: TabFrame,
  file: '/scanner.js' | '/scanner-watch.js',
  { options, perFrame }: TabScanOptions,
): Promise<{ result: unknown } | 'gone' | typeof TIMED_OUT> {
  const target = { tabId, documentIds: [frame.documentId] };
  const own = perFrame.get(frame.frameId);
  const run = async () => {
    await browser.scripting.executeScript({
      target,
      func: (key: string, handed: HandedScanOptions) => {
        (globalThis as Record<string, unknown>)[key] = handed;
      },
      args: [SCAN_OPTIONS_GLOBAL, { ...options, ...own }],
    });
    const [r] = await browser.scripting.executeScript({ target, files: [file] });
    return { result: r?.result };
  };
  return withDeadline(
    run().catch((): 'gone' => 'gone'),
    FRAME_ANSWER_MS,
  );
}

/**
 * Run the scanner in each listed frame (the documents `listFrames` found) and merge candidates
 * by URL. Each candidate is validated on its own, so one malformed entry never loses the rest.
 * The main frame must answer from the listed document: if it is gone the tab navigated
 * (NAVIGATED_ERROR), if it does not answer in time the collect cannot go on. Another frame that
 * does not answer in time is counted in `silentFrames` and the rest carries on.
 * `limits`: the caps any frame's scan stopped at, each once; `reportedByFrame`: the URLs each
 * frame reported; `frameSignals`: what each child frame that answered said of itself.
 */
export async function scanTab(
  tabId: number,
  frames: readonly TabFrame[],
  options: TabScanOptions,
): Promise<Omit<FramesScan, 'page'> & { page: PageSignals }> {
  const { page, ...rest } = await scanFrames(tabId, frames, options);
  if (!page) throw new Error('The page could not be scanned');
  return { page: pageSignalsFromScan(page), ...rest };
}

/** What the scan of some frames found (scanTab); `page`: the main frame's page signals, when it was among them and answered. */
export interface FramesScan {
  page: ScannedPageSignals | null;
  candidates: ImageCandidate[];
  limits: ScanLimit[];
  reportedByFrame: Map<number, string[]>;
  frameSignals: Map<number, FrameOfImage[]>;
  /** What each child frame that answered said of itself, by frame id: the frames above a frame scanned later are matched among them. */
  childReports: Map<number, ScannedFrameSignals>;
  silentFrames: number;
}

/**
 * scanTab's work for any of the tab's frames: the child frames a watching collect finds later are
 * scanned so too (collector.ts coverFrames), `known` being what the tab's frames scanned before
 * said of themselves, among which the frames above them are found (received-signals.ts framesOfReports).
 */
export async function scanFrames(tabId: number, frames: readonly TabFrame[], options: TabScanOptions, known: ReadonlyMap<number, ScannedFrameSignals> = new Map()): Promise<FramesScan> {
  const answers = await Promise.all(frames.map(async (frame) => ({ frame, answer: await injectIntoFrame(tabId, frame, '/scanner.js', options) })));
  let page: ScannedPageSignals | null = null;
  let silentFrames = 0;
  const byUrl = new Map<string, ImageCandidate>();
  const limits = new Set<ScanLimit>();
  const reportedByFrame = new Map<number, string[]>();
  const read: { frameId: number; candidates: unknown[] }[] = [];
  const childReports = new Map<number, ScannedFrameSignals>();
  for (const { frame, answer } of answers) {
    if (frame.frameId === 0 && answer === 'gone') throw new Error(NAVIGATED_ERROR);
    if (frame.frameId === 0 && answer === TIMED_OUT) throw new Error(NO_ANSWER_ERROR);
    if (answer === TIMED_OUT) silentFrames++;
    if (typeof answer !== 'object') continue; // gone, or silent
    const parsed = ScanResultSchema.safeParse(fromScanAnswer(answer.result));
    if (!parsed.success) {
      console.error('Heed: dropped a frame’s scan report that failed validation', parsed.error.issues.slice(0, 3));
      continue;
    }
    if (frame.frameId === 0) {
      const top = parsed.data.page;
      if (!('licence' in top)) continue; // the main frame said less than a page: not scanned (below)
      page = top;
    } else childReports.set(frame.frameId, parsed.data.page);
    if (parsed.data.limit) limits.add(parsed.data.limit);
    read.push({ frameId: frame.frameId, candidates: parsed.data.candidates });
  }
  // A frame's own robots metas and TDMRep meta go with the images found in it (verdict.ts
  // `frames`), and a siteless frame's writer's too (received-signals.ts framesOfReports).
  const shownIn = framesOfReports(new Map([...known, ...childReports]));
  const frameSignals = new Map<number, FrameOfImage[]>([...childReports.keys()].map((id) => [id, shownIn.get(id)!]));
  for (const { frameId, candidates } of read) {
    const reported: string[] = [];
    const frameInfo = frameSignals.get(frameId);
    for (const raw of candidates) {
      const c = ImageCandidateSchema.safeParse(raw);
      if (!c.success) continue;
      reported.push(c.data.url);
      const report = frameInfo ? { ...c.data, frames: frameInfo.reduce<FrameOfImage[] | undefined>(withFrame, c.data.frames) } : c.data;
      const known = byUrl.get(c.data.url);
      // Every frame's report of an image counts (verdict.ts withReportOf), as in the scroll watch.
      byUrl.set(c.data.url, known ? withReportOf(known, report) : report);
    }
    reportedByFrame.set(frameId, reported);
  }
  return { page, candidates: [...byUrl.values()], limits: [...limits], reportedByFrame, frameSignals, childReports, silentFrames };
}

type WatchGlobals = typeof globalThis & { __heedJobId?: string; __heedStopWatch?: () => void };

/** Start the scroll watcher in each listed frame, tagged with the job it reports to; a frame that does not answer in time is left out. */
export async function startWatcher(tabId: number, jobId: string, frames: readonly TabFrame[], options: TabScanOptions): Promise<void> {
  await Promise.all(
    frames.map(async (frame) => {
      const tagged = browser.scripting
        .executeScript({
          target: { tabId, documentIds: [frame.documentId] },
          func: (id: string) => {
            (globalThis as WatchGlobals).__heedJobId = id;
          },
          args: [jobId],
        })
        .then(() => true, () => false);
      if ((await withDeadline(tagged, FRAME_ANSWER_MS)) === true) await injectIntoFrame(tabId, frame, '/scanner-watch.js', options);
    }),
  );
}

/** Stop the scroll watcher in every frame of the tab (the tab may be gone; a frame that does not answer is not waited for). */
export async function stopWatcher(tabId: number): Promise<void> {
  const stopped = browser.scripting
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
  await withDeadline(stopped, FRAME_LIST_MS);
}
