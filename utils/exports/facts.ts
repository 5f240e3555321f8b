import type { Purpose } from '../model/evidence';
import { licenceLabel, parseLicenceUrl } from '../model/licence-url';
import { creditText, taslLine, titleFromText } from '../model/credit';
import type { Manifest, ManifestItem } from '../model/manifest';

/** One licence shared by some items of the collection. */
export interface LicenceGroup {
  /** SPDX id, or null for a licence URL Heed did not recognise. */
  id: string | null;
  /** Canonical licence URL (recognised CC URLs are normalised). */
  url: string;
  /** Human label, e.g. `CC BY 4.0`. */
  label: string;
  count: number;
}

/** One page images were collected from. */
export interface PageGroup {
  url: string;
  title: string;
  count: number;
}

/** What the exports say about the whole collection, computed once from the manifest. */
export interface CollectionFacts {
  count: number;
  /** Earliest and latest collectedAt, or null when there are no items. */
  firstCollectedAt: string | null;
  lastCollectedAt: string | null;
  /** Pages, sorted by URL. */
  pages: PageGroup[];
  /** Licences, most items first, then by label. */
  licences: LicenceGroup[];
  /** Items stored with no licence (opt-out mode). */
  unlicensed: number;
  /** MIME types and their counts, sorted by MIME. */
  mimes: { mime: string; count: number }[];
  /** Items whose embedded metadata names people (IPTC PersonInImage) or a model release. */
  personInImage: number;
  modelRelease: number;
  /** The on-device face check (rule 6): images examined, those with a face, those with a release that allows, those not checked (off, unexaminable, or stored before), detectors used. */
  people: { checked: number; withFaces: number; released: number; notChecked: number; detectors: string[] };
  /** IPTC DigitalSourceType: synthetic / not synthetic / unknown. */
  synthetic: { yes: number; no: number; unknown: number };
  refused: { reason: string; count: number }[];
  failed: { reason: string; count: number }[];
  refusedTotal: number;
  /**
   * Items not known to have been decided under the manifest's own policy (decidedUnder): the
   * statements the exports make about "the policy" do not cover them.
   */
  otherPolicy: number;
}

/** The sentence the exports add when some items were decided under another policy ('' when none). */
export function otherPolicyNote(facts: CollectionFacts, style: 'card' | 'plain'): string {
  const n = facts.otherPolicy;
  if (n === 0) return '';
  const fields = style === 'card' ? '`purpose`, `mode` and `policy`' : 'purpose, mode and policy';
  const count = style === 'card' ? `${n} image${n === 1 ? ' was' : 's were'}` : `${n} image(s) were`;
  return `${count} collected under another policy (another purpose, mode or set of accepted licences, or one an earlier Heed did not record): ${n === 1 && style === 'card' ? 'it' : 'they'} passed that policy's checks, not necessarily these; each item's own ${fields} are in the Heed manifest.`;
}

/** Plain-language purpose names. */
export const PURPOSE_LABELS: Record<Purpose, string> = {
  'ai-training': 'AI training',
  'genai-training': 'generative AI training',
  'research-tdm': 'research text and data mining',
};

/**
 * Whether an item was decided under the manifest's policy (its header: the settings at export),
 * or one at least as strict: the same purpose and mode, a people check at least as strict and,
 * in licensed mode, no licence accepted that the header does not accept. Decision (DESIGN.md §2,
 * fail closed): the exports state that every image passed the header's checks, so an item whose purpose, mode or accepted licences
 * differ — or an earlier Heed did not record them — is not counted as having passed them (an item
 * collected for research-tdm honoured no train-ai opt-out; one in opt-out mode needed no licence).
 */
export function decidedUnder(item: ManifestItem, manifest: Pick<Manifest, 'purpose' | 'mode' | 'policy'>): boolean {
  if (item.purpose !== manifest.purpose || item.mode !== manifest.mode) return false;
  if (!peopleAtLeastAsStrict(item.policy, manifest.policy)) return false;
  if (manifest.mode !== 'licensed') return true;
  const accepted = item.policy?.acceptedLicences;
  return accepted !== undefined && accepted.every((l) => manifest.policy.acceptedLicences.includes(l));
}

const PEOPLE_STRICTNESS = { off: 0, flag: 1, refuse: 2 } as const;

/**
 * Rule 6 as strict for the item as the header states it: a people setting at least as strict
 * (refuse > flag > off) and a recognisable-face size no larger. A header that states none (an
 * earlier Heed's) asks nothing; an item that records none passed an unknown check.
 */
function peopleAtLeastAsStrict(item: ManifestItem['policy'], header: Manifest['policy']): boolean {
  if (header.people !== undefined) {
    if (item?.people === undefined || PEOPLE_STRICTNESS[item.people] < PEOPLE_STRICTNESS[header.people]) return false;
  }
  if (header.minFacePx !== undefined && header.people === 'refuse') {
    if (item?.minFacePx === undefined || item.minFacePx > header.minFacePx) return false;
  }
  return true;
}

/** The licence of an item as a group key (canonical URL, SPDX id, label); null when unlicensed. */
export function licenceOf(item: ManifestItem): Omit<LicenceGroup, 'count'> | null {
  if (!item.licence) return null;
  const parsed = parseLicenceUrl(item.licence.url);
  const id = item.licence.id ?? (parsed && parsed.family !== 'other' ? parsed.id : null);
  const url = parsed && parsed.family !== 'other' ? parsed.url : item.licence.url;
  const label = id ? licenceLabel(id) : (parsed?.name ?? item.licence.url);
  return { id, url, label };
}

