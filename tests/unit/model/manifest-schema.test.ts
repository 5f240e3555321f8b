/**
 * The exported manifest validates against the committed JSON Schema (schema/, draft 2020-12, as
 * a third party reads it with ajv), for records made the way the worker makes them: decided by
 * assessImage (and the people check) over hostile page text, then stored as judge-image.ts does.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { assessImage, assessPage, type ImageInputs } from '../../../utils/policy/assess';
import { judgePeople } from '../../../utils/policy/people';
import { parseSettings, type Settings } from '../../../utils/model/settings';
import { purposeProfile } from '../../../utils/model/purposes';
import { peopleSettingFor } from '../../../utils/model/people';
import { buildManifest, manifestSchemaFileName, type ManifestItem } from '../../../utils/model/manifest';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import type { PageSignals } from '../../../utils/page/page-signals';
import type { ImageCandidate } from '../../../utils/policy/verdict';
import { jsonlLines } from '../../../utils/exports/jsonl';
import { hfMetadataJsonl } from '../../../utils/exports/hf-layout';
import { attributionMarkdown } from '../../../utils/exports/attribution';
import { croissantJson } from '../../../utils/exports/croissant';

const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const ORIGIN = 'https://museum.example';
const HOSTILE_CREATOR = 'Eve](javascript:alert(1)) | <script>alert(1)</script>\n# pwned';
const LONG_TITLE = `${'A very long title '.repeat(6000)}<img src=x onerror=alert(1)>`; // ~100 KB

const files = (origin: string): OriginFiles => ({
  origin,
  robots: { url: `${origin}/robots.txt`, outcome: 'unavailable', status: 404 },
  tdmrep: { url: `${origin}/.well-known/tdmrep.json`, outcome: 'absent' },
  aiTxt: { url: `${origin}/ai.txt`, outcome: 'absent' },
  rsl: [],
});

const pageSignals = (licences: { via: 'rel'; url: string }[]): PageSignals => ({
  url: `${ORIGIN}/gallery`,
  title: LONG_TITLE,
  metas: [],
  tdm: {},
  licence: {
    pageUrl: `${ORIGIN}/gallery`,
    licences,
    rslLinks: [],
    imageObjects: [{ contentUrl: `${ORIGIN}/fox.jpg`, license: [CC_BY], acquireLicensePage: null, creditText: null, creator: HOSTILE_CREATOR, copyrightNotice: null, name: 'Fox <b>red</b>' }],
    unreadable: [],
    truncated: false,
  },
  rsl: [],
});

const candidate = (url: string): ImageCandidate => ({
  url,
  thumbnailUrl: null,
  alt: 'A "fox" <script>alert(1)</script>',
  title: '',
  caption: 'Line one\nLine two | [x](javascript:alert(1))',
  discovery: ['img'],
  width: 0,
  height: 0,
  elementLicences: [],
});

/** Decide one image and, when permitted, make its stored record as judge-image.ts does. */
function stored(url: string, settings: Settings, pageLicences: { via: 'rel'; url: string }[], n: number): ManifestItem | null {
  const site = assessPage({ page: pageSignals(pageLicences), headers: {}, origin: files(ORIGIN) }, settings);
  const inputs: ImageInputs = { url, finalUrl: url, headers: {}, redirects: [], origins: [files(ORIGIN)], embedded: { evidence: [], licence: null } };
  const cand = candidate(url);
  const assessed = assessImage(site, inputs, cand, settings);
  if (assessed.decision !== 'permitted') return null;
  const people = judgePeople({ status: 'examined', faces: [{ width: 20, height: 24 }], detector: 'test-detector 1.0' }, null, { people: peopleSettingFor(settings), minFacePx: settings.minFacePx }, null);
  return {
    sha256: n.toString(16).padStart(64, '0'),
    mime: 'image/jpeg',
    bytes: 1234,
    width: 640,
    height: 480,
    url,
    finalUrl: url,
    pageUrl: site.pageUrl,
    pageTitle: LONG_TITLE,
    alt: cand.alt,
    caption: cand.caption,
    discovery: cand.discovery,
    context: { title: cand.title, ariaLabel: '', heading: '', linkUrl: null, thumbnailUrl: null, renderedWidth: 320.5, renderedHeight: null },
    collectedAt: `2026-11-25T10:00:0${n}.000Z`,
    purpose: settings.purpose,
    mode: settings.mode,
    policy: { acceptedLicences: settings.acceptedLicences, robotsTokens: purposeProfile(settings.purpose).robotsTokens },
    licence: assessed.licence,
    synthetic: null,
    people: people.people,
    evidence: [...assessed.evidence, ...people.evidence],
  };
}

