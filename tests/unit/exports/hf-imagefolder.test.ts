import { unzipSync, strFromU8 } from 'fflate';
import { marked } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { collectionFacts } from '../../../utils/exports/facts';
import { datasetCard, hfExport, hfLicenceMeta, hfZipFileName, zipDate } from '../../../utils/exports/hf-imagefolder';
import { hfMetadataJsonl, hfMetadataRow, imagePath } from '../../../utils/exports/hf-layout';
import type { ManifestItem } from '../../../utils/model/manifest';
import { bytesOf, HOSTILE, item, manifestOf } from './fixtures';

const bytesFor = (i: ManifestItem) => new TextEncoder().encode(`bytes of ${i.sha256}`);
const store = (items: ManifestItem[]) => {
  const calls: string[] = [];
  const byHash = new Map(items.map((i) => [i.sha256, new Blob([bytesFor(i)], { type: i.mime })]));
  return { calls, getBlob: async (sha: string) => (calls.push(sha), byHash.get(sha)) };
};
const zip = async (items: ManifestItem[], over = {}) => {
  const s = store(items);
  const progress: [number, number][] = [];
  const bytes = await bytesOf(hfExport.stream(manifestOf(items, over), { getBlob: s.getBlob, onProgress: (d, t) => progress.push([d, t]) }));
  return { bytes, files: unzipSync(bytes), progress, calls: s.calls };
};

const cc0 = { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'xmp' as const, attribution: null };
const TZ = process.env.TZ;
afterEach(() => {
  if (TZ === undefined) delete process.env.TZ;
  else process.env.TZ = TZ;
});

describe('Hugging Face imagefolder ZIP', () => {
  it('lays out train/<sha256>.<ext>, train/metadata.jsonl keyed by file_name, README, ATTRIBUTION, croissant', async () => {
    const items = [item(1), item(2, { mime: 'image/jpeg' }), item(3, { mime: 'image/svg+xml' })];
    const { files, progress } = await zip(items);
    const names = Object.keys(files);
    expect(names).toEqual([
      `other-formats/${'03'.repeat(32)}.svg`,
      `train/${'01'.repeat(32)}.png`,
      `train/${'02'.repeat(32)}.jpg`,
      'train/metadata.jsonl',
      'ATTRIBUTION.md',
      'README.md',
      'croissant.json',
    ]);
    for (const i of items) expect(files[imagePath(i)]).toEqual(bytesFor(i));
    const rows = strFromU8(files['train/metadata.jsonl']!).trimEnd().split('\n').map((l) => JSON.parse(l));
    // Every metadata row names an image in train/ (relative to train/), and every train/ image has a row.
    const trainImages = names.filter((n) => n.startsWith('train/') && n !== 'train/metadata.jsonl').map((n) => n.slice('train/'.length));
    expect(rows.map((r) => r.file_name).sort()).toEqual(trainImages.sort());
    expect(Object.keys(rows[0]).filter((k) => k === 'file_name' || k.endsWith('_file_name'))).toEqual(['file_name']);
    expect(rows[0]).toMatchObject({ sha256: '01'.repeat(32), license: 'CC-BY-4.0', caption: 'Object 1', width: 41, collected_at: '2026-11-25T10:00:01.000Z' });
    expect(progress).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
  });

  it('is byte-identical for the same store, whatever the input order or time zone', async () => {
    const items = [item(1), item(2), item(3)];
    process.env.TZ = 'UTC';
    const a = await zip(items);
    process.env.TZ = 'America/New_York';
    const b = await zip([...items].reverse());
    process.env.TZ = 'Asia/Kolkata';
    const c = await zip(items, { exportedAt: '2030-01-01T00:00:00.000Z' });
    expect(b.bytes).toEqual(a.bytes);
    expect(c.bytes).toEqual(a.bytes);
  });

  it('reads one blob at a time, only as the ZIP writer asks (5,000 items)', async () => {
    const items = Array.from({ length: 5000 }, (_, n) => item(n % 250, { sha256: n.toString(16).padStart(64, '0') }));
    const s = store(items);
    const it = hfExport.stream(manifestOf(items), { getBlob: s.getBlob })[Symbol.asyncIterator]();
    await it.next();
    expect(s.calls.length).toBeLessThanOrEqual(2);
    // Each image is a local header + data (+ descriptor): blobs are never fetched far ahead of the bytes out.
    let chunks = 1;
    let ahead = 0;
    for (let r = await it.next(); !r.done; r = await it.next()) {
      chunks++;
      ahead = Math.max(ahead, s.calls.length - chunks);
    }
    expect(ahead).toBeLessThanOrEqual(0);
    expect(s.calls).toHaveLength(5000);
  }, 60_000);

  it('leaves out items whose bytes are missing, and says so', async () => {
    const items = [item(1), item(2)];
    const s = store([items[0]!]);
    const files = unzipSync(await bytesOf(hfExport.stream(manifestOf(items), { getBlob: s.getBlob })));
    expect(strFromU8(files['train/metadata.jsonl']!).trimEnd().split('\n')).toHaveLength(1);
    expect(strFromU8(files['README.md']!)).toContain('1 stored item was left out');
    expect(strFromU8(files['ATTRIBUTION.md']!)).not.toContain('02'.repeat(32));
  });

  it('sets ZIP dates from collectedAt as UTC wall time', () => {
    process.env.TZ = 'America/New_York';
    expect(new Date('2026-11-25T10:00:02.000Z').getHours()).toBe(5); // the zone change took effect
    const d = zipDate('2026-11-25T10:00:02.000Z');
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]).toEqual([2026, 10, 25, 10, 0, 2]);
    expect(zipDate(null).getFullYear()).toBe(1980);
    expect(zipDate('garbage').getFullYear()).toBe(1980);
    expect(hfZipFileName(new Date(2026, 0, 9))).toBe('heed-dataset-2026-01-09.zip');
  });
});

