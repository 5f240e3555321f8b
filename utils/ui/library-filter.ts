import type { ManifestItem } from '../model/manifest';
import type { Purpose } from '../model/evidence';
import { PURPOSES } from '../model/evidence';
import { registrableDomain } from '../model/registrable-domain';

/** `any` shows everything; `unknown` is an item whose IPTC source type said nothing (`synthetic: null`). */
export type SyntheticFilter = 'any' | 'true' | 'false' | 'unknown';

/** The library's filters; empty strings mean "any". Dates are local calendar days, YYYY-MM-DD, both inclusive. */
export interface LibraryFilter {
  site: string;
  licence: string;
  purpose: Purpose | '';
  from: string;
  to: string;
  synthetic: SyntheticFilter;
  /** Part of the creator's name (any case), or NO_CREATOR for items whose creator was not stated. */
  creator: string;
  /** Only items where the on-device detector found a face (DESIGN.md §2 rule 6). */
  people: boolean;
}

export const EMPTY_FILTER: LibraryFilter = { site: '', licence: '', purpose: '', from: '', to: '', synthetic: 'any', creator: '', people: false };

/** Creator filter value for items whose licence names no creator (or that were stored before Heed recorded it). */
export const NO_CREATOR = '(creator not stated)';

/** Licence facet of an item stored without a licence (opt-out mode). */
export const NO_LICENCE = '(no licence)';
/** Licence facet of a licence URL that is not a recognised SPDX id. */
export const UNRECOGNISED_LICENCE = '(unrecognised)';

/** The few fields the filters look at, kept in memory for every item (never the evidence or the blob). */
export interface ItemFacets {
  key: string;
  collectedAt: string;
  site: string;
  licence: string;
  purpose: string;
  synthetic: boolean | null;
  /** The credited creator (issue 18), '' when none; `creatorKey` is it lower-cased, for matching. */
  creator: string;
  creatorKey: string;
  /** The detector found at least one face (any size). */
  showsPeople: boolean;
}

/** A page-URL → registrable-domain function that remembers each host (100k items share few hosts). */
export function createSiteResolver(): (pageUrl: unknown) => string {
  const byHost = new Map<string, string>();
  return (pageUrl) => {
    if (typeof pageUrl !== 'string' || pageUrl === '') return '';
    let host: string;
    try {
      host = new URL(pageUrl).hostname;
    } catch {
      return '';
    }
    let site = byHost.get(host);
    if (site === undefined) {
      site = registrableDomain(host);
      byHost.set(host, site);
    }
    return site;
  };
}

/** The filter facets of one stored item; malformed fields become empty values, never a throw. */
export function facetsOf(item: ManifestItem, siteOf: (pageUrl: unknown) => string): ItemFacets {
  const l: unknown = item.licence;
  const id = l && typeof l === 'object' ? (l as { id?: unknown }).id : undefined;
  const licence = l === null || l === undefined ? NO_LICENCE : typeof id === 'string' && id !== '' ? id : UNRECOGNISED_LICENCE;
  const named = l && typeof l === 'object' ? (l as { creator?: unknown }).creator : undefined;
  const creator = typeof named === 'string' ? named.slice(0, 1000) : '';
  return {
    key: String(item.sha256),
    collectedAt: typeof item.collectedAt === 'string' ? item.collectedAt : '',
    site: siteOf(item.pageUrl),
    licence,
    purpose: typeof item.purpose === 'string' ? item.purpose : '',
    synthetic: typeof item.synthetic === 'boolean' ? item.synthetic : null,
    creator,
    creatorKey: creator.toLowerCase(),
    showsPeople: showsPeople(item),
  };
}

