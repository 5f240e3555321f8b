import { MAX_PAGE_URL } from '../model/page-url';
import { readRawMetas, type RawMeta } from './raw-page-signals';

/** How many frames up a siteless frame's owner is looked for (browsers nest frames far less deep). */
const MAX_FRAME_DEPTH = 32;
/** The most owner addresses a frame reports: the nearest ancestor's, and the document's own origin. */
export const MAX_FRAME_OWNERS = 2;
/**
 * The owner a frame names when it is the top page, which it cannot read (a `data:` frame has an
 * opaque origin) but can tell is the top: the worker reads it as the page's address.
 */
export const TOP_PAGE_OWNER = 'top';

/** Whether a document address names a site: http(s), or a `blob:`/`filesystem:` URL of an http(s) origin (site-registry.ts siteAddress). */
export function namesSite(url: string): boolean {
  return /^(?:(?:blob|filesystem):)?https?:\/\//i.test(url.trim());
}

/** `read()`, or undefined when it throws (a cross-origin frame's location, a torn-down window). */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** An http(s) origin as an address (`https://a.example/`); anything else (`null`, opaque) as none. */
const originAddress = (origin: unknown): string | null => (typeof origin === 'string' && /^https?:\/\/[^/]+$/i.test(origin) ? `${origin}/` : null);

/**
 * Whose a frame document is when its own address names no site (`about:srcdoc`, `about:blank`,
 * `data:`, `javascript:`): the address of the nearest frame above it that has a real one, and the
 * origin the document itself has (an `about:srcdoc` or `about:blank` document takes its maker's).
 * The frames above are read in full while the document can read them (same origin), so a Wayback
 * copy's frame keeps its whole address (site-registry.ts reads the archived site from it); past
 * the first it cannot read (a sandboxed frame reads none), by origin from
 * `location.ancestorOrigins` (Chromium). Decisions (DESIGN.md §2 rule 1, the reading that cannot
 * keep what the owner refused):
 * - Both the nearest ancestor and the document's own origin are its owners when they differ (a
 *   frame's `about:blank` child can be written by another frame): each one's site speaks for it.
 * - Frames siteless too are passed over, all the way up: `about:blank` inside `about:srcdoc`
 *   inside a Pinterest frame is Pinterest's.
 * - `null` when no owner could be read at all (no readable ancestor and no `ancestorOrigins`,
 *   as in Firefox inside a sandboxed frame): the worker fails closed on it, as on a frame whose
 *   headers went unread. `undefined` for a frame whose own address names its site.
 * Before, the worker was sent `about:srcdoc` alone and looked up no site for it: a blocked
 * site's frame that wrote its images into an `<iframe srcdoc>` had them kept.
 */
export function frameOwners(view: Window | null | undefined, frameUrl: string): string[] | null | undefined {
  if (namesSite(frameUrl)) return undefined;
  if (!view) return null;
  const owners: string[] = [];
  const add = (address: string | null | undefined) => {
    if (address && address.length <= MAX_PAGE_URL && !owners.includes(address)) owners.push(address);
  };
  const origins = attempt(() => {
    const list = view.location.ancestorOrigins as ArrayLike<string> | undefined;
    return list ? Array.from(list) : undefined;
  });
  const top = attempt(() => view.top);
  let current: Window = view;
  for (let level = 0; level < MAX_FRAME_DEPTH; level++) {
    const parent = attempt(() => current.parent);
    if (!parent || parent === current) break; // the top: nothing above
    const href = attempt(() => parent.location.href);
    if (typeof href !== 'string' && top && parent === top) {
      // The top page, unreadable from here (a browser without ancestorOrigins): the worker knows its address.
      add(TOP_PAGE_OWNER);
      break;
    }
    if (typeof href === 'string' && namesSite(href)) {
      add(href.length <= MAX_PAGE_URL ? href : originAddress(attempt(() => new URL(href).origin)));
      break;
    }
    if (typeof href !== 'string') {
      // Not readable from here: the nearest http(s) origin above, as the browser lists them.
      add(origins?.slice(level).map(originAddress).find((o) => o !== null));
      break;
    }
    current = parent; // readable but siteless too (srcdoc in srcdoc): one more up
  }
  // Before the document's own origin: the nearest ancestor is the owner the decision names first.
  add(originAddress(attempt(() => view.origin)));
  return owners.length > 0 ? owners.slice(0, MAX_FRAME_OWNERS) : null;
}

/** The most ancestor addresses a frame reports (frameAncestors): a frame nested deeper fails closed. */
export const MAX_FRAME_ANCESTORS = MAX_FRAME_DEPTH;

