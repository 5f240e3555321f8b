import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, manifestFileName, manifestJsonSchema, manifestPolicy, ManifestSchema, type ManifestItem } from '../../../utils/model/manifest';
import { parseSettings } from '../../../utils/model/settings';

const item = (over: Partial<ManifestItem>): ManifestItem => ({
  sha256: 'a'.repeat(64),
  mime: 'image/png',
  bytes: 10,
  width: 2,
  height: 3,
  url: 'https://ex.com/a.png',
  finalUrl: 'https://ex.com/a.png',
  pageUrl: 'https://ex.com/',
  pageTitle: '<script>alert(1)</script>',
  alt: 'A "quoted" <b>alt</b>',
  caption: '',
  discovery: ['img'],
  collectedAt: '2026-11-25T10:00:00.000Z',
  purpose: 'ai-training',
  licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'page', attribution: null },
  synthetic: null,
  evidence: [{ kind: 'licence', scope: 'page', source: 'html', value: 'CC-BY-4.0', effect: 'allow' }],
  ...over,
});

const args = (items: ManifestItem[]) => ({
  items,
  tally: { refused: { 'no-licence': 2, 'robots-disallow': 1 }, failed: { 'fetch-failed': 1 } },
  purpose: 'ai-training' as const,
  mode: 'licensed' as const,
  policy: { acceptedLicences: ['CC0', 'CC-BY'], robotsTokens: ['heed', 'GPTBot'] },
  version: '0.1.0',
  exportedAt: '2026-11-25T12:00:00.000Z',
});