/** Whether the detector recorded a face for the item; malformed records count as no. */
function showsPeople(item: ManifestItem): boolean {
  const p: unknown = item.people;
  const faces = p && typeof p === 'object' ? (p as { faces?: unknown }).faces : undefined;
  return typeof faces === 'number' && faces > 0;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localMidnight(day: string, addDays: number): string | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** ISO bounds [from, to) for the filter's local days; an unreadable day is no bound. */
export function dateBounds(filter: Pick<LibraryFilter, 'from' | 'to'>): { from?: string; to?: string } {
  const from = localMidnight(filter.from, 0);
  const to = localMidnight(filter.to, 1);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/** Whether a filter narrows nothing beyond the date range (which the collectedAt index serves alone). */
export function needsFacets(filter: LibraryFilter): boolean {
  return filter.site !== '' || filter.licence !== '' || filter.purpose !== '' || filter.synthetic !== 'any' || filter.creator !== '' || filter.people;
}

/** Whether one item passes the filter (`bounds` from dateBounds, computed once per query). */
export function matchesFilter(f: ItemFacets, filter: LibraryFilter, bounds: { from?: string; to?: string }): boolean {
  if (filter.creator !== '' && (filter.creator === NO_CREATOR ? f.creator !== '' : !f.creatorKey.includes(filter.creator.toLowerCase()))) return false;
  if (filter.people && !f.showsPeople) return false;
  if (filter.site !== '' && f.site !== filter.site) return false;
  if (filter.licence !== '' && f.licence !== filter.licence) return false;
  if (filter.purpose !== '' && f.purpose !== filter.purpose) return false;
  if (filter.synthetic !== 'any' && (filter.synthetic === 'unknown' ? f.synthetic !== null : f.synthetic !== (filter.synthetic === 'true'))) return false;
  if (bounds.from !== undefined && f.collectedAt < bounds.from) return false;
  if (bounds.to !== undefined && f.collectedAt >= bounds.to) return false;
  return true;
}

/** Newest first, ties by key descending: the collectedAt index order reversed (a sort comparator). */
export function newestFirst(a: ItemFacets, b: ItemFacets): number {
  return a.collectedAt < b.collectedAt ? 1 : a.collectedAt > b.collectedAt ? -1 : a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
}

/** Keys of the matching items, newest first (ties by key, descending — the collectedAt index order reversed). */
export function filterKeys(facets: readonly ItemFacets[], filter: LibraryFilter): string[] {
  const bounds = dateBounds(filter);
  const hits = facets.filter((f) => matchesFilter(f, filter, bounds));
  hits.sort(newestFirst);
  return hits.map((f) => f.key);
}

/** Distinct sites, licences and creators with their counts, most frequent first, for the filter menus. */
export function tallyFacets(facets: readonly ItemFacets[]): { sites: [string, number][]; licences: [string, number][]; creators: [string, number][] } {
  const sites = new Map<string, number>();
  const licences = new Map<string, number>();
  const creators = new Map<string, number>();
  for (const f of facets) {
    if (f.site) sites.set(f.site, (sites.get(f.site) ?? 0) + 1);
    licences.set(f.licence, (licences.get(f.licence) ?? 0) + 1);
    if (f.creator) creators.set(f.creator, (creators.get(f.creator) ?? 0) + 1);
  }
  const order = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { sites: order(sites), licences: order(licences), creators: order(creators) };
}

/** Read a filter from untrusted input (e.g. the URL hash), keeping only well-formed values. */
export function parseFilter(input: Record<string, unknown>): LibraryFilter {
  const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');
  const purpose = str(input.purpose);
  const synthetic = str(input.synthetic);
  return {
    site: str(input.site).toLowerCase(),
    licence: str(input.licence),
    purpose: (PURPOSES as readonly string[]).includes(purpose) ? (purpose as Purpose) : '',
    from: DAY.test(str(input.from)) ? str(input.from) : '',
    to: DAY.test(str(input.to)) ? str(input.to) : '',
    synthetic: synthetic === 'true' || synthetic === 'false' || synthetic === 'unknown' ? synthetic : 'any',
    creator: str(input.creator).trim(),
    people: input.people === 'true' || input.people === true,
  };
}
