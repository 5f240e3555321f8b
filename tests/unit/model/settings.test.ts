import { describe, expect, it } from 'vitest';
import {
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  SettingsSchema,
  loadSettings,
  migrateStoredSettings,
  parseSettings,
  readFieldByField,
  settingsForDeciding,
  type SettingsStep,
} from '../../../utils/model/settings';

const defaults = SettingsSchema.parse({});

// Three made-up historical formats, to exercise the mechanism beyond the single real version.
const steps: SettingsStep[] = [
  // 1 → 2: `allow` was renamed `userAllow`.
  ({ allow, ...rest }) => ({ ...rest, userAllow: allow ?? [] }),
  // 2 → 3: the size cap moved from megabytes to bytes.
  ({ maxImageMb, ...rest }) => ({ ...rest, maxImageBytes: typeof maxImageMb === 'number' ? maxImageMb * 1024 * 1024 : undefined }),
  // 3 → 4: a step that refuses what it cannot convert.
  (s) => {
    if (s.explode) throw new Error('cannot convert');
    return s;
  },
];

describe('settings migration mechanism', () => {
  it('holds one step per version after the first', () => {
    expect(SETTINGS_MIGRATIONS).toHaveLength(SETTINGS_VERSION - 1);
    expect(defaults.version).toBe(SETTINGS_VERSION);
  });

  it('runs every step in order from the stored version to the latest', () => {
    const r = migrateStoredSettings({ version: 1, allow: ['museum.example'], maxImageMb: 2 }, steps);
    expect(r).toEqual({
      value: { version: 4, userAllow: ['museum.example'], maxImageBytes: 2 * 1024 * 1024 },
      from: 1,
      applied: [2, 3, 4],
      problem: null,
      detail: null,
    });
  });

  it('starts from the stored version, skipping earlier steps', () => {
    const r = migrateStoredSettings({ version: 3, userAllow: ['a.example'] }, steps);
    expect(r.applied).toEqual([4]);
    expect(r.value).toEqual({ version: 4, userAllow: ['a.example'] });
  });

  it('treats a missing version as the first format', () => {
    expect(migrateStoredSettings({ allow: ['x.example'] }, steps).applied).toEqual([2, 3, 4]);
  });

  it('leaves current settings untouched', () => {
    expect(migrateStoredSettings({ version: 4, mode: 'opt-out' }, steps)).toMatchObject({ value: { version: 4, mode: 'opt-out' }, applied: [], problem: null });
  });

  it('does not use a newer, unknown format and says so', () => {
    const r = migrateStoredSettings({ version: 9, mode: 'opt-out' }, steps);
    expect(r).toMatchObject({ value: null, from: 9, problem: 'future-version' });
    expect(r.detail).toContain('format 9');
  });

  it('names the version whose step failed', () => {
    const r = migrateStoredSettings({ version: 2, explode: true }, steps);
    expect(r).toMatchObject({ value: null, from: 2, applied: [3], problem: 'step-failed' });
    expect(r.detail).toMatch(/version 4 failed: Error: cannot convert/);
  });

  it.each([
    ['a string', 'settings', 'not-an-object'],
    ['a number', 42, 'not-an-object'],
    ['a list', [1, 2], 'not-an-object'],
    ['a text version', { version: 'two' }, 'bad-version'],
    ['a zero version', { version: 0 }, 'bad-version'],
    ['a fractional version', { version: 1.5 }, 'bad-version'],
  ])('reports %s without throwing', (_name, raw, problem) => {
    expect(migrateStoredSettings(raw, steps)).toMatchObject({ value: null, problem });
  });

  it('reads nothing stored as a fresh start', () => {
    expect(migrateStoredSettings(undefined, steps)).toMatchObject({ value: {}, problem: null });
    expect(migrateStoredSettings(null, steps)).toMatchObject({ value: {}, problem: null });
  });
});

describe('loadSettings / parseSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(loadSettings(undefined)).toMatchObject({ settings: defaults, problem: null, resetFields: [] });
    expect(defaults).toMatchObject({ purpose: 'ai-training', mode: 'licensed', inPageNotice: true, perOriginConcurrency: 2 });
  });

  it('keeps valid stored values', () => {
    const stored = { ...defaults, mode: 'opt-out', userBlock: ['bad.example'], minImageSide: 120 };
    expect(parseSettings(stored)).toEqual(stored);
  });

  it('keeps defaults for a future format, leaving nothing half-read', () => {
    const r = loadSettings({ version: SETTINGS_VERSION + 1, mode: 'opt-out', userAllow: ['x.example'] });
    expect(r.settings).toEqual(defaults);
    expect(r.problem).toBe('future-version');
  });

  it('replaces only invalid fields and lists them', () => {
    const r = loadSettings({ version: 1, mode: 'yolo', perOriginConcurrency: 99, userBlock: ['b.example'], maxImageBytes: -1 });
    expect(r.problem).toBe('invalid-fields');
    expect(r.resetFields.sort()).toEqual(['maxImageBytes', 'mode', 'perOriginConcurrency']);
    expect(r.settings).toEqual({ ...defaults, userBlock: ['b.example'] });
  });

  it('drops unknown keys', () => {
    expect(parseSettings({ version: 1, extra: '<script>' })).toEqual(defaults);
  });

  it('runs injected steps before validating', () => {
    const real = [({ minSide, ...rest }: Record<string, unknown>) => ({ ...rest, minImageSide: minSide })];
    // With one step the latest format is 2, which this build's schema does not accept, so
    // the version field alone is reset — the migrated fields survive.
    const r = loadSettings({ version: 1, minSide: 80 }, real);
    expect(r.settings.minImageSide).toBe(80);
    expect(r.migration.applied).toEqual([2]);
  });
});

