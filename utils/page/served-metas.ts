import { metaTagsInText, type MetaAttr } from '../signals/noscript-metas';

/** How much of the served HTML is read for metas (characters); the rest is left to the live DOM. */
export const MAX_SERVED_HTML_CHARS = 2 * 1024 * 1024;
/** How long Collect waits for the served HTML before reading the live DOM alone. */
const SERVED_HTML_TIMEOUT_MS = 5000;

/**
 * The `<meta>` tags of a page's head as its server sent it: the HTML up to where its body starts
 * (`<body`), with comments and the contents of `<script>` and `<style>` left out (not markup),
 * everything else read, `<noscript>` included (as noscript-metas.ts reads it). Linear: each
 * skipped part is found with indexOf.
 *
 * Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): a robots
 * or TDMRep meta the owner's server wrote into the page is the owner's opt-out, even when a
 * script removes or rewrites it once the page runs (a head manager replacing the served metas, a
 * script setting `content="index, follow"`). Read from the live document alone, such a page read
 * as having no opt-out and its images were kept. Crawlers read the HTML as served (Google may not
 * run the scripts of a page whose served HTML says noindex), so both are read: the served head's
 * metas and the live document's (a meta a script adds, or one in the body, refuses too). Only the
 * head is read from what was served: robots metas belong there (HTML allows `<meta name>` only in
 * the head), and Collect need not wait for the rest of the page to arrive (issue 17).
 */
export function metaTagsInServedHtml(html: string): MetaAttr[] {
  return metaTagsInText(servedHead(html).text);
}

/** The served HTML's markup before its body starts, skipped parts left out; `complete` once the body's start was seen. */
export function servedHead(html: string): { text: string; complete: boolean } {
  const text = html.length > MAX_SERVED_HTML_CHARS ? html.slice(0, MAX_SERVED_HTML_CHARS) : html;
  const lower = text.toLowerCase();
  const kept: string[] = [];
  const skipped = new SkippedParts(lower);
  let at = 0;
  // Where the body starts: found once, and again only when that one lay in a skipped part.
  let body = indexOfTag(lower, 'body', 0);
  for (;;) {
    const next = skipped.next(at);
    const until = next ? next.start : text.length;
    if (body >= 0 && body < at) body = indexOfTag(lower, 'body', at);
    if (body >= 0 && body < until) {
      kept.push(text.slice(at, body));
      return { text: kept.join(' '), complete: true };
    }
    kept.push(text.slice(at, until));
    if (!next) break;
    const end = lower.indexOf(next.close, next.start + next.open);
    if (end < 0) break; // unclosed to the end: nothing after it is markup
    at = end + next.close.length;
  }
  return { text: kept.join(' '), complete: false };
}

/** What is not markup: a comment, a script, a style (its opener's length and what closes it). */
const SKIPPED = [
  { find: (lower: string, from: number) => lower.indexOf('<!--', from), open: 4, close: '-->' },
  { find: (lower: string, from: number) => indexOfTag(lower, 'script', from), open: 7, close: '</script' },
  { find: (lower: string, from: number) => indexOfTag(lower, 'style', from), open: 6, close: '</style' },
] as const;

/**
 * The next comment, script or style at or after a position that only moves forward. Each kind's
 * next start is remembered until the reading passes it: searched again from the start of every
 * skipped part, a kind the page lacks (thousands of comments, no <style>) was looked for to the
 * end each time, quadratic in the page.
 */
class SkippedParts {
  private readonly starts: number[] = SKIPPED.map(() => -2); // -2: not searched yet; -1: none left
  constructor(private readonly lower: string) {}

  next(from: number): { start: number; open: number; close: string } | null {
    let best = -1;
    for (let k = 0; k < SKIPPED.length; k++) {
      if (this.starts[k] === -2 || (this.starts[k]! >= 0 && this.starts[k]! < from)) this.starts[k] = SKIPPED[k]!.find(this.lower, from);
      const start = this.starts[k]!;
      if (start >= 0 && (best < 0 || start < this.starts[best]!)) best = k;
    }
    return best < 0 ? null : { start: this.starts[best]!, open: SKIPPED[best]!.open, close: SKIPPED[best]!.close };
  }
}

/** Where `<name` opens a tag of that name (followed by whitespace, `>` or `/`) at or after `from`; -1 when none. */
function indexOfTag(lower: string, name: string, from: number): number {
  for (let i = lower.indexOf(`<${name}`, from); i >= 0; i = lower.indexOf(`<${name}`, i + 1)) {
    const after = lower[i + name.length + 1];
    if (after === undefined || /[\s>/]/.test(after)) return i;
  }
  return -1;
}

/**
 * The served HTML's metas of the page at `url` (metaTagsInServedHtml), for Collect's scanner on the
 * top page: asked of the browser's HTTP cache first (`force-cache`: the response the page was
 * loaded from, whatever its age), else of the site, as the page's own request is made. An answer
 * that is not the page's HTML (an error, a redirect elsewhere, not HTML) or none within 5 s adds
 * nothing: the live document is read as before.
 */
export async function readServedMetaTags(url: string, fetchImpl: typeof fetch = fetch): Promise<MetaAttr[]> {
  if (!/^https?:/i.test(url)) return [];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), SERVED_HTML_TIMEOUT_MS);
  try {
    const address = url.split('#')[0]!;
    const res = await fetchImpl(address, { cache: 'force-cache', credentials: 'same-origin', signal: controller.signal });
    if (!res.ok || res.redirected || !/html/i.test(res.headers.get('content-type') ?? '') || !res.body) {
      await res.body?.cancel();
      return [];
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let html = '';
    let head = servedHead('');
    while (html.length < MAX_SERVED_HTML_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      html += value;
      // The head is all that is read (metaTagsInServedHtml): the rest of the page is not waited for.
      if (/<body/i.test(value) && (head = servedHead(html)).complete) break;
    }
    await reader.cancel().catch(() => undefined);
    // Read once: where the body's start was seen, that reading is the head.
    return metaTagsInText((head.complete ? head : servedHead(html)).text);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}
