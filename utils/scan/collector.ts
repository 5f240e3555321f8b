import type { ImageCandidate } from '../policy/verdict';
import type { ResolvedScanOptions, ScanStats } from './options';
import { dataUrlBytes, MAX_URL } from './text';
import { MAX_RENDITIONS } from '../model/renditions';

/** How an image was found (the manifest's discovery enum). */
export type Discovery = ImageCandidate['discovery'][number];

/** A width × height in CSS px (rendered) or image pixels (natural); 0 × 0 means unknown. */
export interface Size {
  w: number;
  h: number;
}

/** Other URLs of one image kept at most across its duplicates (past it, its renditions are marked cut: it fails closed). */
const ALTERNATES_KEPT = MAX_RENDITIONS * 2;

/** One image as a discovery path reports it, before context and dedupe. */
export interface Find {
  url: string;
  discovery: Discovery[];
  /** The element it was found on: the source of its context (null for Resource Timing). */
  el: Element | null;
  thumbnailUrl?: string | null;
  /** Intrinsic size of `url` when known. */
  natural?: Size;
  /**
   * Rendered box: omitted = measure `el` when needed (layout reads are the costly part of a
   * scan, so only the size rule and the final candidates pay them); null = unknown.
   */
  rendered?: Size | null;
  /** Other URLs of the same image (srcset alternates, the shown rendition): never candidates themselves. */
  alternates?: string[];
  /** Some renditions the markup names were not read (a srcset past what is read): the image fails closed. */
  renditionsCut?: boolean;
  /** Inline SVG serialisations are images in their own right, not data: placeholders. */
  inline?: boolean;
}

/** A find merged with its duplicates; context is read later from `els`. */
export interface Entry {
  find: Find;
  discovery: Set<Discovery>;
  natural: Size;
  /** Known rendered size, null = unknown, undefined = measure `els[0]`. */
  rendered: Size | null | undefined;
  els: Element[];
  /**
   * Every element the URL was found on (up to MAX_LICENCE_ELS), for its licence markup: each
   * occurrence may carry its own (a figure licensing it CC BY-NC after one licensing it CC BY),
   * and only reading them all finds the conflict (DESIGN.md §2 rule 4).
   */
  licenceEls: Element[];
  /**
   * Elements past MAX_LICENCE_ELS (up to MAX_UNREAD_LICENCE_ELS): their markup is not read, but
   * whether any could hold a licence is checked (licence.ts), and if so the image's element
   * markup counts as unread (fails closed). `true` when there were more still: never checked.
   */
  unreadLicenceEls?: Element[] | true;
}

/** Elements of one URL whose licence markup is read; past it, a hostile page's decoys are not all read. */
const MAX_LICENCE_ELS = 64;
/** Elements past that cap checked for a licence scope (one closest() each); past this, unread at once. */
const MAX_UNREAD_LICENCE_ELS = 10_000;

/** Note `el` as one more element whose licence markup speaks for `entry` (once, up to the cap; past it, kept as unread). */
export function addLicenceEl(entry: Entry, el: Element): void {
  if (entry.licenceEls.includes(el)) return;
  if (entry.licenceEls.length < MAX_LICENCE_ELS) entry.licenceEls.push(el);
  else addUnreadLicenceEls(entry, [el]);
}

/** Elements whose markup will not be read for `entry` (past its cap, or handed over from a dropped rendition's). */
export function addUnreadLicenceEls(entry: Entry, els: readonly Element[] | true | undefined): void {
  if (!els || entry.unreadLicenceEls === true) return;
  if (els === true) {
    entry.unreadLicenceEls = true;
    return;
  }
  const unread: Element[] = entry.unreadLicenceEls ?? [];
  entry.unreadLicenceEls = unread;
  for (const el of els) {
    if (unread.length >= MAX_UNREAD_LICENCE_ELS) {
      entry.unreadLicenceEls = true;
      return;
    }
    unread.push(el);
  }
}

const UNKNOWN: Size = { w: 0, h: 0 };

/** Accumulates finds: skips icons, pixels and placeholders, dedupes by URL keeping the best size. */
export class Collector {
  readonly entries = new Map<string, Entry>();
  /** Every URL the DOM mentions (kept, skipped or alternate): Resource Timing adds only others. */
  readonly known = new Set<string>();
  /** URLs shown as a smaller rendition of another candidate. */
  readonly thumbnails = new Set<string>();
  /** For each such smaller rendition, the candidate URLs it is a rendition of. */
  readonly renditionOf = new Map<string, string[]>();

