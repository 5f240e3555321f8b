import { z } from 'zod';
import { lazily } from './lazily';
import { ModeSchema, PurposeSchema } from './evidence';
import { DEFAULT_ACCEPTED_LICENCES } from './licence-url';
import { DEFAULT_MIN_FACE_PX, PeopleSettingSchema } from './people';

/** The settings format this build writes. Bump it only together with a new step in SETTINGS_MIGRATIONS. */
export const SETTINGS_VERSION = 1;

/** User settings, versioned; every field has a default so an empty object parses. */
export const SettingsSchema = lazily(() => z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  purpose: PurposeSchema.default('ai-training'),
  mode: ModeSchema.default('licensed'),
  acceptedLicences: z.array(z.string()).default([...DEFAULT_ACCEPTED_LICENCES]),
  /** Registrable domains the user allows despite the registry (never overrides a signal). */
  userAllow: z.array(z.string()).default([]),
  /** Registrable domains the user never collects from. */
  userBlock: z.array(z.string()).default([]),
  maxImageBytes: z.number().int().positive().default(25 * 1024 * 1024),
  perOriginConcurrency: z.number().int().min(1).max(16).default(2),
  /** Images smaller than this (rendered and natural, px) are skipped as icons/pixels. */
  minImageSide: z.number().int().min(0).default(50),
  inPageNotice: z.boolean().default(true),
  /** People in photos (DESIGN.md §2 rule 6): null = the purpose's default (peopleSettingFor). */
  people: PeopleSettingSchema.nullable().default(null),
  /** A face at least this large (shorter side of its box, original px) counts as recognisable. */
  minFacePx: z.number().int().min(1).max(10000).default(DEFAULT_MIN_FACE_PX),
}));
export type Settings = z.infer<typeof SettingsSchema>;

/** One forward step: takes a stored object of version N and returns it as version N+1. */
export type SettingsStep = (stored: Record<string, unknown>) => Record<string, unknown>;

/**
 * Ordered migration steps: SETTINGS_MIGRATIONS[i] moves stored settings from version i+1 to
 * i+2, so its length is always SETTINGS_VERSION - 1 (a unit test holds this). Version 1 is the
 * first stored format, so there is no step yet; steps are never removed or reordered.
 */
export const SETTINGS_MIGRATIONS: readonly SettingsStep[] = [];

/** Why stored settings could not be used as they are; the UI shows it, the collector ignores it. */
export type SettingsProblem = 'not-an-object' | 'bad-version' | 'future-version' | 'step-failed' | 'invalid-fields';

export interface MigrationResult {
  /** The migrated object (plain, not yet validated), or null when it must not be used. */
  value: Record<string, unknown> | null;
  /** The version found in storage (missing counts as 1), or null when unreadable. */
  from: number | null;
  /** Versions reached by each step that ran, in order. */
  applied: number[];
  problem: Exclude<SettingsProblem, 'invalid-fields'> | null;
  detail: string | null;
}

/**
 * Run the forward steps from the stored version to `steps.length + 1`. Never throws: a newer
 * (unknown) version, an unreadable version or a failing step gives `value: null` and a report,
 * because guessing at a format we do not know could silently loosen the user's rules.
 */
export function migrateStoredSettings(raw: unknown, steps: readonly SettingsStep[] = SETTINGS_MIGRATIONS): MigrationResult {
  const target = steps.length + 1;
  if (raw === undefined || raw === null) return { value: {}, from: null, applied: [], problem: null, detail: null };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { value: null, from: null, applied: [], problem: 'not-an-object', detail: `Stored settings are a ${Array.isArray(raw) ? 'list' : typeof raw}, not an object` };
  }
  const stored = raw as Record<string, unknown>;
  const version = stored.version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { value: null, from: null, applied: [], problem: 'bad-version', detail: `Unreadable settings version: ${String(version).slice(0, 40)}` };
  }
  if (version > target) {
    return { value: null, from: version, applied: [], problem: 'future-version', detail: `Settings were saved by a newer Heed (format ${version}; this one reads up to ${target})` };
  }
  let value: Record<string, unknown> = { ...stored, version };
  const applied: number[] = [];
  for (let v = version; v < target; v++) {
    try {
      value = { ...steps[v - 1]!(value), version: v + 1 };
      applied.push(v + 1);
    } catch (err) {
      return { value: null, from: version, applied, problem: 'step-failed', detail: `Settings migration to version ${v + 1} failed: ${String(err)}` };
    }
  }
  return { value, from: version, applied, problem: null, detail: null };
}

export interface LoadedSettings {
  settings: Settings;
  migration: MigrationResult;
  /** Set when defaults stand in for all or some stored values. */
  problem: SettingsProblem | null;
  /** Fields whose stored value was invalid and was replaced by its default. */
  resetFields: (keyof Settings)[];
}

