import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { croissantJson } from '../../../utils/exports/croissant';
import { collectionFacts } from '../../../utils/exports/facts';
import { datasetCard, hfLicenceMeta } from '../../../utils/exports/hf-imagefolder';
import { img2datasetRow, IMG2DATASET_RESERVED_COLUMNS } from '../../../utils/exports/jsonl';
import { item, manifestOf } from './fixtures';

/*
 * Each export read by the rules of the tool its users feed it to (those tools are Python and
 * cannot run here; the rules are copied from their sources, cited beside each block).
 */

type Json = Record<string, any>;

/**
 * The terms of mlcroissant's standard @context for Croissant 1.1 (mlcommons/croissant
 * python/mlcroissant/mlcroissant/_src/core/rdf.py `make_context`, `ctx.is_v1_1()`): a context
 * missing any of them is "not standard".
 */
const MLCROISSANT_CONTEXT_TERMS = [
  '@language', '@vocab', 'arrayShape', 'citeAs', 'column', 'conformsTo', 'cr', 'rai', 'data', 'dataType', 'dct',
  'description', 'examples', 'extract', 'field', 'fileProperty', 'fileObject', 'fileSet', 'format', 'includes',
  'isArray', 'isLiveDataset', 'jsonPath', 'key', 'md5', 'name', 'parentField', 'path', 'recordSet', 'references',
  'regex', 'repeated', 'replace', 'samplingRate', 'sc', 'separator', 'source', 'subField', 'transform',
];