describe('settingsForDeciding (what a collect may decide under)', () => {
  it('gives the stored settings, or the defaults when nothing was ever stored', () => {
    expect(settingsForDeciding(undefined)).toEqual({ ok: true, settings: defaults });
    const stored = { ...defaults, userBlock: ['bad.example'] };
    expect(settingsForDeciding(stored)).toEqual({ ok: true, settings: stored });
  });

  it('refuses settings a newer Heed wrote, rather than deciding under defaults that drop the block list', () => {
    const r = settingsForDeciding({ version: SETTINGS_VERSION + 1, userBlock: ['bad.example'] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe('future-version');
      expect(r.message).toMatch(/newer Heed/);
      expect(r.message).toMatch(/stopped|not collect/i);
    }
  });

  it.each([
    ['a list', ['x']],
    ['a bad version', { version: 'two' }],
    ['an invalid block list', { version: 1, userBlock: 'bad.example' }],
    ['an invalid mode', { version: 1, mode: 'yolo' }],
  ])('refuses %s, naming what is wrong', (_, raw) => {
    const r = settingsForDeciding(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(20);
  });

  it('names the invalid fields', () => {
    const r = settingsForDeciding({ version: 1, userBlock: 'bad.example', mode: 'yolo' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/userBlock.*mode|mode.*userBlock/);
  });
});

describe('readFieldByField (where the settings form starts from unusable settings)', () => {
  it('keeps every readable field of settings a newer Heed wrote, the block list first of all', () => {
    const s = readFieldByField({ version: SETTINGS_VERSION + 1, userBlock: ['bad.example'], mode: 'opt-out', newThing: 1 });
    expect(s).toEqual({ ...defaults, userBlock: ['bad.example'], mode: 'opt-out' });
  });

  it('gives the defaults for what is not an object', () => {
    expect(readFieldByField('nonsense')).toEqual(defaults);
  });

  // A list holding one entry of another type (or stored as one text) was read as wholly invalid
  // and replaced by its default: the block list shown empty, the accepted licences widened to the
  // default set. Saved from the form (as it asks), the user's block list was gone and a blocked
  // site's images were collected.
  it('keeps the readable entries of a block list that holds entries of another type', () => {
    expect(readFieldByField({ version: 1, userBlock: ['bad.example', 5, null, 'worse.example'] }).userBlock).toEqual(['bad.example', 'worse.example']);
  });

  it('reads a block list stored as one text as the domains it names', () => {
    expect(readFieldByField({ version: 1, userBlock: 'bad.example, worse.example\nthird.example' }).userBlock).toEqual(['bad.example', 'worse.example', 'third.example']);
  });

  it('reads an unreadable list of accepted licences as its readable entries, never the wider defaults', () => {
    expect(readFieldByField({ version: 1, acceptedLicences: ['CC0', 42] }).acceptedLicences).toEqual(['CC0']);
    expect(readFieldByField({ version: 1, acceptedLicences: 'CC0' }).acceptedLicences).toEqual([]);
  });

  it('reads an unreadable allow list as its readable entries, or none', () => {
    expect(readFieldByField({ version: 1, userAllow: ['museum.example', 1] }).userAllow).toEqual(['museum.example']);
    expect(readFieldByField({ version: 1, userAllow: 'museum.example' }).userAllow).toEqual([]);
  });

  it('reads an unreadable people setting as refuse, whatever the purpose’s default', () => {
    expect(readFieldByField({ version: 1, purpose: 'research-tdm', people: 'nobody' }).people).toBe('refuse');
    expect(readFieldByField({ version: 1, purpose: 'research-tdm', people: 0 }).people).toBe('refuse');
  });

  it('unchanged: missing fields are their defaults and readable ones are kept as stored', () => {
    expect(readFieldByField({ version: 1, purpose: 'research-tdm' })).toEqual({ ...defaults, purpose: 'research-tdm', people: null });
    const stored = { ...defaults, people: 'off', userBlock: ['bad.example'], acceptedLicences: ['CC0'], userAllow: ['museum.example'] };
    expect(readFieldByField(stored)).toEqual(stored);
  });

  it('the strict reading stops collecting on such lists as before', () => {
    expect(settingsForDeciding({ version: 1, userBlock: ['bad.example', 5] }).ok).toBe(false);
    expect(settingsForDeciding({ version: 1, people: 'nobody' }).ok).toBe(false);
  });
});