/**
 * The addresses of every frame between a frame document and the top page, nearest first (the top
 * page is left out: the worker applies its site to every image already). Each frame above that the
 * document can read (same origin) is named by its whole address (a Wayback copy keeps the site it
 * archives; one over the cap is cut, which keeps its host); one it cannot read, by its origin from
 * `location.ancestorOrigins` (Chromium). A readable frame whose address names no site (`about:srcdoc`)
 * is named by its origin. Decisions (DESIGN.md §2 rule 1, the reading that cannot keep what the owner
 * refused: the worker looks up every one of these sites in the registry and the user's block list,
 * site-registry.ts frameSiteEvidence):
 * - `null` when a frame above, other than the top page, cannot be named: no `ancestorOrigins` (Firefox
 *   before it shipped it; the ESR these tests run, 153, has it) and not readable, or listed as `null` (an opaque origin: a sandboxed frame — a page can sandbox a
 *   blocked site's frame — or one its embedder hid with `referrerpolicy="no-referrer"`), or nested
 *   deeper than MAX_FRAME_ANCESTORS. The worker then fails the frame's images closed. In a Firefox without
 *   it this refuses only images in a frame nested inside a cross-origin frame that is not the top page; a frame
 *   directly in the page, or inside frames of its own origin, names all its ancestors.
 *   `document.referrer` is not read instead: the page can set it (a referrer policy) and another frame
 *   can navigate a nested frame, so it can name a site other than the parent's.
 * - `undefined` for the top page itself.
 * Before, only a frame with no address of its own named its owners: a CDN frame inside a blocked site's
 * frame inside an unlisted page had its images kept.
 */
export function frameAncestors(view: Window | null | undefined): string[] | null | undefined {
  if (!view) return null;
  const top = attempt(() => view.top);
  const origins = attempt(() => {
    const list = view.location.ancestorOrigins as ArrayLike<string> | undefined;
    return list ? Array.from(list) : undefined;
  });
  const ancestors: string[] = [];
  let current: Window = view;
  for (let level = 0; level <= MAX_FRAME_ANCESTORS; level++) {
    const parent = attempt(() => current.parent);
    if (!parent) return null; // torn down: nothing can be said
    if (parent === current) return level === 0 ? undefined : ancestors; // `current` is the top
    if (top && parent === top) return ancestors; // the top page: its site is the page's
    if (level === MAX_FRAME_ANCESTORS) return null; // deeper than Heed reads
    const href = attempt(() => parent.location.href);
    const address = typeof href === 'string' ? (namesSite(href) ? href.slice(0, MAX_PAGE_URL) : originAddress(attempt(() => parent.origin))) : originAddress(origins?.[level]);
    if (address) {
      if (!ancestors.includes(address)) ancestors.push(address);
    } else if (typeof href !== 'string') return null; // unreadable and unnamed: it may be a blocked site's
    current = parent;
  }
  return null;
}

/**
 * The document that wrote a frame whose address names no site: `'top'` when it is the top page
 * (whose own signals bind every image on it), else its address and raw metas, read from inside
 * (it is the same origin as the frame, or the frame could not read it). Decision (DESIGN.md §2
 * rule 3, the reading that cannot keep what the owner refused): a siteless frame's content is
 * its writer's — `srcdoc` is an attribute of the writer's markup — so the writer's robots metas,
 * response headers and TDMRep meta bind the images in it as they bind the writer's own (the
 * worker adds the writer as one more frame they are shown in: received-signals.ts
 * framesOfReport). `null` when the writer, not the top page, could not be read (a sandboxed
 * frame reads no parent): the worker fails its images closed. `undefined` for a frame whose own
 * address names its site. Before, only the siteless frame's own metas were sent, and a frame whose
 * metas or X-Robots-Tag say noai writing its images into an `<iframe srcdoc>` had them kept.
 */
export function frameWriter(view: Window | null | undefined, frameUrl: string): { url: string; metas: RawMeta[] } | 'top' | null | undefined {
  if (namesSite(frameUrl)) return undefined;
  if (!view) return null;
  const top = attempt(() => view.top);
  let current: Window = view;
  for (let level = 0; level < MAX_FRAME_DEPTH; level++) {
    const parent = attempt(() => current.parent);
    if (!parent || parent === current) return null; // a siteless document that is no frame: nothing wrote it that Heed can name
    const isTop = top !== undefined && top !== null && parent === top;
    const href = attempt(() => parent.location.href);
    if (typeof href !== 'string') return isTop ? 'top' : null; // cannot be read: only the top page's own signals are known
    if (namesSite(href)) {
      if (isTop) return 'top';
      const metas = attempt(() => readRawMetas(parent.document));
      return metas && href.length <= MAX_PAGE_URL ? { url: href, metas } : null;
    }
    current = parent; // siteless too (srcdoc in srcdoc): its writer is further up
  }
  return null;
}
