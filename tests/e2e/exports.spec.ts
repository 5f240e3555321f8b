import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020.js';
import { strFromU8, unzipSync } from 'fflate';
import { marked } from 'marked';
import { test, expect, openSiteWithPopup } from './harness/fixtures';

const SCHEMA = resolve(import.meta.dirname, '../../schema/heed-manifest-2.schema.json');
const DATED = /^heed-(dataset|croissant)-\d{4}-\d{2}-\d{2}\.(jsonl|zip|json)$/;

/** Click an export button and read the downloaded file. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const bytes = readFileSync(await file.path());
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);

test('every export downloads and parses: manifest, JSONL, Hugging Face ZIP, Croissant, ATTRIBUTION.md', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('museum.test')}/`);
  const verdicts = await popup.collect();
  expect(verdicts.filter((v) => v.decision === 'permitted')).toHaveLength(2);
  const page = popup.page;

  // JSON manifest: validates against the committed JSON Schema (draft 2020-12).
  const json = await download(page, 'export-json');
  expect(json.name).toMatch(/^heed-manifest-\d{4}-\d{2}-\d{2}\.json$/);
  const manifest = JSON.parse(json.text) as { schema: string; items: { sha256: string; url: string; licence: Record<string, unknown> }[] };
  expect(manifest.schema).toBe('heed-manifest/2');
  // The page names its photographer (<meta name="author">): every licence carries the credit.
  const vase = manifest.items.find((i) => i.url.includes('vase'))!;
  expect(vase.licence).toMatchObject({ title: 'Blue vase, 1820', creator: 'Open Museum Photography', sourceUrl: `${sites.origin('museum.test')}/` });
  const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  const hashes = manifest.items.map((i) => i.sha256).sort();
  expect(hashes).toHaveLength(2);

  // JSONL: img2dataset columns on every line.
  const jsonl = await download(page, 'export-jsonl');
  expect(jsonl.name).toMatch(DATED);
  expect(jsonl.name.endsWith('.jsonl')).toBe(true);
  const rows = lines(jsonl.text);
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(Object.keys(row)).toEqual(['url', 'caption', 'license', 'license_url', 'attribution', 'title', 'creator', 'source_url', 'page_url', 'sha256', 'source_width', 'source_height', 'faces', 'largest_face_px', 'model_release']);
    expect(row).toMatchObject({ license: 'CC-BY-4.0', license_url: 'https://creativecommons.org/licenses/by/4.0/', page_url: `${sites.origin('museum.test')}/` });
  }
  expect(rows.map((r) => r.sha256).sort()).toEqual(hashes);
  expect(rows.find((r) => String(r.url).includes('vase'))).toMatchObject({ caption: 'Blue vase, 1820' });

  // Hugging Face ZIP: listed, metadata.jsonl lines match the images in train/, progress shown.
  const zip = await download(page, 'export-hf');
  expect(zip.name).toMatch(DATED);
  expect(zip.name.endsWith('.zip')).toBe(true);
  await expect(page.getByTestId('export-progress')).toContainText('2 / 2 images written');
  const files = unzipSync(new Uint8Array(zip.bytes));
  const names = Object.keys(files).sort();
  expect(names).toEqual(['ATTRIBUTION.md', 'README.md', 'croissant.json', ...hashes.map((h) => `train/${h}.png`), 'train/metadata.jsonl'].sort());
  const meta = lines(strFromU8(files['train/metadata.jsonl']!));
  const images = names.filter((n) => n.startsWith('train/') && n.endsWith('.png')).map((n) => n.slice('train/'.length));
  expect(meta.map((m) => m.file_name).sort()).toEqual(images.sort());
  for (const m of meta) {
    const bytes = files[`train/${String(m.file_name)}`]!;
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    expect(digest).toBe(m.sha256);
    expect(bytes.subarray(1, 4).toString()).toBe('80,78,71'); // "PNG"
  }
  const card = strFromU8(files['README.md']!);
  expect(card).toMatch(/^---\nlicense: cc-by-4\.0\n/);
  expect(card).toContain('## Collection statement');
  expect(card).toContain('| `no-licence`: No licence found | 1 |');

  // Croissant: required fields, and it matches the ZIP's croissant.json byte for byte.
  const croissant = await download(page, 'export-croissant');
  expect(croissant.name).toMatch(DATED);
  expect(croissant.text).toBe(strFromU8(files['croissant.json']!));
  const doc = JSON.parse(croissant.text) as Record<string, unknown>;
  for (const key of ['@context', '@type', 'conformsTo', 'name', 'description', 'license', 'url', 'creator', 'datePublished', 'distribution', 'recordSet']) expect(doc, key).toHaveProperty([key]);
  expect(doc.conformsTo).toContain('http://mlcommons.org/croissant/1.1');
  // As mlcroissant 1.1 reads it: https schema.org, citeAs and version, joins in the `field` form.
  expect(doc['@context']).toMatchObject({ '@vocab': 'https://schema.org/', sc: 'https://schema.org/', path: 'cr:path', repeated: 'cr:repeated', replace: 'cr:replace', samplingRate: 'cr:samplingRate' });
  expect(doc).toMatchObject({ citeAs: expect.stringMatching(/^@misc\{/), version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  const joins = (doc.recordSet as { field: { source: Record<string, unknown>; references?: Record<string, unknown> }[] }[]).flatMap((rs) => rs.field).flatMap((f) => [f.source, f.references ?? {}]);
  expect(joins.filter((j) => '@id' in j)).toEqual([]);
  expect(doc['rai:dataCollectionTimeframe']).toHaveLength(2);
  const [metadataFile] = doc.distribution as { contentUrl: string; sha256: string }[];
  expect(metadataFile).toMatchObject({ contentUrl: 'train/metadata.jsonl' });
  expect(Buffer.from(await crypto.subtle.digest('SHA-256', files['train/metadata.jsonl']!)).toString('hex')).toBe(metadataFile!.sha256);

  // ATTRIBUTION.md: one credit per image with the licence link; the same text as in the ZIP.
  const attribution = await download(page, 'export-attribution');
  expect(attribution.name).toBe('ATTRIBUTION.md');
  expect(attribution.text).toBe(strFromU8(files['ATTRIBUTION.md']!));
  const html = marked.parse(attribution.text, { gfm: true, async: false });
  expect(html.match(/<li>/g)).toHaveLength(2);
  expect(html.replace(/&quot;/g, '"')).toContain(`"Blue vase, 1820" by Open Museum Photography (${sites.origin('museum.test')}/) is licensed under CC BY 4.0`);
  expect(html).toContain('<a href="https://creativecommons.org/licenses/by/4.0/">');

  // Exports are deterministic: a second ZIP of the same store is byte-identical.
  const again = await download(page, 'export-hf');
  expect(Buffer.compare(again.bytes, zip.bytes)).toBe(0);
  await expect(page.getByTestId('export-error')).toHaveCount(0);
});

test('hostile page text is shown as text in every export', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('hostile.test')}/`);
  const verdicts = await popup.collect();
  expect(verdicts.filter((v) => v.decision === 'permitted')).toHaveLength(1);
  const page = popup.page;
  const rendered = (md: string) => marked.parse(md, { gfm: true, async: false });
  const forbidden = /<script|<img|href="javascript|<a href="https:\/\/evil|<h1>not a heading/;

  const attribution = await download(page, 'export-attribution');
  expect(rendered(attribution.text)).not.toMatch(forbidden);
  expect(rendered(attribution.text)).toContain('&lt;script&gt;');

  const files = unzipSync(new Uint8Array((await download(page, 'export-hf')).bytes));
  const card = strFromU8(files['README.md']!);
  expect(card).toMatch(/^---\nlicense: cc-by-sa-4\.0\n/);
  expect(rendered(card)).not.toMatch(forbidden);
  const [row] = lines(strFromU8(files['train/metadata.jsonl']!));
  expect(String(row!.caption)).toContain('<script>alert("caption")</script>');

  const [jsonlRow] = lines((await download(page, 'export-jsonl')).text);
  expect(jsonlRow!.caption).toBe(row!.caption);
});
