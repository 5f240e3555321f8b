import { z } from 'zod';
import { lazily } from './lazily';
import { MAX_PAGE_URL } from './page-url';
import {
  type Evidence,
  EvidenceSchema,
  FAILURE_REASONS,
  LicenceSchema,
  ModeSchema,
  PurposeSchema,
  REFUSAL_REASONS,
} from './evidence';
import { PEOPLE_SETTINGS, PeopleRecordSchema, PeopleSettingSchema, peopleSettingFor } from './people';
import { purposeProfile } from './purposes';
import type { Settings } from './settings';

/**
 * heed-manifest/2 (issue 18): every item's licence carries its credit — `title`, `creator`,
 * `sourceUrl` (null when unknown, and for items stored before) — and `attribution` is the TASL
 * line built from them. /1 had `{id, url, source, attribution}` only.
 */
export const MANIFEST_SCHEMA_ID = 'heed-manifest/2';

/** How an image was found on the page (the scanner's discovery path). */
export const DISCOVERY = ['img', 'srcset', 'picture', 'lazy', 'css', 'pseudo', 'svg', 'poster', 'input', 'link', 'object', 'shadow', 'iframe', 'resource-timing'] as const;
export const DiscoverySchema = lazily(() => z.enum(DISCOVERY));
export type Discovery = (typeof DISCOVERY)[number];

/**
 * The policy a decision was made under: the accepted licences and the robots.txt tokens honoured;
 * and rule 6's people setting in force (the user's, else the purpose's default) with the face size
 * that counts as recognisable — under `refuse` an image with a face is refused, under `flag` the
 * same image is kept. Absent in items (and manifests) an earlier Heed wrote.
 */
export const ManifestPolicySchema = lazily(() => z.object({
  acceptedLicences: z.array(z.string()),
  robotsTokens: z.array(z.string()),
  people: PeopleSettingSchema.optional(),
  minFacePx: z.number().int().min(1).optional(),
}));
export type ManifestPolicy = z.infer<typeof ManifestPolicySchema>;

/** The policy settings decide under, as the manifest and each stored item record it. */
export function manifestPolicy(settings: Pick<Settings, 'purpose' | 'acceptedLicences' | 'people' | 'minFacePx'>): ManifestPolicy {
  return {
    acceptedLicences: [...settings.acceptedLicences],
    robotsTokens: purposeProfile(settings.purpose).robotsTokens,
    people: peopleSettingFor(settings),
    minFacePx: settings.minFacePx,
  };
}

/** One collected (permitted) image, as stored and as exported (DESIGN.md §3). */
export const ManifestItemSchema = lazily(() => z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().nonnegative().nullable(),
  height: z.number().int().nonnegative().nullable(),
  url: z.string(),
  /** The URL the image was served from after redirects. */
  finalUrl: z.string(),
  pageUrl: z.string(),
  pageTitle: z.string(),
  alt: z.string(),
  caption: z.string(),
  discovery: z.array(DiscoverySchema),
  /** More of the page context the image was found in (untrusted text, stored as text). */
  context: z
    .object({
      title: z.string(),
      ariaLabel: z.string(),
      heading: z.string(),
      linkUrl: z.string().nullable(),
      thumbnailUrl: z.string().nullable(),
      renderedWidth: z.number().nonnegative().nullable(),
      renderedHeight: z.number().nonnegative().nullable(),
    })
    .optional(),
  collectedAt: z.string(),
  purpose: PurposeSchema,
  /**
   * The mode and policy this item was decided under: its collect's settings, which may differ
   * from the manifest's (DESIGN.md §2 "One job, one policy, one page"). Absent in items stored
   * by an earlier Heed.
   */
  mode: ModeSchema.optional(),
  policy: ManifestPolicySchema.optional(),
  licence: LicenceSchema.nullable(),
  synthetic: z.boolean().nullable(),
  /** People in the photo (DESIGN.md §2 rule 6): null when the setting was `off`; absent on items stored before Heed checked. */
  people: PeopleRecordSchema.nullable().optional(),
  evidence: z.array(EvidenceSchema),
}));
export type ManifestItem = z.infer<typeof ManifestItemSchema>;