describe('the exported manifest against its committed JSON Schema (ajv, draft 2020-12)', () => {
  const schema = JSON.parse(readFileSync(new URL(`../../../schema/${manifestSchemaFileName()}`, import.meta.url), 'utf8')) as object;
  const licensed = parseSettings({});
  const optOut = parseSettings({ mode: 'opt-out', purpose: 'research-tdm' });
  const items = [
    stored(`${ORIGIN}/fox.jpg`, licensed, [], 1), // element-level licence (JSON-LD ImageObject) with a hostile creator
    stored(`${ORIGIN}/b.jpg`, licensed, [{ via: 'rel', url: CC_BY }], 2), // page licence
    stored(`${ORIGIN}/c.jpg`, optOut, [], 3), // opt-out mode, no licence
  ];
  const manifest = buildManifest({
    items: items.filter((i): i is ManifestItem => i !== null),
    tally: { refused: { 'no-licence': 3, 'person-no-release': 1 }, failed: { 'fetch-failed': 2 } },
    purpose: 'ai-training',
    mode: 'licensed',
    policy: { acceptedLicences: licensed.acceptedLicences, robotsTokens: purposeProfile('ai-training').robotsTokens },
    version: '0.1.0',
    exportedAt: '2026-11-26T08:00:00.000Z',
  });
  const json = JSON.parse(JSON.stringify(manifest)) as typeof manifest;

  it('validates, strict, with every item the decision path stored', () => {
    expect(items.every((i) => i !== null)).toBe(true);
    const validate = new Ajv2020({ strict: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.items).toHaveLength(3);
    expect(json.items.map((i) => i.people?.faces)).toEqual([1, 1, 1]);
    expect(json.items[0]!.licence).toMatchObject({ source: 'element', creator: expect.stringContaining('javascript:') });
  });

  it('a permitted item in licensed mode shows in its evidence the accepted licence that permitted it', () => {
    for (const item of json.items.filter((i) => i.mode === 'licensed')) {
      expect(item.licence?.id).toBe('CC-BY-4.0');
      expect(item.evidence).toContainEqual(expect.objectContaining({ kind: 'licence', effect: 'allow', value: item.licence!.id, source: 'html' }));
      expect(item.evidence.some((e) => e.effect === 'deny')).toBe(false);
    }
  });

  it('a permitted item in opt-out mode shows the licence check (none found, none required) and no deny', () => {
    const item = json.items.find((i) => i.mode === 'opt-out')!;
    expect(item.licence).toBeNull();
    expect(item.evidence).toContainEqual(expect.objectContaining({ kind: 'licence', value: 'none', effect: 'info', source: 'html' }));
    expect(item.evidence.some((e) => e.effect === 'deny')).toBe(false);
  });

  it('the exports carry the same items and licences as the manifest', async () => {
    const jsonl = [...jsonlLines(json)].map((l) => JSON.parse(l) as { sha256: string; license: string | null; creator: string | null });
    expect(jsonl.map((r) => [r.sha256, r.license])).toEqual(json.items.map((i) => [i.sha256, i.licence?.id ?? null]));
    expect(jsonl[0]!.creator).toBe(json.items[0]!.licence!.creator);
    const meta = hfMetadataJsonl(json).trimEnd().split('\n').map((l) => JSON.parse(l) as { sha256: string; license: string | null });
    expect(meta.map((r) => [r.sha256, r.license])).toEqual(json.items.map((i) => [i.sha256, i.licence?.id ?? null]));
    const md = attributionMarkdown(json);
    for (const i of json.items) expect(md).toContain(i.sha256);
    expect(md).not.toMatch(/\]\(javascript:|<script>|\n# pwned/);
    const croissant = JSON.parse(await croissantJson(json)) as { license: string[] };
    expect(croissant.license).toContain(CC_BY);
  });
});

