import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../utils/model/evidence';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateXRobotsTag, parseXRobotsTag } from '../../../utils/signals/x-robots-tag';

const AI = purposeProfile('ai-training');
const SRC = 'https://img.test/a.jpg';
const deny = (value: string, words: string, to: string): Evidence => ({
  kind: 'x-robots-tag', scope: 'image', source: SRC, value, effect: 'deny', reason: 'x-robots-tag',
  note: `The image's X-Robots-Tag says ${words} ${to}: the owner opts out.`,
});
const other = (value: string, bot: string): Evidence => ({
  kind: 'x-robots-tag', scope: 'image', source: SRC, value, effect: 'info',
  note: `The image's X-Robots-Tag addresses ${bot} only; recorded, not applied.`,
});
const plain = (value: string, to = 'to every crawler'): Evidence => ({
  kind: 'x-robots-tag', scope: 'image', source: SRC, value, effect: 'info',
  note: `The image's X-Robots-Tag (${to}) has no opt-out word for this purpose.`,
});
const NOAI = 'noai (no use in AI datasets)';
const NOIMAGEAI = 'noimageai (no use of images in AI datasets)';
const NOINDEX = 'noindex (do not index)';

describe('parseXRobotsTag', () => {
  it.each<[string[], ReturnType<typeof parseXRobotsTag>]>([
    [['noai, noimageai'], [{ addressee: null, directives: [{ name: 'noai', value: null }, { name: 'noimageai', value: null }] }]],
    [['NoIndex , NOFOLLOW'], [{ addressee: null, directives: [{ name: 'noindex', value: null }, { name: 'nofollow', value: null }] }]],
    [['googlebot: noindex'], [{ addressee: 'googlebot', directives: [{ name: 'noindex', value: null }] }]],
    // The prefix holds to the end of the value; a new prefix switches addressee.
    [['noindex, googlebot: nofollow, noarchive, bingbot: none'], [
      { addressee: null, directives: [{ name: 'noindex', value: null }] },
      { addressee: 'googlebot', directives: [{ name: 'nofollow', value: null }, { name: 'noarchive', value: null }] },
      { addressee: 'bingbot', directives: [{ name: 'none', value: null }] },
    ]],
    // Several headers merge per addressee; each header starts addressed to everyone.
    [['googlebot: noimageindex', 'noai', 'GoogleBot: nosnippet'], [
      { addressee: 'googlebot', directives: [{ name: 'noimageindex', value: null }, { name: 'nosnippet', value: null }] },
      { addressee: null, directives: [{ name: 'noai', value: null }] },
    ]],
    // Dates with commas (RFC 850 / RFC 1123) stay in one directive.
    [['unavailable_after: Friday, 25-Jun-2010 15:00:00 PST, noai'], [{ addressee: null, directives: [
      { name: 'unavailable_after', value: 'Friday, 25-Jun-2010 15:00:00 PST' }, { name: 'noai', value: null }] }]],
    [['unavailable_after: Wed, 21 Oct 2015 07:28:00 GMT'], [{ addressee: null, directives: [{ name: 'unavailable_after', value: 'Wed, 21 Oct 2015 07:28:00 GMT' }] }]],
    [['googlebot: unavailable_after: 2025-06-25T15:00:00+01:00'], [{ addressee: 'googlebot', directives: [{ name: 'unavailable_after', value: '2025-06-25T15:00:00+01:00' }] }]],
    // Value directives are not bot prefixes.
    [['max-image-preview:none, max-snippet: 20'], [{ addressee: null, directives: [{ name: 'max-image-preview', value: 'none' }, { name: 'max-snippet', value: '20' }] }]],
    // Mis-separated words are still read (fail closed).
    [['noai; noimageai'], [{ addressee: null, directives: [{ name: 'noai', value: null }, { name: 'noimageai', value: null }] }]],
    [['noindex nofollow'], [{ addressee: null, directives: [{ name: 'noindex', value: null }, { name: 'nofollow', value: null }] }]],
    [['', ' , ,', 'googlebot:'], []],
  ])('%j', (values, expected) => {
    expect(parseXRobotsTag(values)).toEqual(expected);
  });
});

