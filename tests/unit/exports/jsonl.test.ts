import { describe, expect, it } from 'vitest';
import { img2datasetRow, jsonlExport, jsonlFileName, jsonlLines } from '../../../utils/exports/jsonl';
import { bytesOf, HOSTILE, item, manifestOf } from './fixtures';

describe('JSONL (img2dataset) export', () => {
  it('writes one JSON object per line with the img2dataset columns', () => {
    const m = manifestOf([item(2), item(1, { caption: 'Blue vase, 1820' })]);
    const lines = [...jsonlLines(m)].join('').split('\n');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(0, -1).map((l) => JSON.parse(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['url', 'caption', 'license', 'license_url', 'attribution', 'title', 'creator', 'source_url', 'page_url', 'sha256', 'source_width', 'source_height', 'faces', 'largest_face_px', 'model_release']);
    }
    expect(rows[0]).toMatchObject({
      url: 'https://museum.example/collection/1.png',
      caption: 'Blue vase, 1820',
      license: 'CC-BY-4.0',
      license_url: 'https://creativecommons.org/licenses/by/4.0/',
      page_url: 'https://museum.example/',
      sha256: '01'.repeat(32),
      source_width: 41,
      source_height: 31,
    });
    expect(rows[0].attribution).toBe('"Blue vase, 1820", creator not stated (https://museum.example/), is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)');
    expect(rows[1].caption).toBe('Object 2');
  });

  it('writes the credit (title, creator, source) with the stored TASL line; nulls for an item stored before', () => {
    const credited = item(1, { licence: { id: 'CC-BY-SA-4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', source: 'element', attribution: '"Vase" by Ann (https://museum.example/v) is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)', title: 'Vase', creator: 'Ann', sourceUrl: 'https://museum.example/v' } });
    expect(img2datasetRow(credited)).toMatchObject({ title: 'Vase', creator: 'Ann', source_url: 'https://museum.example/v', attribution: expect.stringContaining('by Ann (https://museum.example/v)') });
    expect(img2datasetRow(item(2))).toMatchObject({ title: null, creator: null, source_url: null });
  });

  it('keeps a stored attribution, and writes nulls for an unlicensed item', () => {
    const stored = item(1, { licence: { id: 'CC-BY-SA-4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.en', source: 'element', attribution: '"Vase" by Ann is licensed under CC BY-SA 4.0' } });
    expect(img2datasetRow(stored)).toMatchObject({ license: 'CC-BY-SA-4.0', license_url: 'https://creativecommons.org/licenses/by-sa/4.0/', attribution: '"Vase" by Ann is licensed under CC BY-SA 4.0' });
    expect(img2datasetRow(item(1, { licence: null }))).toMatchObject({ license: null, license_url: null, attribution: null });
  });

  it('one line per record even with hostile text and Unicode line separators', () => {
    const m = manifestOf([item(1, { caption: `${HOSTILE}\u2028next\u2029para` })]);
    const text = [...jsonlLines(m)].join('');
    expect(text.split('\n')).toHaveLength(2);
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(text).caption).toBe(`${HOSTILE}\u2028next\u2029para`);
  });

  // Python's str.splitlines (the reader the escaping above is for) also breaks at U+0085 (NEL), which
  // JSON.stringify leaves raw: a caption holding one split its record in two, neither of them JSON.
  it('one line per record for a reader that splits as Python’s str.splitlines does, NEL included', () => {
    const caption = 'a\u0085b\u000bc\u000cd\u001ce\u001df\u001eg\r\nh';
    const text = [...jsonlLines(manifestOf([item(1, { caption })]))].join('');
    const pythonLineBreaks = /\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]/;
    expect(text.replace(/\n$/, '').split(pythonLineBreaks)).toHaveLength(1);
    expect(JSON.parse(text).caption).toBe(caption);
  });

  // A lone surrogate (a page can set alt = '\uD800' from script, or a cap can cut an emoji in two)
  // is written by JSON.stringify as the escape \ud800, which is no Unicode character: strict JSON
  // readers (RFC 8259 §8.2) refuse the line — serde_json errors on it, and pyarrow (the Hugging Face
  // loader) cannot hold it as UTF-8 — so one hostile caption could stop the whole file loading.
  it('writes a lone surrogate as U+FFFD, and keeps a surrogate pair whole', () => {
    const caption = 'a\uD800b \uDC00c \uD83D\uDE00 \\ud800';
    const text = [...jsonlLines(manifestOf([item(1, { caption })]))].join('');
    expect(text).not.toMatch(/(^|[^\\])(\\\\)*\\u(d[89a-f][0-9a-f]{2})/i);
    expect(JSON.parse(text).caption).toBe('a\uFFFDb \uFFFDc \uD83D\uDE00 \\ud800');
  });

  it('is deterministic and named by local date', async () => {
    const a = await bytesOf(jsonlExport.stream(manifestOf([item(1), item(2), item(3)]), {}));
    const b = await bytesOf(jsonlExport.stream(manifestOf([item(3), item(1), item(2)]), {}));
    expect(a).toEqual(b);
    expect(jsonlFileName(new Date(2026, 10, 5, 23, 59))).toBe('heed-dataset-2026-11-05.jsonl');
  });
});