  constructor(
    private readonly options: ResolvedScanOptions,
    private readonly stats: ScanStats,
    /** The element's rendered box, or null when there is no layout to ask. */
    readonly measure: (el: Element) => Size | null = () => null,
  ) {}

  /** Whether no more candidates fit. */
  get full(): boolean {
    return this.entries.size >= this.options.maxCandidates;
  }

  /** Record a find; returns whether it is (now) a candidate. */
  add(find: Find): boolean {
    const accepted = this.accept(find);
    // Only a kept image can demote its smaller rendition: a skipped link must not hide its thumbnail.
    if (accepted && find.thumbnailUrl && find.thumbnailUrl !== find.url) {
      this.thumbnails.add(find.thumbnailUrl);
      const of = this.renditionOf.get(find.thumbnailUrl) ?? [];
      if (!of.includes(find.url) && of.length < 16) this.renditionOf.set(find.thumbnailUrl, [...of, find.url]);
    }
    return accepted;
  }

  /** The rendered size of a kept entry (measured once, on demand). */
  renderedOf(entry: Entry): Size | null {
    if (entry.rendered === undefined) entry.rendered = entry.els[0] ? this.measure(entry.els[0]) : null;
    return entry.rendered;
  }

  private accept(find: Find): boolean {
    const { url } = find;
    this.known.add(url);
    for (const alt of find.alternates ?? []) if (alt !== url) this.known.add(alt);
    if (this.options.reported?.has(url)) return false; // reported by an earlier scan: not new
    const natural = find.natural ?? UNKNOWN;
    if (url.length > MAX_URL || this.isPlaceholder(find) || this.isTiny(find, natural)) {
      this.stats.skipped++;
      return false;
    }
    const existing = this.entries.get(url);
    if (existing) {
      for (const d of find.discovery) existing.discovery.add(d);
      if (natural.w * natural.h > existing.natural.w * existing.natural.h) existing.natural = natural;
      if (find.el && existing.els.length < 4) {
        // An element with a box to measure beats one whose box says nothing (a text link).
        if (existing.rendered === null && find.rendered !== null) {
          existing.els.unshift(find.el);
          existing.rendered = find.rendered;
        } else existing.els.push(find.el);
      }
      if (find.el) addLicenceEl(existing, find.el);
      if (!existing.find.thumbnailUrl && find.thumbnailUrl) existing.find.thumbnailUrl = find.thumbnailUrl;
      // Another element naming the same image may name other renditions of it: each is looked up too.
      if (find.alternates?.length) {
        // Bounded: a page repeating one image thousands of times must not grow this without end.
        const union = [...new Set([...(existing.find.alternates ?? []), ...find.alternates])];
        if (union.length > ALTERNATES_KEPT) existing.find.renditionsCut = true;
        existing.find.alternates = union.slice(0, ALTERNATES_KEPT);
      }
      if (find.renditionsCut) existing.find.renditionsCut = true;
      return true;
    }
    if (this.full) {
      this.stats.limit = 'candidates';
      return false;
    }
    this.entries.set(url, { find, discovery: new Set(find.discovery), natural, rendered: find.el ? find.rendered : null, els: find.el ? [find.el] : [], licenceEls: find.el ? [find.el] : [] });
    return true;
  }

  private isPlaceholder(find: Find): boolean {
    return !find.inline && find.url.startsWith('data:') && dataUrlBytes(find.url) < this.options.minDataUrlBytes;
  }

  /**
   * Icons and pixels: small both rendered and natural. A size that is not known (no layout,
   * not loaded yet, a CSS background's intrinsic size) never causes a skip.
   */
  private isTiny(find: Find, natural: Size): boolean {
    const small = (s: Size) => s.w < this.options.minWidth || s.h < this.options.minHeight;
    if (!(natural.w > 0 && natural.h > 0) || !small(natural)) return false;
    const rendered = find.rendered !== undefined ? find.rendered : find.el ? this.measure(find.el) : null;
    return rendered !== null && small(rendered);
  }
}