describe('dataset card', () => {
  it('declares a single shared licence by its Hub id', () => {
    expect(hfLicenceMeta(collectionFacts(manifestOf([item(1), item(2)])))).toEqual({ license: 'cc-by-4.0' });
    expect(hfLicenceMeta(collectionFacts(manifestOf([item(1, { licence: cc0 })])))).toEqual({ license: 'cc0-1.0' });
    const pdm = item(1, { licence: { id: 'CC-PDM-1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/', source: 'page', attribution: null } });
    expect(hfLicenceMeta(collectionFacts(manifestOf([pdm])))).toEqual({ license: 'other', license_name: 'cc-pdm-1.0', license_link: 'https://creativecommons.org/publicdomain/mark/1.0/' });
    expect(hfLicenceMeta(collectionFacts(manifestOf([item(1, { licence: null })])))).toEqual({ license: 'unknown' });
  });

  it('mixed licences: their Hub ids (or `other` when one has none) with a licence table', () => {
    const card = datasetCard(manifestOf([item(1), item(2), item(3, { licence: cc0 })]));
    expect(card).toMatch(/^---\nlicense:\n- cc-by-4.0\n- cc0-1.0\npretty_name: Heed image collection\nsize_categories:\n- n<1K\n/);
    const pdm = { id: 'CC-PDM-1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/', source: 'page' as const, attribution: null };
    expect(datasetCard(manifestOf([item(1), item(2, { licence: pdm })]))).toMatch(/^---\nlicense: other\nlicense_name: mixed-per-image\nlicense_link: "ATTRIBUTION.md"\npretty_name: Heed image collection\n/);
    expect(card).toContain('| CC BY 4.0 (<https://creativecommons.org/licenses/by/4.0/>) | CC-BY-4.0 | cc-by-4.0 | 2 |');
    expect(card).toContain('| CC0 1.0 (<https://creativecommons.org/publicdomain/zero/1.0/>) | CC0-1.0 | cc0-1.0 | 1 |');
  });

  // The card said every image passed the checks of the header's policy (the settings at export)
  // and had an accepted licence, although items collected under research-tdm (which honours no
  // train-ai opt-out) or in opt-out mode (no licence) were in it: a claim of permission their
  // own evidence does not support. The claim now covers only the items decided under it.
  it('items decided under another purpose, mode or licence set: the card does not claim they passed this policy', () => {
    const tdm = item(2, { purpose: 'research-tdm' });
    const optOut = item(3, { mode: 'opt-out', licence: null });
    const nc = item(4, { policy: { acceptedLicences: ['CC-BY', 'CC-BY-NC'], robotsTokens: ['heed', 'GPTBot'] } });
    for (const other of [tdm, optOut, nc]) {
      const card = datasetCard(manifestOf([item(1), other]));
      expect(card).not.toContain("Every image in this dataset passed Heed's checks");
      expect(card).not.toContain('every image had an accepted licence');
      expect(card).toContain('1 image was collected under another policy');
    }
  });

  it('an item kept under people: flag (or a larger face size) is not claimed to have passed a header that refuses people', () => {
    const strict = { acceptedLicences: ['CC0', 'PDM', 'CC-BY', 'CC-BY-SA'], robotsTokens: ['heed', 'GPTBot'], people: 'refuse' as const, minFacePx: 32 };
    const header = { policy: strict };
    expect(datasetCard(manifestOf([item(1, { policy: strict }), item(2, { policy: { ...strict, people: 'refuse', minFacePx: 16 } })], header))).toContain("Every image in this dataset passed Heed's checks");
    for (const other of [item(2, { policy: { ...strict, people: 'flag' } }), item(2, { policy: { ...strict, minFacePx: 100 } }), item(2)]) {
      const card = datasetCard(manifestOf([item(1, { policy: strict }), other], header));
      expect(card).not.toContain("Every image in this dataset passed Heed's checks");
      expect(card).toContain('1 image was collected under another policy');
    }
  });

  it('states purpose, mode, date range, pages, policy and refusals by reason', () => {
    const items = [item(1), item(2, { pageUrl: 'https://museum.example/b', pageTitle: 'B' })];
    const card = datasetCard(manifestOf(items));
    expect(card).toMatch(/^---\nlicense: cc-by-4.0\n/);
    expect(card).toContain('- **Purpose:** AI training (`ai-training`)');
    expect(card).toContain('- **Mode:** licensed: every image had an accepted licence (CC0, PDM, CC-BY, CC-BY-SA)');
    expect(card).toContain('- **Collected:** 2026-11-25T10:00:01.000Z to 2026-11-25T10:00:02.000Z');
    expect(card).toContain('- **Pages collected from:** 2');
    expect(card).toContain("Every image in this dataset passed Heed's checks");
    expect(card).toContain('| `no-licence`: No licence found | 2 |');
    expect(card).toContain('| `robots-disallow`: robots.txt disallows it for AI crawlers | 1 |');
    expect(card).toContain('| `fetch-failed`: The image could not be fetched | 1 |');
    expect(card).toContain('All 2 images are licensed under CC BY 4.0');
    expect(card).toContain('| <https://museum.example/b> | B | 1 |');
  });

  it('shows hostile page titles as text', () => {
    const html = marked.parse(datasetCard(manifestOf([item(1, { pageTitle: HOSTILE, caption: HOSTILE })])), { gfm: true, async: false });
    expect(html).not.toMatch(/<script|<img|href="javascript|<h1>Heading/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('counts people evidence from embedded IPTC', () => {
    const person = item(1, { evidence: [{ kind: 'iptc', scope: 'image', source: 'xmp', value: 'PersonInImage: Ann', effect: 'info' }] });
    const release = item(2, { evidence: [{ kind: 'xmp', scope: 'image', source: 'xmp', value: 'plus:ModelReleaseStatus MR-FMR', effect: 'info', note: 'Model release: fully released' }] });
    const facts = collectionFacts(manifestOf([person, release, item(3)]));
    expect([facts.personInImage, facts.modelRelease]).toEqual([1, 1]);
    expect(datasetCard(manifestOf([person, release]))).toContain('1 image names a person shown (IPTC PersonInImage) and 1 carries model-release information');
  });

  it('metadata rows are JSON Lines of decodable images only', () => {
    const m = manifestOf([item(1), item(2, { mime: 'image/svg+xml' })]);
    const lines = hfMetadataJsonl(m).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual(hfMetadataRow(item(1)));
  });
});
