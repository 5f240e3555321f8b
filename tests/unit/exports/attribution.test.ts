import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { attributionEntry, attributionExport, attributionMarkdown } from '../../../utils/exports/attribution';
import { taslLine } from '../../../utils/model/credit';
import { bytesOf, HOSTILE, item, manifestOf } from './fixtures';

/** Rendered HTML with quotes un-escaped, for readable assertions. */
const html = (md: string) => marked.parse(md, { gfm: true, async: false }).replace(/&quot;/g, '"');

describe('ATTRIBUTION.md', () => {
  it('credits each item in the usual CC form with its licence link', () => {
    const md = attributionMarkdown(manifestOf([item(1, { caption: 'Blue vase' }), item(2, { licence: { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'xmp', attribution: null } })]));
    expect(md).toContain('## Licensed images (2)');
    const out = html(md);
    expect(out).toContain('"Blue vase", creator not stated (https://museum.example/), is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)<br>Licence: <a href="https://creativecommons.org/licenses/by/4.0/">');
    expect(out).toContain('"Object 2", creator not stated (https://museum.example/), is marked with CC0 1.0');
    expect(out).toContain('<a href="https://creativecommons.org/publicdomain/zero/1.0/">');
    expect(out).toContain(`<code>${'01'.repeat(32)}</code>`);
  });

  it('uses the stored attribution when there is one', () => {
    const entry = attributionEntry(item(1, { licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'element', attribution: '"Lamp" by Bea is licensed under CC BY 4.0' } }));
    expect(html(entry)).toContain('"Lamp" by Bea is licensed under CC BY 4.0');
  });

  it('lists unlicensed items as such', () => {
    const md = attributionMarkdown(manifestOf([item(1), item(2, { licence: null, alt: 'Plain photo' })], { mode: 'opt-out' }));
    expect(md).toContain('## Licensed images (1)');
    expect(md).toContain('## Images without a recorded licence (1)');
    expect(html(md)).toContain('"Plain photo" — no licence recorded');
  });

  it('renders hostile titles and attributions as text', () => {
    const hostile = item(1, { caption: HOSTILE, licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'element', attribution: `"${HOSTILE}" by [me](https://evil.example) is licensed under CC BY 4.0` } });
    const unlicensed = item(2, { caption: HOSTILE, licence: null });
    const out = html(attributionMarkdown(manifestOf([hostile, unlicensed], { mode: 'opt-out' })));
    expect(out).not.toMatch(/<script|<img|<em>|<strong>|<h1>Heading|href="javascript|href="https:\/\/evil/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:alert(1))');
    expect(out).toContain('by [me](https://evil.example) is licensed');
    expect(out.match(/<li>/g)).toHaveLength(2);
  });

  it('streams the same bytes for the same store', async () => {
    const a = await bytesOf(attributionExport.stream(manifestOf([item(1), item(2)]), {}));
    const b = await bytesOf(attributionExport.stream(manifestOf([item(2), item(1)]), {}));
    expect(a).toEqual(b);
    expect(attributionExport.fileName(new Date())).toBe('ATTRIBUTION.md');
  });
});

describe('credit line', () => {
  it('names the recorded creator and source (TASL), and never repeats a licence statement from the caption', () => {
    const bySa = { id: 'CC-BY-SA-4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', source: 'page' as const };
    const credited = item(1, { licence: { ...bySa, attribution: '"Harbour" by Ana Ruiz (https://photos.example/h) is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)', title: 'Harbour', creator: 'Ana Ruiz', sourceUrl: 'https://photos.example/h' } });
    const captioned = item(2, { caption: 'Market at dawn. Photo: Ana Ruiz, CC BY-SA 4.0', licence: { ...bySa, attribution: null } });
    const out = html(attributionMarkdown(manifestOf([credited, captioned])));
    expect(out).toContain('"Harbour" by Ana Ruiz (https://photos.example/h) is licensed under CC BY-SA 4.0');
    expect(out).toContain('"Market at dawn. Photo: Ana Ruiz", creator not stated (https://museum.example/), is licensed under CC BY-SA 4.0');
    expect(out).not.toContain('CC BY-SA 4.0" is licensed');
  });

  it('gives a stored untitled credit the item title, keeping its creator and licence', () => {
    const stored = item(1, { caption: 'Blue vase', licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'page', attribution: 'This image by Ann is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)' } });
    expect(html(attributionEntry(stored))).toContain('"Blue vase" by Ann is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)');
  });

  it('a 100 KB title, a long creator and source, or a long file name never cut the licence out of the credit line', () => {
    const BY = 'https://creativecommons.org/licenses/by/4.0/';
    const title = `${'A very long title | [x](javascript:alert(1)) '.repeat(2300)}`; // ~100 KB
    const creator = 'C'.repeat(100_000);
    const sourceUrl = `https://museum.example/${'p'.repeat(1800)}`;
    const attribution = taslLine({ title, creator, sourceUrl, licenceId: 'CC-BY-4.0', licenceUrl: BY });
    const credited = item(1, { licence: { id: 'CC-BY-4.0', url: BY, source: 'page', attribution, title: title.slice(0, 1000), creator: creator.slice(0, 1000), sourceUrl } });
    // An untitled stored credit takes the item's title: here its file name, 8 KB long.
    const named = item(2, { url: `https://museum.example/${'n'.repeat(8000)}.png`, licence: { id: 'CC-BY-4.0', url: BY, source: 'page', attribution: `This image by Ann is licensed under CC BY 4.0 (${BY})` } });
    const md = attributionMarkdown(manifestOf([credited, named]));
    const entries = md.split('\n').filter((l) => l.startsWith('- '));
    expect(entries).toHaveLength(2);
    for (const line of entries) expect(line).toMatch(/is licensed under CC BY 4\.0 \\\(https\\:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\\\) {2}$/);
    expect(entries.every((l) => l.length < 12_000)).toBe(true);
    const out = html(md);
    expect(out).not.toMatch(/href="javascript/);
    expect(out.match(/<li>/g)).toHaveLength(2);
  });
});