/** A licence as exported: its credit fields always present (DESIGN.md §3; utils/model/credit.ts). */
export const CreditedLicenceSchema = lazily(() => LicenceSchema.extend({
  title: z.string().max(1000).nullable(),
  creator: z.string().max(1000).nullable(),
  sourceUrl: z.string().max(MAX_PAGE_URL).nullable(), // as LicenceSchema: possibly the page's address
}));
export type CreditedLicence = z.infer<typeof CreditedLicenceSchema>;

/** An item as exported in the manifest: the stored item, its licence credited. */
export const ExportedItemSchema = lazily(() => ManifestItemSchema.extend({ licence: CreditedLicenceSchema.nullable() }));
export type ExportedItem = z.infer<typeof ExportedItemSchema>;

/** The stored licence with its credit fields filled (null for an item stored before /2). */
export function creditedLicence(licence: ManifestItem['licence']): CreditedLicence | null {
  if (licence === null || licence === undefined || typeof licence !== 'object') return null;
  const l = licence as Partial<Record<keyof CreditedLicence, unknown>>;
  return {
    id: textOrNull(l.id),
    url: text(l.url),
    source: l.source as CreditedLicence['source'],
    attribution: textOrNull(l.attribution),
    title: textOrNull(l.title),
    creator: textOrNull(l.creator),
    sourceUrl: textOrNull(l.sourceUrl),
  };
}

const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const record = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** One evidence entry as exported: its own fields only (`reason` and `note` when present). */
function exportedEvidence(e: Record<string, unknown>): Evidence {
  return {
    kind: e.kind as Evidence['kind'],
    scope: e.scope as Evidence['scope'],
    source: text(e.source),
    value: text(e.value),
    effect: e.effect as Evidence['effect'],
    ...(typeof e.reason === 'string' ? { reason: e.reason as NonNullable<Evidence['reason']> } : {}),
    ...(typeof e.note === 'string' ? { note: e.note } : {}),
  };
}

/**
 * A stored item as the manifest exports it: exactly the fields of ExportedItemSchema, in its
 * order. Items an earlier Heed stored lack fields added since, and a damaged record may lack
 * more: a missing text is "", a missing `finalUrl` is the URL, missing lists are empty and a
 * missing size, licence or `synthetic` is null (unknown) — so every export reads them without
 * throwing and the manifest still validates against its JSON Schema. Optional fields the record
 * lacks (context, mode, policy, people) stay absent; fields this version does not know are left
 * out (the schema allows no others). Never invents a decision: evidence is copied as stored.
 */
export function exportedItem(stored: ManifestItem): ExportedItem {
  const raw = stored as unknown as Record<string, unknown>;
  const url = text(raw.url);
  const context = record(raw.context);
  const policy = record(raw.policy);
  const people = record(raw.people);
  const discovery = Array.isArray(raw.discovery) ? raw.discovery.filter((d): d is Discovery => (DISCOVERY as readonly unknown[]).includes(d)) : [];
  return {
    sha256: text(raw.sha256),
    mime: text(raw.mime),
    bytes: numberOrNull(raw.bytes) ?? 0,
    width: numberOrNull(raw.width),
    height: numberOrNull(raw.height),
    url,
    finalUrl: text(raw.finalUrl, url),
    pageUrl: text(raw.pageUrl),
    pageTitle: text(raw.pageTitle),
    alt: text(raw.alt),
    caption: text(raw.caption),
    discovery,
    ...(context
      ? {
          context: {
            title: text(context.title),
            ariaLabel: text(context.ariaLabel),
            heading: text(context.heading),
            linkUrl: textOrNull(context.linkUrl),
            thumbnailUrl: textOrNull(context.thumbnailUrl),
            renderedWidth: numberOrNull(context.renderedWidth),
            renderedHeight: numberOrNull(context.renderedHeight),
          },
        }
      : {}),
    collectedAt: text(raw.collectedAt),
    purpose: raw.purpose as ExportedItem['purpose'],
    ...(typeof raw.mode === 'string' ? { mode: raw.mode as NonNullable<ExportedItem['mode']> } : {}),
    ...(policy
      ? {
          policy: {
            acceptedLicences: Array.isArray(policy.acceptedLicences) ? policy.acceptedLicences.filter((l): l is string => typeof l === 'string') : [],
            robotsTokens: Array.isArray(policy.robotsTokens) ? policy.robotsTokens.filter((t): t is string => typeof t === 'string') : [],
            ...((PEOPLE_SETTINGS as readonly unknown[]).includes(policy.people) ? { people: policy.people as NonNullable<ManifestPolicy['people']> } : {}),
            ...(typeof policy.minFacePx === 'number' ? { minFacePx: policy.minFacePx } : {}),
          },
        }
      : {}),
    licence: creditedLicence(raw.licence as ManifestItem['licence']),
    synthetic: typeof raw.synthetic === 'boolean' ? raw.synthetic : null,
    ...(raw.people === null ? { people: null } : {}),
    ...(people ? { people: { faces: numberOrNull(people.faces), largestFacePx: numberOrNull(people.largestFacePx), modelRelease: textOrNull(people.modelRelease), detector: text(people.detector) } } : {}),
    evidence: Array.isArray(raw.evidence) ? raw.evidence.map(record).filter((e) => e !== null).map(exportedEvidence) : [],
  };
}