/** Migrate then validate stored settings; unusable input falls back to defaults (field by field where possible) and says so. */
export function loadSettings(raw: unknown, steps: readonly SettingsStep[] = SETTINGS_MIGRATIONS): LoadedSettings {
  const migration = migrateStoredSettings(raw, steps);
  const fallback = SettingsSchema.parse({});
  if (migration.value === null) return { settings: fallback, migration, problem: migration.problem, resetFields: [] };
  const whole = SettingsSchema.safeParse(migration.value);
  if (whole.success) return { settings: whole.data, migration, problem: null, resetFields: [] };
  const merged: Record<string, unknown> = {};
  const resetFields: (keyof Settings)[] = [];
  for (const key of Object.keys(fallback) as (keyof Settings)[]) {
    const field = SettingsSchema.shape[key].safeParse(migration.value[key]);
    merged[key] = field.success ? field.data : fallback[key];
    if (!field.success) resetFields.push(key);
  }
  return { settings: SettingsSchema.parse(merged), migration, problem: 'invalid-fields', resetFields };
}

/** Parse stored settings; anything unreadable falls back to defaults field by field. */
export function parseSettings(raw: unknown): Settings {
  return loadSettings(raw).settings;
}

/** Settings a collect may decide under, or why there are none (the user is told; nothing is collected). */
export type SettingsForDeciding = { ok: true; settings: Settings } | { ok: false; problem: SettingsProblem; message: string };

const FIX_THEM = 'Heed does not collect until they are fixed: open Library & settings, check them and save.';

/**
 * The settings a collect decides under, strictly: settings a newer Heed wrote, or that are
 * invalid in any field, are never replaced by defaults here, because the defaults would drop
 * the user's own rules (the block list above all) and could permit what the user refused.
 * Fail closed (DESIGN.md §2): the collect stops and says why. Nothing stored at all is a fresh
 * start: the defaults are the settings then.
 */
export function settingsForDeciding(raw: unknown): SettingsForDeciding {
  const loaded = loadSettings(raw);
  if (loaded.problem === null) return { ok: true, settings: loaded.settings };
  const what =
    loaded.problem === 'invalid-fields'
      ? `Some of Heed's stored settings are invalid (${loaded.resetFields.join(', ')})`
      : loaded.problem === 'future-version'
        ? `Heed's settings were saved by a newer Heed (format ${loaded.migration.from ?? '?'}; this one reads up to ${SETTINGS_VERSION}), so this one cannot apply them`
        : `Heed's stored settings cannot be read (${loaded.migration.detail ?? loaded.problem})`;
  return { ok: false, problem: loaded.problem, message: `${what}: collecting is stopped rather than run on defaults that would drop your rules. ${FIX_THEM}` };
}

/**
 * Every field of a stored object that this version can read, the rest at its default, whatever
 * the object's version: where the settings form starts from unusable settings, so that the
 * user's block list and allow list are shown (and kept if saved), not silently replaced.
 */
export function readFieldByField(raw: unknown): Settings {
  const fallback = SettingsSchema.parse({});
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fallback;
  const stored = raw as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(fallback) as (keyof Settings)[]) {
    const field = key === 'version' ? null : SettingsSchema.shape[key].safeParse(stored[key]);
    merged[key] = field?.success ? field.data : key in UNREADABLE_FIELD && stored[key] !== undefined ? UNREADABLE_FIELD[key]!(stored[key]) : fallback[key];
  }
  return SettingsSchema.parse(merged);
}

/** The text entries of a stored list (entries of another type dropped), or null when it is no list. */
const textEntries = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string') : null);

/**
 * What readFieldByField reads a stored field as when it is present but invalid. Decision
 * (DESIGN.md §2, the reading that cannot keep what the owner refused; no data loss): a list is
 * not replaced by its default, which emptied the block list and widened the accepted licences
 * to the default set (saved from the form, a blocked site's images were then collected); it
 * keeps its text entries. A block list stored as one text is read as the domains it names (more
 * blocked, never fewer); an allow list or a licence list that is no list lifts and accepts nothing.
 * A people setting that cannot be read is `refuse` (rule 6's strictest), not the purpose's
 * default (`flag` for research-tdm). Fields not named here fall back to their default.
 */
const UNREADABLE_FIELD: Partial<Record<keyof Settings, (stored: unknown) => unknown>> = {
  userBlock: (v) => textEntries(v) ?? (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : []),
  userAllow: (v) => textEntries(v) ?? [],
  acceptedLicences: (v) => textEntries(v) ?? [],
  people: () => 'refuse',
};