// DESIGN.md §2 rule 3: a header sent on several lines is read line by line; where the platform
// may have joined them (fetch joins with ", "), a directive counts as addressed to another
// crawler only when it directly follows that crawler's `name:` in the same comma-separated piece.
describe('header lines (string[]) and a value the platform may have joined (string)', () => {
  it('two lines: googlebot: noimageindex, then noai, noimageai → everyone is opted out', () => {
    expect(evaluateXRobotsTag(['googlebot: noimageindex', 'noai, noimageai'], SRC, 'image', AI)).toEqual([
      other('googlebot: noimageindex', 'googlebot'),
      deny('noai, noimageai', `${NOAI}, ${NOIMAGEAI}`, 'to every crawler'),
    ]);
  });

  it('the same two lines joined by fetch: still everyone is opted out', () => {
    expect(evaluateXRobotsTag('googlebot: noimageindex, noai, noimageai', SRC, 'image', AI)).toEqual([
      other('googlebot: noimageindex', 'googlebot'),
      deny('noai, noimageai', `${NOAI}, ${NOIMAGEAI}`, 'to every crawler'),
    ]);
  });

  it('a joined value: `googlebot: noindex, noai` → noai applies to everyone', () => {
    expect(parseXRobotsTag('googlebot: noindex, noai')).toEqual([
      { addressee: 'googlebot', directives: [{ name: 'noindex', value: null }] },
      { addressee: null, directives: [{ name: 'noai', value: null }] },
    ]);
  });

  it('one line read apart: the prefix holds to its end (Google), so noai is for googlebot only', () => {
    expect(parseXRobotsTag(['googlebot: noindex, noai'])).toEqual([
      { addressee: 'googlebot', directives: [{ name: 'noindex', value: null }, { name: 'noai', value: null }] },
    ]);
  });

  it('a joined value keeps a date with commas in one directive', () => {
    expect(parseXRobotsTag('googlebot: unavailable_after: Friday, 25-Jun-2010 15:00:00 PST, noai')).toEqual([
      { addressee: 'googlebot', directives: [{ name: 'unavailable_after', value: 'Friday, 25-Jun-2010 15:00:00 PST' }] },
      { addressee: null, directives: [{ name: 'noai', value: null }] },
    ]);
  });
});