describe('Croissant, read as mlcroissant 1.1 reads it', () => {
  const doc = async () => JSON.parse(await croissantJson(manifestOf([item(1), item(2, { mime: 'image/jpeg' })]))) as Json;

  it('maps @vocab and sc to https://schema.org/ (its Dataset check compares the expanded @type with https)', async () => {
    // rdf.py make_context: "@vocab": "https://schema.org/", "sc": "https://schema.org/"; a dataset
    // node is one whose expanded @type is constants.SCHEMA_ORG_DATASET (https://schema.org/Dataset).
    const ctx = (await doc())['@context'] as Json;
    expect(ctx['@vocab']).toBe('https://schema.org/');
    expect(ctx.sc).toBe('https://schema.org/');
  });

  it('has every term of the standard context, each meaning what mlcroissant means by it', async () => {
    const ctx = (await doc())['@context'] as Json;
    for (const term of MLCROISSANT_CONTEXT_TERMS) expect(ctx, term).toHaveProperty([term]);
    expect(ctx).toMatchObject({ path: 'cr:path', repeated: 'cr:repeated', replace: 'cr:replace', samplingRate: 'cr:samplingRate', key: 'cr:key', md5: 'cr:md5' });
  });

  it('joins fields as {"field": {"@id": …}} in source and references, and every id resolves', async () => {
    const d = await doc();
    const fieldIds = new Set<string>();
    for (const rs of d.recordSet as Json[]) for (const f of rs.field as Json[]) fieldIds.add(f['@id']);
    const fileIds = new Set((d.distribution as Json[]).map((x) => x['@id'] as string));
    let joined = 0;
    for (const rs of d.recordSet as Json[]) {
      for (const f of rs.field as Json[]) {
        const src = f.source as Json;
        expect(src, f['@id']).not.toHaveProperty(['@id']);
        if (src.field) {
          joined++;
          expect(Object.keys(src)).toEqual(['field']);
          expect(fieldIds.has(src.field['@id'])).toBe(true);
        } else {
          expect(fileIds.has((src.fileObject ?? src.fileSet)['@id'])).toBe(true);
        }
        if (f.references) {
          expect(Object.keys(f.references)).toEqual(['field']);
          expect(fieldIds.has(f.references.field['@id'])).toBe(true);
        }
      }
    }
    expect(joined).toBeGreaterThan(0);
  });

  it('states citeAs and a MAJOR.MINOR.PATCH version (mlcroissant warns when either is missing)', async () => {
    const d = await doc();
    expect(typeof d.citeAs).toBe('string');
    expect(d.citeAs).toMatch(/^@misc\{/);
    expect(d.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('says a standalone copy needs the unzipped folder beside it to load records', async () => {
    expect((await doc()).description).toMatch(/unzipped/);
  });
});

/** img2dataset's reserved output columns (rom1504/img2dataset img2dataset/main.py `arguments_validator`). */
const RESERVED = ['key', 'caption', 'url', 'width', 'height', 'original_width', 'original_height', 'status', 'error_message', 'exif', 'md5', 'sha256', 'sha512'];

/** The img2dataset command README.md gives, flags as a map. */
function readmeCommand(): Map<string, string> {
  const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
  const block = /```(?:sh|bash)\n(img2dataset [^`]*?)\n```/.exec(readme)?.[1];
  expect(block, 'README gives an img2dataset command').toBeDefined();
  const flat = block!.replace(/\\\n\s*/g, ' ');
  const flags = new Map<string, string>();
  for (const m of flat.matchAll(/--(\w+)\s+('[^']*'|\S+)/g)) flags.set(m[1]!, m[2]!.replace(/^'|'$/g, ''));
  return flags;
}

describe('JSONL, read as img2dataset 1.47 reads it', () => {
  it('writes no reserved column other than those it reads as input (url, caption, sha256)', () => {
    expect([...IMG2DATASET_RESERVED_COLUMNS].sort()).toEqual([...RESERVED].sort());
    const columns = Object.keys(img2datasetRow(item(1)));
    expect(columns.filter((c) => RESERVED.includes(c)).sort()).toEqual(['caption', 'sha256', 'url']);
    expect(columns).toContain('source_width');
    expect(columns).toContain('source_height');
  });

  it("README's command keeps the bytes, checks the hashes and saves only columns it may save", () => {
    const flags = readmeCommand();
    expect(flags.get('input_format')).toBe('jsonl');
    expect(flags.get('disable_all_reencoding')).toBe('True');
    expect(JSON.parse(flags.get('verify_hash')!)).toEqual(['sha256', 'sha256']);
    const saved = JSON.parse(flags.get('save_additional_columns')!) as string[];
    const columns = Object.keys(img2datasetRow(item(1)));
    for (const c of saved) {
      expect(columns, c).toContain(c);
      expect(RESERVED, c).not.toContain(c);
    }
    expect(saved).toEqual(expect.arrayContaining(['license', 'license_url', 'attribution', 'title', 'creator', 'source_url', 'page_url', 'source_width', 'source_height']));
  });
});

/** Licence ids the Hub accepts (huggingface/hub-docs docs/hub/repositories-licenses.md). */
const HUB_IDS = new Set(['cc0-1.0', 'cc-by-2.0', 'cc-by-2.5', 'cc-by-3.0', 'cc-by-4.0', 'cc-by-sa-3.0', 'cc-by-sa-4.0', 'cc-by-nc-2.0', 'cc-by-nc-3.0', 'cc-by-nc-4.0', 'cc-by-nd-4.0', 'cc-by-nc-nd-3.0', 'cc-by-nc-nd-4.0', 'cc-by-nc-sa-2.0', 'cc-by-nc-sa-3.0', 'cc-by-nc-sa-4.0', 'other', 'unknown']);

describe('dataset card, read as the Hub reads it', () => {
  const cc0 = { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'xmp' as const, attribution: null };
  const bySa = { id: 'CC-BY-SA-4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', source: 'page' as const, attribution: null };

  it('lists the Hub ids when every item has one', () => {
    const meta = hfLicenceMeta(collectionFacts(manifestOf([item(1), item(2, { licence: cc0 }), item(3, { licence: bySa })])));
    expect(meta.license).toEqual(['cc-by-4.0', 'cc-by-sa-4.0', 'cc0-1.0']);
    for (const id of meta.license as string[]) expect(HUB_IDS.has(id)).toBe(true);
    const card = datasetCard(manifestOf([item(1), item(2, { licence: cc0 })]));
    expect(card).toMatch(/^---\nlicense:\n- cc-by-4\.0\n- cc0-1\.0\npretty_name:/);
  });

  it('falls back to `other` when one licence has no Hub id, and every id it writes is on the list', () => {
    const pdm = { id: 'CC-PDM-1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/', source: 'page' as const, attribution: null };
    const meta = hfLicenceMeta(collectionFacts(manifestOf([item(1), item(2, { licence: pdm })])));
    expect(meta.license).toBe('other');
    expect(hfLicenceMeta(collectionFacts(manifestOf([item(1), item(2, { licence: null })]))).license).toBe('other');
    expect(HUB_IDS.has(hfLicenceMeta(collectionFacts(manifestOf([item(1)]))).license as string)).toBe(true);
  });
});
