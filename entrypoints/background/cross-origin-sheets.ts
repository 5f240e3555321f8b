import type { HandedScanOptions } from '@/utils/scan/handed-options';
import { listUnreadableSheets } from '@/utils/scan/unreadable-sheets';
import { z } from 'zod';
import { lazily } from '@/utils/model/lazily';
import { fetchLimited } from './fetch-limited';
import { TIMED_OUT, withDeadline } from './deadline';

/** Frames that have not listed their sheets by then are swept by their scanner instead. */
const LIST_TIMEOUT_MS = 3000;

/** At most this many sheets per collect, each at most MAX_SHEET_BYTES, together MAX_TOTAL_BYTES. */
const MAX_SHEETS = 20;
const MAX_SHEET_BYTES = 2 * 1024 * 1024;
const MAX_TOTAL_BYTES = 8 * 1024 * 1024;
/** A sheet slower than this is left to the scanner's sweep rather than delay the collect. */
const SHEET_TIMEOUT_MS = 2000;

const SheetListSchema = lazily(() => z.array(z.string().max(8192).regex(/^https?:\/\//i)).max(MAX_SHEETS));

/**
 * The text of the tab's cross-origin stylesheets by URL, as each frame's handed `cssTexts`,
 * fetched (once each) from the hosts the page loaded them from, without cookies like every
 * request Heed makes. With it the scanner reads their image rules as it does the page's own,
 * instead of computing every element's style and both pseudo-elements (a blind sweep that
 * costs the page about three naive scans). A sheet that cannot be fetched, is too large or is
 * not CSS is left out: the scanner sweeps for it as before. Only the listed documents (the
 * ones the collect scans) are asked, and a page that does not answer in time is not waited
 * for. Never throws.
 */
export async function readCrossOriginSheets(tabId: number, documentIds: string[]): Promise<Map<number, HandedScanOptions>> {
  const hrefs = new Set<string>();
  const byFrame = new Map<number, string[]>();
  try {
    if (documentIds.length === 0) return new Map();
    const frames = await withDeadline(browser.scripting.executeScript({ target: { tabId, documentIds }, func: listUnreadableSheets, args: [MAX_SHEETS] }), LIST_TIMEOUT_MS);
    if (frames === TIMED_OUT) return new Map();
    for (const frame of frames) {
      const list = SheetListSchema.safeParse(frame.result);
      if (!list.success || !list.data.length) continue;
      byFrame.set(frame.frameId, list.data);
      for (const href of list.data) if (hrefs.size < MAX_SHEETS) hrefs.add(href);
    }
  } catch {
    return new Map(); // a page Heed cannot script: the scan itself will say so
  }
  const texts: Record<string, string> = {};
  let total = 0;
  const fetched = await Promise.all([...hrefs].map((href) => fetchLimited(href, MAX_SHEET_BYTES, SHEET_TIMEOUT_MS)));
  for (const r of fetched) {
    if (r.outcome !== 'ok' || r.truncated || total + r.bytes.length > MAX_TOTAL_BYTES) continue;
    const type = r.headers.get('content-type') ?? 'text/css';
    if (!/^\s*text\/css\b/i.test(type)) continue; // an error page or anything else is not the sheet
    total += r.bytes.length;
    texts[r.url] = new TextDecoder().decode(r.bytes);
  }
  const out = new Map<number, HandedScanOptions>();
  for (const [frameId, list] of byFrame) {
    const own = Object.fromEntries(list.filter((href) => href in texts).map((href) => [href, texts[href]!]));
    if (Object.keys(own).length) out.set(frameId, { cssTexts: own });
  }
  return out;
}