describe('evaluateXRobotsTag', () => {
  it.each<[string, string[], Evidence[]]>([
    ['DeviantArt image header', ['noai'], [deny('noai', NOAI, 'to every crawler')]],
    ['both AI words', ['noai, noimageai'], [deny('noai, noimageai', `${NOAI}, ${NOIMAGEAI}`, 'to every crawler')]],
    ['plain noindex (DESIGN rule 3)', ['noindex'], [deny('noindex', NOINDEX, 'to every crawler')]],
    ['noimageindex', ['NOIMAGEINDEX'], [deny('noimageindex', 'noimageindex (do not index the images)', 'to every crawler')]],
    ['none', ['none'], [deny('none', 'none (do not index or follow)', 'to every crawler')]],
    ['addressed to heed', ['heed: noai'], [deny('heed: noai', NOAI, 'to heed')]],
    ['addressed to an AI token, any case', ['GPTBot: NoImageAI'], [deny('gptbot: noimageai', NOIMAGEAI, 'to gptbot')]],
    ['addressed to another bot: info only', ['googlebot: noindex'], [other('googlebot: noindex', 'googlebot')]],
    ['mixed headers', ['noai', 'googlebot: noimageindex'], [deny('noai', NOAI, 'to every crawler'), other('googlebot: noimageindex', 'googlebot')]],
    ['no opt-out word', ['nofollow, noarchive'], [plain('nofollow, noarchive')]],
    ['max-image-preview:none is not none', ['max-image-preview:none'], [plain('max-image-preview: none')]],
    ['heed with harmless words', ['heed: nofollow'], [plain('heed: nofollow', 'to heed')]],
    ['date with commas then noai', ['unavailable_after: Friday, 25-Jun-2010 15:00:00 PST, noai'], [deny('unavailable_after: Friday, 25-Jun-2010 15:00:00 PST, noai', `unavailable_after (do not index after a date that has passed), ${NOAI}`, 'to every crawler')]],
    ['no header', [], []],
  ])('%s', (_name, values, expected) => {
    expect(evaluateXRobotsTag(values, SRC, 'image', AI)).toEqual(expected);
  });

  it('words the purpose does not bind: CCBot binds research-tdm, GPTBot does not', () => {
    const tdm = purposeProfile('research-tdm');
    expect(evaluateXRobotsTag(['GPTBot: noai', 'CCBot: noai'], 'https://p.test/', 'page', tdm)).toEqual([
      { kind: 'x-robots-tag', scope: 'page', source: 'https://p.test/', value: 'gptbot: noai', effect: 'info', note: "The page's X-Robots-Tag addresses gptbot only; recorded, not applied." },
      { kind: 'x-robots-tag', scope: 'page', source: 'https://p.test/', value: 'ccbot: noai', effect: 'deny', reason: 'x-robots-tag', note: "The page's X-Robots-Tag says noai (no use in AI datasets) to ccbot: the owner opts out." },
    ]);
  });

  it('fails closed on hostile sizes but still reads the words it can', () => {
    const huge = `noai, ${'x'.repeat(20000)}`;
    expect(evaluateXRobotsTag([huge], SRC, 'image', AI).map((e) => [e.effect, e.reason])).toEqual([
      ['deny', 'x-robots-tag'],
      ['deny', 'signal-unreadable'],
    ]);
    const many = Array.from({ length: 300 }, () => 'nofollow');
    expect(evaluateXRobotsTag(many, SRC, 'image', AI).at(-1)).toMatchObject({ effect: 'deny', reason: 'signal-unreadable' });
  });

  it('never throws on junk input', () => {
    expect(evaluateXRobotsTag(null as unknown as string[], SRC, 'image', AI)).toEqual([]);
    expect(evaluateXRobotsTag([42, undefined, 'noai'] as unknown as string[], SRC, 'image', AI)).toEqual([deny('noai', NOAI, 'to every crawler')]);
    expect(evaluateXRobotsTag(['\u0000\uffff\ud800, noai'], SRC, 'image', AI)[0]).toMatchObject({ effect: 'deny' });
  });

  it('property: never throws; noai anywhere in an unprefixed header always denies', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 8 }), (values) => {
        const out = evaluateXRobotsTag(values, SRC, 'image', AI);
        expect(Array.isArray(out)).toBe(true);
        const withNoai = evaluateXRobotsTag(['noai', ...values], SRC, 'image', AI);
        expect(withNoai.some((e) => e.reason === 'x-robots-tag')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

// Messy and hostile headers that still carry the owner's opt-out (DESIGN.md §2 rule 3; fail closed).
describe('opt-outs in messy X-Robots-Tag values', () => {
  const refuses = (header: string[] | string) => evaluateXRobotsTag(header, SRC, 'image', AI).some((e) => e.effect === 'deny');

  it.each<[string, string[] | string]>([
    // `robots` is the everyone-name of the meta tag; as a prefix it addresses every crawler.
    ['a `robots:` prefix', ['robots: noai']],
    ['a `ROBOTS:` prefix, joined', 'ROBOTS: noimageai'],
    // A date continues only with date-like pieces; opt-out words after it still count.
    ['an opt-out after an unavailable_after date, separated by a semicolon', ['unavailable_after: 2030-01-01, noai; noimageai']],
    ['an opt-out after an RFC 850 date, separated by a space', ['unavailable_after: Friday, 25-Jun-2030 15:00:00 PST, noindex nofollow']],
    // A server configured with the quotes inside the value (nginx add_header '"noai"').
    ['directives inside double quotes', ['"noai, noimageai"']],
    ['a directive inside single quotes', ["'noimageai'"]],
  ])('%s refuses', (_, header) => {
    expect(refuses(header)).toBe(true);
  });

  it.each<[string, string[]]>([
    ['an unavailable_after date alone', ['unavailable_after: Friday, 25-Jun-2030 15:00:00 PST']],
    ['another crawler’s quoted words', ['"googlebot: noindex"']],
  ])('%s does not', (_, header) => {
    expect(refuses(header)).toBe(false);
  });
});

describe('opt-outs spelt another way, and an unavailable_after date that has passed', () => {
  const denied = (values: string[]) => evaluateXRobotsTag(values, SRC, 'image', AI).some((e) => e.effect === 'deny');
  it.each([['no-ai'], ['no_ai'], ['No-Image-AI'], ['no-index'], ['no-image-index'], ['GPTBot: no-ai']])('%s refuses (the word with hyphens or underscores)', (v) => {
    expect(denied([v])).toBe(true);
  });
  it.each([
    ['unavailable_after: 2001-01-01'],
    ['unavailable_after: Wed, 21 Oct 2015 07:28:00 GMT'],
    ['unavailable_after: Friday, 25-Jun-2010 15:00:00 PST'],
    ['unavailable_after: sometime soon'],
    ['gptbot: unavailable_after: 2020-01-01'],
  ])('%s: the date has passed (or cannot be read), so the page is noindex now', (v) => {
    expect(denied([v])).toBe(true);
  });
  it('a date still to come is not an opt-out yet, nor one for another crawler', () => {
    expect(denied(['unavailable_after: 2999-01-01'])).toBe(false);
    expect(denied(['googlebot: unavailable_after: 2001-01-01'])).toBe(false);
  });
});

describe('a frame document’s X-Robots-Tag is named as the frame’s, with its URL', () => {
  const FRAME = 'https://frame.example/x.html';
  it('deny, other crawler, no opt-out word and unreadable: the frame and its URL; scope stays page', () => {
    expect(evaluateXRobotsTag(['noai', 'googlebot: noindex'], FRAME, 'frame', AI)).toEqual([
      { kind: 'x-robots-tag', scope: 'page', source: FRAME, value: 'noai', effect: 'deny', reason: 'x-robots-tag', note: `The frame's X-Robots-Tag (${FRAME}) says ${NOAI} to every crawler: the owner opts out.` },
      { kind: 'x-robots-tag', scope: 'page', source: FRAME, value: 'googlebot: noindex', effect: 'info', note: `The frame's X-Robots-Tag (${FRAME}) addresses googlebot only; recorded, not applied.` },
    ]);
    expect(evaluateXRobotsTag(['nofollow'], FRAME, 'frame', AI)[0]?.note).toBe(`The frame's X-Robots-Tag (${FRAME}, to every crawler) has no opt-out word for this purpose.`);
    const tooBig = evaluateXRobotsTag(Array.from({ length: 300 }, () => 'index'), FRAME, 'frame', AI).at(-1);
    expect(tooBig).toMatchObject({ scope: 'page', reason: 'signal-unreadable', note: `The frame's X-Robots-Tag (${FRAME}): headers too large to read in full` });
  });
  it('the page’s and the image’s wording is unchanged', () => {
    expect(evaluateXRobotsTag(['noai'], SRC, 'page', AI)[0]?.note).toBe(`The page's X-Robots-Tag says ${NOAI} to every crawler: the owner opts out.`);
    expect(evaluateXRobotsTag(['noai'], SRC, 'image', AI)[0]?.note).toBe(`The image's X-Robots-Tag says ${NOAI} to every crawler: the owner opts out.`);
    expect(evaluateXRobotsTag(Array.from({ length: 300 }, () => 'index'), SRC, 'page', AI).at(-1)?.note).toBe('X-Robots-Tag headers too large to read in full');
  });
});

// An opt-out word written where Heed read no word: after a directive that takes no value
// (`all: noai`: read as `all` with a value Heed dropped), or with stray punctuation (`none.`).
// Either way the owner wrote it (DESIGN.md §2 rule 3; fail closed); the image was kept.
describe('opt-out words in the value of a directive that takes none, or with stray punctuation', () => {
  const denied = (values: string[]) => evaluateXRobotsTag(values, SRC, 'image', AI).some((e) => e.effect === 'deny');
  it.each([['all: noai'], ['index: noimageai'], ['follow: noindex, nofollow'], ['GPTBot: all: noai'], ['none.'], ['noai!'], ['index|noai'], ['follow/noimageai'], ['all: nofollow|noai']])('%s refuses', (v) => {
    expect(denied([v])).toBe(true);
  });
  it('values of directives that take one are not read as words, nor another crawler’s', () => {
    expect(denied(['max-snippet: 20, max-image-preview: large'])).toBe(false);
    expect(denied(['max-image-preview: none'])).toBe(false);
    expect(denied(['googlebot: all: noai'])).toBe(false);
  });
});

// Past its 512 directives the parser kept only the exact opt-out words: `no-ai` or
// `gptbot: noai` after 600 others was dropped (the meta reader shares the parser).
describe('an opt-out spelt another way past the directive cap', () => {
  it.each(['no-ai', 'NoImage_AI', 'gptbot: noai', 'unavailable_after: 2001-01-01'])('%s after 600 directives still refuses', (word) => {
    const ev = evaluateXRobotsTag(`${'a, '.repeat(600)}${word}`, SRC, 'image', AI);
    expect(ev.some((e) => e.effect === 'deny' && e.reason === 'x-robots-tag')).toBe(true);
  });
  it('600 benign directives refuse nothing', () => {
    expect(evaluateXRobotsTag(`${'a, '.repeat(600)}index`, SRC, 'image', AI).some((e) => e.effect === 'deny')).toBe(false);
  });
});

// `ＮＯＡＩ` (full-width) or `no\u00adai` (a soft hyphen, a zero-width space inside) shows the word
// noai; they were read as no directive, or as the words `no` and `ai`, and the image was permitted.
// Folded (NFKC, invisible characters dropped), they count; the reading as written counts too.
describe('opt-out words written with look-alike or invisible characters', () => {
  const profile = purposeProfile('ai-training');
  const denies = (h: string | string[]) => evaluateXRobotsTag(h, 'https://a.test/x.jpg', 'image', profile).some((e) => e.effect === 'deny' && e.reason === 'x-robots-tag');

  it.each(['ＮＯＡＩ', 'noａi', 'no\u00adai', 'no\u200bimage\u200bai', '\ufeffnoindex', 'ＧＰＴＢｏｔ: ｎｏａｉ'])('%j refuses, as lines and as a joined value', (h) => {
    expect(denies(h)).toBe(true);
    expect(denies([h])).toBe(true);
  });

  it('a UTF-8 value fetch hands over as its bytes is read as UTF-8', () => {
    const bytes = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));
    expect(denies(bytes('no\u00adai'))).toBe(true);
    expect(denies(bytes('ｎｏａｉ'))).toBe(true);
  });

  it('a crawler name that reads as another only once folded still binds everyone', () => {
    expect(denies('otherbot\u200b: noai')).toBe(true);
    expect(denies('ｏｔｈｅｒｂｏｔ: noai')).toBe(true);
    expect(denies('otherbot: noai')).toBe(false);
  });
});

// A header whose value repeats its own name (`Header set X-Robots-Tag "X-Robots-Tag: noai"`, a
// common configuration slip) read `X-Robots-Tag:` as a crawler's name: `noai` bound only a bot
// called x-robots-tag, and the image was kept. The header's own name addresses everyone, as
// `robots:` does.
describe('an X-Robots-Tag value that repeats the header name', () => {
  it.each([['X-Robots-Tag: noai'], ['x-robots-tag: noimageai, nofollow'], ['X-Robots-Tag:noindex']])('%s refuses', (value) => {
    expect(evaluateXRobotsTag([value], SRC, 'image', AI).map((e) => e.effect)).toContain('deny');
    expect(evaluateXRobotsTag(value, SRC, 'image', AI).map((e) => e.effect)).toContain('deny');
  });
  it('another crawler’s prefix still addresses that crawler only', () => {
    expect(evaluateXRobotsTag(['otherbot: noai'], SRC, 'image', AI).map((e) => e.effect)).toEqual(['info']);
  });
});

// Leftover of an earlier audit: `googlebot:noindex GPTBot:noai` on one line, no comma between the
// two, read `GPTBot:noai` as one more word of googlebot's part: GPTBot's noai bound no one, and the
// image was kept. A crawler's `name:` inside a piece also addresses the words after it to that
// crawler; they still count for the part it stands in (both readings, fail closed).
describe('a crawler prefix inside a piece with no comma before it', () => {
  it.each([
    ['googlebot:noindex GPTBot:noai'],
    ['googlebot: noindex GPTBot: noai'],
    ['googlebot: noindex; GPTBot: noimageai'],
    ['googlebot: all | GPTBot : noai'],
    ['googlebot: noindex GPTBot/1.1: noai'],
    ['googlebot: GPTBot: noai'],
  ])('%s refuses (line and joined value)', (value) => {
    expect(evaluateXRobotsTag([value], SRC, 'image', AI).map((e) => e.effect)).toContain('deny');
    expect(evaluateXRobotsTag(value, SRC, 'image', AI).map((e) => e.effect)).toContain('deny');
  });
  it('googlebot:noindex otherbot:noai stays with the crawlers it names', () => {
    expect(evaluateXRobotsTag(['googlebot:noindex otherbot:noai'], SRC, 'image', AI).map((e) => e.effect)).toEqual(['info', 'info']);
  });
  it('a run of prefixes shares the words after it, and thousands of prefixes stay within the directive cap', () => {
    expect(evaluateXRobotsTag(['googlebot: all otherbot: GPTBot: noai'], SRC, 'image', AI).map((e) => e.effect)).toContain('deny');
    const many = Array.from({ length: 2000 }, (_, i) => `bot${i}:x`).join(' ');
    expect(parseXRobotsTag([many]).flatMap((g) => g.directives).length).toBeLessThanOrEqual(512);
    const run = `${Array.from({ length: 1000 }, (_, i) => `bot${i}:`).join(' ')} noai`;
    expect(evaluateXRobotsTag([run], SRC, 'image', AI).map((e) => e.effect)).toContain('deny');
  });
  it('an opt-out before the prefix still counts for everyone', () => {
    expect(evaluateXRobotsTag(['noai otherbot: nofollow'], SRC, 'image', AI).map((e) => e.effect)).toContain('deny');
  });
});

// The value of a directive that takes one (`max-snippet`, `max-image-preview`, `unavailable_after`)
// was never read for words: `max-snippet: 20 noai` (no comma), `unavailable_after: 25 Jun 2099
// (noai)` (the date parser skips the brackets) and `googlebot: max-snippet: -1 GPTBot: noai` kept
// the image. No such value holds an opt-out word or a crawler's name (max-image-preview's own
// `none` aside), so one there is a mis-separated directive, and counts (DESIGN.md §2 rule 3).
describe('opt-out words and crawler prefixes inside the value of a directive that takes one', () => {
  it.each([
    ['max-snippet: 20 noai'],
    ['max-image-preview: large noai'],
    ['max-image-preview: noimageai'],
    ['unavailable_after: 25 Jun 2099 (noai)'],
    ['googlebot: max-snippet: -1 GPTBot: noai'],
  ])('%s refuses', (value) => {
    expect(evaluateXRobotsTag([value], SRC, 'image', AI).map((e) => e.effect)).toContain('deny');
  });
  it('the values themselves are read as before', () => {
    for (const v of ['max-image-preview: none', 'max-snippet: -1, max-video-preview: 30', 'unavailable_after: 25 Jun 2099 15:00:00 GMT', 'unavailable_after: Thu, 25 Jun 2099 15:00:00 GMT']) {
      expect(evaluateXRobotsTag([v], SRC, 'image', AI)).toEqual([plain(v)]);
    }
  });
});

// `noml`, `notrain`, `noaitraining`, `no-ai-training`, `nogenai`: no crawler defines them, but each
// plainly refuses AI use; read as unknown directives they were ignored and the image kept.
describe('made-up opt-out words in X-Robots-Tag', () => {
  const RESEARCH = purposeProfile('research-tdm');
  const denied = (values: string[], profile = AI) => evaluateXRobotsTag(values, SRC, 'image', profile).some((e) => e.effect === 'deny' && e.reason === 'x-robots-tag');
  it('noml, notrain, noaitraining, no-ai-training, nogenai, noimageml and noaiimages refuse AI training', () => {
    for (const w of ['noml', 'notrain', 'NoTraining', 'noaitraining', 'no-ai-training', 'noai-training', 'nogenai', 'no-gen-ai', 'noimageml', 'noaiimages', 'noimgai', 'nodatasets', 'no-machine-learning', 'disallow-ai', 'noscrape', 'notdm'])
      expect([w, denied([w])]).toEqual([w, true]);
  });
  it('words naming training refuse only the training purposes, while words naming AI, ML, datasets or TDM refuse research-tdm too', () => {
    expect(denied(['notrain'], RESEARCH)).toBe(false);
    expect(denied(['noaitraining'], RESEARCH)).toBe(false);
    expect(denied(['nogenai'], RESEARCH)).toBe(false);
    for (const w of ['noml', 'notdm', 'nodataset', 'no-ai-images', 'noscraping']) expect([w, denied([w], RESEARCH)]).toEqual([w, true]);
  });
  it('no ai and no image ai written as separate words refuse', () => {
    expect(denied(['no ai'])).toBe(true);
    expect(denied(['No AI; no image AI'])).toBe(true);
    expect(denied(['index, follow, no ai training'])).toBe(true);
  });
  it('addressed to another crawler they bind no one, as noai does', () => {
    expect(denied(['googlebot: notrain'])).toBe(false);
    expect(denied(['GPTBot: notrain'])).toBe(true);
  });
  it('unchanged: nofollow, noarchive, nosnippet, notranslate, nocache and max-image-preview: large refuse nothing', () => {
    expect(denied(['nofollow, noarchive, nosnippet, notranslate, nocache, noodp, noydir, max-image-preview: large, index, follow, all'])).toBe(false);
    expect(denied(['no follow', 'no archive'])).toBe(false);
  });
});

// `X-Robots-Tag: AI: noai`, `all-ai: noai`: addressed to a crawler named `ai`, which none is, so
// the refusal bound no one; the owner addressed every AI agent.
describe('X-Robots-Tag addressed to every AI agent in words', () => {
  const denied = (values: string[]) => evaluateXRobotsTag(values, SRC, 'image', AI).some((e) => e.effect === 'deny' && e.reason === 'x-robots-tag');
  it('AI: noai, all-ai: noai and everyone: noindex refuse', () => {
    expect(denied(['AI: noai'])).toBe(true);
    expect(denied(['all-ai: noai'])).toBe(true);
    expect(denied(['everyone: noindex'])).toBe(true);
    expect(denied(['AI-bots: noimageai'])).toBe(true);
  });
  it('unchanged: a crawler’s own name still addresses that crawler only', () => {
    expect(denied(['googlebot: noai'])).toBe(false);
    expect(denied(['aibot: noai'])).toBe(false);
    expect(denied(['AI: nofollow'])).toBe(false);
  });
});

// `ai=no`, `AI: no`, `train-ai=n`, `ai-training: no`: a key and a "no", as Content-Signal writes
// `ai-train=no`. Read as the words `ai` and `no`, or as `no` addressed to a crawler named `ai`, they
// refused nothing.
describe('AI use refused as a name and a no', () => {
  const denied = (values: string[]) => evaluateXRobotsTag(values, SRC, 'image', AI).some((e) => e.effect === 'deny' && e.reason === 'x-robots-tag');
  it('ai=no, AI: no, train-ai=n, ai-train=no and ai-training: no refuse', () => {
    for (const v of ['ai=no', 'AI: no', 'ai: disallow', 'train-ai=n', 'ai-train=no', 'ai-training: no', 'AI=false', 'nofollow, ai = no', 'googlebot: noindex, ai-training: no'])
      expect([v, denied([v])]).toEqual([v, true]);
  });
  it('unchanged: ai=yes, AI: allow, archive=no and follow: no refuse nothing', () => {
    for (const v of ['ai=yes', 'AI: allow', 'ai-train=yes', 'archive=no', 'follow: no', 'max-snippet: 0'])
      expect([v, denied([v])]).toEqual([v, false]);
  });
});

describe('an X-Robots-Tag prefix that names robots in the singular', () => {
  const denied = (values: string[]) => evaluateXRobotsTag(values, SRC, 'image', AI).some((e) => e.effect === 'deny' && e.reason === 'x-robots-tag');
  it('robot: noai refuses as robots: noai does', () => {
    expect(denied(['robot: noai'])).toBe(true);
    expect(denied(['googlebot: noindex robot: noai'])).toBe(true);
  });
  it('unchanged: robot: nofollow refuses nothing', () => {
    expect(denied(['robot: nofollow'])).toBe(false);
  });
});