describe('manifest', () => {
  it('round-trips through JSON and the schema', () => {
    const m = buildManifest(args([item({})]));
    const back = ManifestSchema.parse(JSON.parse(JSON.stringify(m)));
    expect(back).toEqual(m);
    expect(back.summary).toEqual({ collected: 1, refused: { 'no-licence': 2, 'robots-disallow': 1 }, failed: { 'fetch-failed': 1 } });
  });

  it('sorts by collectedAt then URL, deterministically for any input order', () => {
    const a = item({ sha256: '1'.repeat(64), url: 'https://ex.com/b.png', collectedAt: '2026-11-25T10:00:00.000Z' });
    const b = item({ sha256: '2'.repeat(64), url: 'https://ex.com/a.png', collectedAt: '2026-11-25T10:00:00.000Z' });
    const c = item({ sha256: '3'.repeat(64), url: 'https://ex.com/0.png', collectedAt: '2026-11-25T11:00:00.000Z' });
    const one = JSON.stringify(buildManifest(args([c, a, b])));
    const two = JSON.stringify(buildManifest(args([b, c, a])));
    expect(one).toBe(two);
    expect(JSON.parse(one).items.map((i: ManifestItem) => i.url)).toEqual(['https://ex.com/a.png', 'https://ex.com/b.png', 'https://ex.com/0.png']);
  });

  it('sorts URLs (and reason keys) in code-unit order, as every machine and a Python sorted() do, not by the locale', () => {
    // localeCompare puts "a" before "B" and ignores the hyphen in "a-b"; code-unit order does neither.
    const urls = ['https://ex.com/a.png', 'https://ex.com/B.png', 'https://ex.com/ab.png', 'https://ex.com/a-c.png'];
    const items = urls.map((url, n) => item({ url, sha256: String(n).repeat(64) }));
    const m = buildManifest({ ...args(items), tally: { refused: { 'no-licence': 1, 'c2pa-not-allowed': 1, 'content-usage-n': 1 }, failed: {} } });
    expect(m.items.map((i) => i.url)).toEqual([...urls].sort());
    expect(Object.keys(m.summary.refused)).toEqual(['c2pa-not-allowed', 'content-usage-n', 'no-licence']);
  });

  it('rejects unknown reason codes and malformed hashes', () => {
    const m = buildManifest(args([item({})]));
    expect(ManifestSchema.safeParse({ ...m, summary: { ...m.summary, refused: { nope: 1 } } }).success).toBe(false);
    expect(ManifestSchema.safeParse({ ...m, items: [{ ...m.items[0], sha256: 'xyz' }] }).success).toBe(false);
  });

  it('records people per item (DESIGN.md §3): faces, largest face, model release, detector; null when off', () => {
    const people = { faces: 2, largestFacePx: 120, modelRelease: 'MR-UMR', detector: 'face-api TinyFaceDetector 1.7.15 (416)' };
    expect(ManifestSchema.parse(buildManifest(args([item({ people })]))).items[0]!.people).toEqual(people);
    expect(ManifestSchema.parse(buildManifest(args([item({ people: null })]))).items[0]!.people).toBeNull();
    expect(() => ManifestSchema.parse(buildManifest(args([item({ people: { ...people, faces: -1 } })])))).toThrow();
    const props = (manifestJsonSchema() as { properties: { items: { items: { properties: Record<string, unknown> } } } }).properties.items.items.properties;
    expect(props.people).toBeDefined();
  });

  it('heed-manifest/2: every licence carries title, creator and sourceUrl; items stored before get nulls', () => {
    const old = item({ licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'page', attribution: 'This image is licensed under CC BY 4.0' } });
    const credited = item({ sha256: 'b'.repeat(64), licence: { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'xmp', attribution: 'x', title: 'T', creator: 'C', sourceUrl: 'https://ex.com/' } });
    const m = buildManifest(args([old, credited, item({ sha256: 'c'.repeat(64), licence: null })]));
    expect(m.schema).toBe('heed-manifest/2');
    expect(m.items.map((i) => i.licence && [i.licence.title, i.licence.creator, i.licence.sourceUrl])).toEqual([[null, null, null], ['T', 'C', 'https://ex.com/'], null]);
    expect(m.items[0]!.licence!.attribution).toBe('This image is licensed under CC BY 4.0');
    expect(ManifestSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
    // The JSON Schema requires the credit fields (nullable) on every licence.
    const licence = JSON.stringify(manifestJsonSchema());
    expect(licence).toMatch(/"required":\[[^\]]*"title","creator","sourceUrl"/);
  });

  it('records per item the mode and policy it was decided under (DESIGN.md §2 "One job, one policy, one page")', () => {
    const decidedUnder = { mode: 'opt-out' as const, policy: { acceptedLicences: ['CC0'], robotsTokens: ['heed', 'CCBot'] } };
    const m = ManifestSchema.parse(JSON.parse(JSON.stringify(buildManifest(args([item({ purpose: 'research-tdm', ...decidedUnder })])))));
    expect(m.items[0]).toMatchObject({ purpose: 'research-tdm', ...decidedUnder });
    const props = (manifestJsonSchema() as { properties: { items: { items: { properties: Record<string, unknown> } } } }).properties.items.items.properties;
    expect(props.mode).toBeDefined();
    expect(props.policy).toBeDefined();
  });

  it('records per item the people check it was decided under (rule 6: refuse refuses what flag keeps): the setting in force and the face size', () => {
    expect(manifestPolicy(parseSettings({}))).toMatchObject({ people: 'refuse', minFacePx: 32 });
    expect(manifestPolicy(parseSettings({ purpose: 'research-tdm' }))).toMatchObject({ people: 'flag', robotsTokens: expect.arrayContaining(['heed']) });
    expect(manifestPolicy(parseSettings({ people: 'off', minFacePx: 64, acceptedLicences: ['CC0'] }))).toEqual({ acceptedLicences: ['CC0'], robotsTokens: expect.any(Array), people: 'off', minFacePx: 64 });
    const policy = manifestPolicy(parseSettings({ purpose: 'research-tdm' }));
    const m = ManifestSchema.parse(JSON.parse(JSON.stringify(buildManifest(args([item({ purpose: 'research-tdm', mode: 'licensed', policy })])))));
    expect(m.items[0]!.policy).toEqual(policy);
    expect(ManifestSchema.safeParse({ ...m, items: [{ ...m.items[0], policy: { ...policy, people: 'ignore' } }] }).success).toBe(false);
    const props = (manifestJsonSchema() as { properties: { policy: { properties: Record<string, unknown> } } }).properties.policy.properties;
    expect(Object.keys(props)).toEqual(['acceptedLicences', 'robotsTokens', 'people', 'minFacePx']);
  });

  it('names the file by local date', () => {
    expect(manifestFileName(new Date(2026, 10, 5, 23, 59))).toBe('heed-manifest-2026-11-05.json');
  });

  it('the committed JSON Schema is the one zod exports', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../schema/heed-manifest-2.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(manifestJsonSchema());
  });
});