/** Code-unit string order: the same on every machine (localeCompare depends on the locale). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The credit stored with an item's licence (issue 18): nulls when unlicensed or stored before. */
export function creditOf(item: ManifestItem): { title: string | null; creator: string | null; sourceUrl: string | null } {
  const l = item.licence;
  return { title: l?.title ?? null, creator: l?.creator ?? null, sourceUrl: l?.sourceUrl ?? null };
}

/**
 * A title for an item: its credited title, else caption, else alt text (without a licence
 * statement), else the file name — as one line of at most MAX_CREDIT_TEXT characters (page text,
 * and a file name can run to kilobytes).
 */
export function itemTitle(item: ManifestItem): string {
  const title = creditText(item.licence?.title) ?? titleFromText(item.caption) ?? titleFromText(item.alt);
  if (title) return title;
  try {
    const name = creditText(decodeURIComponent(new URL(item.url).pathname.split('/').pop() ?? ''));
    if (name) return name;
  } catch {
    // not a URL, or bad percent-encoding: fall through
  }
  return 'Untitled image';
}

/**
 * The item's credit line: the one stored with its licence (a stored line that had no title,
 * "This image …", gets the item's title), else the TASL line built here from what the item holds
 * (an item stored without one: its title, its page as the source, the creator not stated); null
 * when unlicensed.
 */
export function creditLine(item: ManifestItem): string | null {
  if (!item.licence) return null;
  const stored = item.licence.attribution?.trim();
  if (stored) return stored.startsWith('This image ') ? `"${itemTitle(item)}"${stored.slice('This image'.length)}` : stored;
  const credit = creditOf(item);
  return taslLine({ title: itemTitle(item), creator: credit.creator, sourceUrl: credit.sourceUrl ?? item.pageUrl, licenceId: item.licence.id, licenceUrl: item.licence.url });
}

const PERSON = /person\s*in\s*image/i;
const RELEASE = /model\s*release/i;

function mentions(item: ManifestItem, re: RegExp): boolean {
  return item.evidence.some((e) => (e.kind === 'xmp' || e.kind === 'iptc') && (re.test(e.value) || re.test(e.note ?? '') || re.test(e.source)));
}

function sortedCounts(record: Partial<Record<string, number>>): { reason: string; count: number }[] {
  return Object.entries(record)
    .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || cmp(a.reason, b.reason));
}

/** Summarise the collection (deterministic: ties broken by strings, never by input order). */
export function collectionFacts(manifest: Manifest): CollectionFacts {
  const pages = new Map<string, PageGroup>();
  const licences = new Map<string, LicenceGroup>();
  const mimes = new Map<string, number>();
  let unlicensed = 0;
  let personInImage = 0;
  let modelRelease = 0;
  const synthetic = { yes: 0, no: 0, unknown: 0 };
  const people = { checked: 0, withFaces: 0, released: 0, notChecked: 0, detectors: [] as string[] };
  let first: string | null = null;
  let last: string | null = null;

  let otherPolicy = 0;
  for (const item of manifest.items) {
    if (!decidedUnder(item, manifest)) otherPolicy++;
    if (first === null || item.collectedAt < first) first = item.collectedAt;
    if (last === null || item.collectedAt > last) last = item.collectedAt;
    const page = pages.get(item.pageUrl);
    if (page) page.count++;
    else pages.set(item.pageUrl, { url: item.pageUrl, title: item.pageTitle, count: 1 });
    const lic = licenceOf(item);
    if (lic) {
      const key = `${lic.id ?? ''} ${lic.url}`;
      const group = licences.get(key);
      if (group) group.count++;
      else licences.set(key, { ...lic, count: 1 });
    } else unlicensed++;
    mimes.set(item.mime, (mimes.get(item.mime) ?? 0) + 1);
    if (mentions(item, PERSON)) personInImage++;
    if (mentions(item, RELEASE)) modelRelease++;
    if (item.people && item.people.faces !== null) {
      people.checked++;
      if (item.people.faces > 0) people.withFaces++;
      if (item.people.modelRelease === 'MR-UMR' || item.people.modelRelease === 'MR-NAP') people.released++;
      if (!people.detectors.includes(item.people.detector)) people.detectors.push(item.people.detector);
    } else people.notChecked++;
    if (item.synthetic === true) synthetic.yes++;
    else if (item.synthetic === false) synthetic.no++;
    else synthetic.unknown++;
  }
  const refused = sortedCounts(manifest.summary.refused);
  return {
    count: manifest.items.length,
    firstCollectedAt: first,
    lastCollectedAt: last,
    pages: [...pages.values()].sort((a, b) => cmp(a.url, b.url)),
    licences: [...licences.values()].sort((a, b) => b.count - a.count || cmp(a.label, b.label) || cmp(a.url, b.url)),
    unlicensed,
    mimes: [...mimes.entries()].map(([mime, count]) => ({ mime, count })).sort((a, b) => cmp(a.mime, b.mime)),
    personInImage,
    modelRelease,
    people: { ...people, detectors: people.detectors.sort(cmp) },
    synthetic,
    refused,
    failed: sortedCounts(manifest.summary.failed),
    refusedTotal: refused.reduce((n, r) => n + r.count, 0),
    otherPolicy,
  };
}