const countsOf = <T extends readonly [string, ...string[]]>(codes: T) =>
  z.partialRecord(z.enum(codes), z.number().int().nonnegative());

export const ManifestSchema = lazily(() => z.object({
  schema: z.literal(MANIFEST_SCHEMA_ID),
  generator: z.object({ name: z.literal('Heed'), version: z.string() }),
  exportedAt: z.string(),
  purpose: PurposeSchema,
  mode: ModeSchema,
  policy: ManifestPolicySchema,
  items: z.array(ExportedItemSchema),
  summary: z.object({
    collected: z.number().int().nonnegative(),
    refused: countsOf(REFUSAL_REASONS),
    failed: countsOf(FAILURE_REASONS),
  }),
}));
export type Manifest = z.infer<typeof ManifestSchema>;

/** Tallies of refusals and failures kept across collects, for the manifest summary. */
export interface DecisionTally {
  refused: Partial<Record<(typeof REFUSAL_REASONS)[number], number>>;
  failed: Partial<Record<(typeof FAILURE_REASONS)[number], number>>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether a stored record is keyed by a SHA-256 (64 lowercase hex digits), as every item Heed stores is. */
export function isHashKeyed(stored: unknown): boolean {
  const sha256 = stored !== null && typeof stored === 'object' ? (stored as { sha256?: unknown }).sha256 : undefined;
  return typeof sha256 === 'string' && SHA256_HEX.test(sha256);
}

/** Build the manifest deterministically: items sorted by collectedAt, then URL. */
export function buildManifest(args: {
  items: readonly ManifestItem[];
  tally: DecisionTally;
  purpose: Manifest['purpose'];
  mode: Manifest['mode'];
  policy: Manifest['policy'];
  version: string;
  exportedAt: string;
}): Manifest {
  // A record whose sha256 is not a SHA-256 (hand-edited or damaged) is left out: its bytes cannot be
  // tied to it by their hash, and exports name each image's file by it (`train/<sha256>.png`), so a
  // key such as `../../x` would place a file outside the folder. Decision: not exported at all (the
  // reading that never exports as permitted what cannot be checked), never repaired into a name.
  const items = args.items.filter(isHashKeyed).map(exportedItem).sort(
    (a, b) => codeUnitOrder(a.collectedAt, b.collectedAt) || codeUnitOrder(a.url, b.url) || codeUnitOrder(a.sha256, b.sha256),
  );
  return {
    schema: MANIFEST_SCHEMA_ID,
    generator: { name: 'Heed', version: args.version },
    exportedAt: args.exportedAt,
    purpose: args.purpose,
    mode: args.mode,
    policy: args.policy,
    items,
    summary: { collected: items.length, refused: sortKeys(args.tally.refused), failed: sortKeys(args.tally.failed) },
  };
}

/**
 * Code-unit string order: the same on every machine and in every reader (JavaScript's sort, Python's
 * sorted()). localeCompare is not: it depends on the locale, puts "a" before "B" and skips hyphens.
 */
function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys<T extends Record<string, number | undefined>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => codeUnitOrder(a, b))) as T;
}

/** The manifest's JSON Schema (zod 4's own export), committed as schema/heed-manifest-<N>.schema.json. */
export function manifestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ManifestSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The committed JSON Schema's file name for the current schema id: `heed-manifest-2.schema.json`. */
export function manifestSchemaFileName(): string {
  return `${MANIFEST_SCHEMA_ID.replace('/', '-')}.schema.json`;
}

/** File name for an export on a given date (the user's local calendar day): heed-manifest-YYYY-MM-DD.json. */
export function manifestFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `heed-manifest-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}
