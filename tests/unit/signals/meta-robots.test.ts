import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../utils/model/evidence';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateMetaRobots, parseMetaRobots, robotsMetasFrom, type RobotsMeta } from '../../../utils/signals/meta-robots';
import { readRawMetas } from '../../../utils/page/raw-page-signals';
import { ScannedPageSignalsSchema } from '../../../utils/messages/page-signals-schema';
import { readPageSignals } from '../../../utils/page/page-signals';
import { pageSignalsFromScan } from '../../../utils/page/received-signals';

/** What Collect's scanner reads of a page, as the worker checks it on arrival and reads it. */
/** A document's robots metas as the worker reads them from what a page script sends. */
const readRobotsMetas = (d: Document) => robotsMetasFrom(readRawMetas(d));
const readPage = (d: Document, url: string) => pageSignalsFromScan(ScannedPageSignalsSchema.parse(readPageSignals(d, url)));

const AI = purposeProfile('ai-training');
const SRC = 'https://p.test/gallery';
const doc = (head: string, body = ''): Document => parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;
/** A minimal Document for big inputs (linkedom is slow to build 10,000 elements). */
// Every query answers the metas but the one for `<template>`s (a document of metas holds none:
// answered with the metas, 10,000 templates without content were walked as templates).
const fakeDoc = (metas: [string, string][]): Document =>
  ({ querySelectorAll: (selector: string) => selector === 'template' ? [] : metas.map(([name, content]) => ({ hasAttribute: (a: string) => a === 'name' || a === 'content', getAttribute: (a: string) => (a === 'name' ? name : a === 'content' ? content : null) })) }) as unknown as Document;
const deny = (value: string, key: string, words: string): Evidence => ({
  kind: 'meta-robots', scope: 'page', source: SRC, value, effect: 'deny', reason: 'meta-robots',
  note: `The page's <meta name="${key}"> says ${words}: the owner opts out for the images on this page.`,
});
const info = (value: string, key: string, other = false): Evidence => ({
  kind: 'meta-robots', scope: 'page', source: SRC, value, effect: 'info',
  note: other ? `The page's <meta name="${key}"> addresses ${key} only; recorded, not applied.` : `The page's <meta name="${key}"> has no opt-out word for this purpose.`,
});

describe('parseMetaRobots', () => {
  it.each([
    ['noindex, nofollow', [{ name: 'noindex', value: null }, { name: 'nofollow', value: null }]],
    ['NOIMAGEAI', [{ name: 'noimageai', value: null }]],
    // No bot prefix in metas: `googlebot: noindex` is one unknown directive with a value.
    ['googlebot: noindex', [{ name: 'googlebot', value: 'noindex' }]],
    ['max-image-preview:large, unavailable_after: Friday, 25-Jun-2010 15:00:00 PST', [{ name: 'max-image-preview', value: 'large' }, { name: 'unavailable_after', value: 'Friday, 25-Jun-2010 15:00:00 PST' }]],
    ['', []],
  ])('%j', (content, expected) => {
    expect(parseMetaRobots(content)).toEqual(expected);
  });
});

describe('evaluateMetaRobots', () => {
  it.each<[string, RobotsMeta[], Evidence[]]>([
    ['DeviantArt page meta', [{ name: 'robots', content: 'noimageai' }], [deny('robots: noimageai', 'robots', 'noimageai (no use of images in AI datasets)')]],
    ['robots noindex', [{ name: 'ROBOTS', content: 'NoIndex, NoFollow' }], [deny('robots: noindex, nofollow', 'robots', 'noindex (do not index)')]],
    ['several robots metas combine', [{ name: 'robots', content: 'nofollow' }, { name: 'robots', content: 'noai' }], [deny('robots: nofollow, noai', 'robots', 'noai (no use in AI datasets)')]],
    ['bot-specific for an AI token', [{ name: 'GPTBot', content: 'noai' }], [deny('gptbot: noai', 'gptbot', 'noai (no use in AI datasets)')]],
    ['addressed to heed', [{ name: 'heed', content: 'none' }], [deny('heed: none', 'heed', 'none (do not index or follow)')]],
    ['other crawler: info', [{ name: 'googlebot', content: 'noindex' }], [info('googlebot: noindex', 'googlebot', true)]],
    ['robots without opt-out', [{ name: 'robots', content: 'index, follow, max-image-preview:large' }], [info('robots: index, follow, max-image-preview: large', 'robots')]],
    ['non-robots metas are ignored', [{ name: 'description', content: 'A gallery of noai art' }, { name: 'viewport', content: 'width=device-width' }], []],
    ['empty content', [{ name: 'robots', content: '' }, { name: 'GPTBot', content: ' , ' }], []],
    ['no metas', [], []],
  ])('%s', (_name, metas, expected) => {
    expect(evaluateMetaRobots(metas, SRC, AI)).toEqual(expected);
  });

  it('10,000 metas: reads them all, merges, stays fast', () => {
    const metas: RobotsMeta[] = Array.from({ length: 9999 }, (_, i) => ({ name: i % 2 ? 'description' : 'robots', content: i % 2 ? 'x' : 'nofollow' }));
    metas.push({ name: 'robots', content: 'noai' });
    expect(evaluateMetaRobots(metas, SRC, AI)).toEqual([deny('robots: nofollow, noai', 'robots', 'noai (no use in AI datasets)')]);
  });

  it('more than 10,000 metas fails closed', () => {
    const metas = Array.from({ length: 10001 }, () => ({ name: 'robots', content: 'index' }));
    expect(evaluateMetaRobots(metas, SRC, AI).map((e) => [e.effect, e.reason ?? null])).toEqual([['info', null], ['deny', 'signal-unreadable']]);
  });

  it('never throws on junk', () => {
    expect(evaluateMetaRobots('x' as unknown as RobotsMeta[], SRC, AI)).toEqual([]);
    expect(evaluateMetaRobots([null, 3, { name: 5 }, { name: 'robots', content: null }, { name: 'robots', content: 'noai' }] as unknown as RobotsMeta[], SRC, AI)).toEqual([
      deny('robots: noai', 'robots', 'noai (no use in AI datasets)'),
    ]);
  });

  it('property: never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string({ maxLength: 30 }), content: fc.string({ maxLength: 200 }) }), { maxLength: 20 }), (metas) => {
        expect(Array.isArray(evaluateMetaRobots(metas, SRC, AI))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('readRobotsMetas', () => {
  it('reads robots, bot and heed metas, merged per name, skipping other metas', () => {
    const d = doc(
      '<meta name="robots" content="noindex"><meta name="description" content="noai art"><meta name="GPTBot" content="noai">' +
        '<meta name="Robots" content="NOFOLLOW, noindex"><meta name="viewport" content="width=device-width"><meta name="somebot" content="noarchive">',
      '<meta name="heed" content="noimageai"><meta name="robots"><meta content="noai">',
    );
    expect(readRobotsMetas(d)).toEqual([
      { name: 'robots', content: 'noindex, nofollow' },
      { name: 'GPTBot', content: 'noai' },
      { name: 'heed', content: 'noimageai' },
      { name: 'somebot', content: 'noarchive' },
    ]);
  });

  // Page scripts send at most 1,000 metas, those that may refuse first (raw-page-signals.ts):
  // past that, the metas left out may refuse, and the page's robots metas are unread.
  it('10,000 metas never lose an opt-out: the opt-out is kept, and the rest left out read as unread', () => {
    const many = Array.from({ length: 10000 }, (_, i): [string, string] => ['robots', `w${i}`]);
    const out = readRobotsMetas(fakeDoc([...many, ['robots', 'noai']]));
    expect(out.every((m) => m.content.length <= 2000)).toBe(true);
    expect(out[0]!.content).toMatch(/^noai(, |$)/);
    expect(evaluateMetaRobots(out, SRC, AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['meta-robots', 'signal-unreadable']);
    // The same meta written 10,000 times says it once: nothing is left out.
    const same = Array.from({ length: 10000 }, (): [string, string] => ['robots', 'index, follow']);
    expect(readRobotsMetas(fakeDoc(same))).toEqual([{ name: 'robots', content: 'index, follow' }]);
  });

  it('1,200 other crawlers\' opt-outs before the robots meta: it cannot be crowded out of the cap unread', () => {
    const bots = Array.from({ length: 1200 }, (_, i): [string, string] => [`bot${i}`, 'noindex']);
    const out = readRobotsMetas(fakeDoc([...bots, ['robots', 'noai']]));
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(evaluateMetaRobots(out, SRC, AI).some((e) => e.effect === 'deny' && e.reason === 'signal-unreadable')).toBe(true);
    // Up to the cap, nothing is unread: 998 other crawlers and the robots meta decide as written.
    const fewer = readRobotsMetas(fakeDoc([...bots.slice(0, 998), ['robots', 'noai']]));
    expect(fewer.at(-1)).toEqual({ name: 'robots', content: 'noai' });
    expect(evaluateMetaRobots(fewer, SRC, AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['meta-robots']);
  });

  it('huge content and huge names are bounded', () => {
    const out = readRobotsMetas(doc(`<meta name="${'n'.repeat(300)}" content="noindex"><meta name="robots" content="${'a, '.repeat(50000)}noai">`));
    // Past the 4 KiB a page script sends of one content, only its opt-out words are sent.
    expect(out).toEqual([{ name: 'robots', content: 'noai' }]);
  });

  it('a document that cannot be read is no answer (the scan fails), never a page without metas', () => {
    expect(() => readRawMetas({} as Document)).toThrow();
  });
});

describe('opt-outs in messy robots metas (DESIGN.md §2 rule 3; fail closed)', () => {
  it('a quoted content still opts out', () => {
    const ev = evaluateMetaRobots([{ name: 'robots', content: '"noai, noimageai"' }], 'https://a.test/', purposeProfile('ai-training'));
    expect(ev.some((e) => e.effect === 'deny' && e.reason === 'meta-robots')).toBe(true);
  });
});

describe('robots metas naming a crawler inside content, or written where Heed did not look', () => {
  const denied = (d: Document) => evaluateMetaRobots(readRobotsMetas(d), SRC, AI).some((e) => e.effect === 'deny');
  it.each([
    ['<meta name="robots" content="GPTBot: noai">'],
    ['<meta name="robots" content="gptbot: noimageindex, googlebot: index">'],
    ['<meta name="googlebot" content="CCBot: noindex">'],
    ['<meta name="robots" content="heed: none">'],
  ])('%s refuses: the prefix names an AI crawler', (head) => {
    expect(denied(doc(head))).toBe(true);
  });
  it('a prefix naming another crawler stays that crawler’s', () => {
    expect(denied(doc('<meta name="robots" content="googlebot: noimageindex">'))).toBe(false);
  });
  it.each([
    ['<meta property="robots" content="noai">'],
    ['<meta property="GPTBot" content="noindex">'],
    ['<meta itemprop="robots" content="noimageai">'],
  ])('%s (robots named by another attribute) refuses', (head) => {
    expect(denied(doc(head))).toBe(true);
  });
  it('a robots meta written inside <noscript> refuses (scripting on, the browser reads it as text)', () => {
    const d = doc('<noscript><meta name="robots" content="noai, noimageai"></noscript>');
    // As a browser with scripting enabled parses it: the noscript's content is text.
    for (const ns of Array.from(d.querySelectorAll('noscript'))) ns.textContent = ns.innerHTML;
    expect(denied(d)).toBe(true);
  });
  it('a description that merely mentions noai is still prose', () => {
    expect(denied(doc('<meta property="og:description" content="noai art">'))).toBe(false);
  });
});

describe('a frame document’s robots metas are named as the frame’s, with its URL', () => {
  const FRAME = 'https://frame.example/x.html';
  it('deny and info notes name the frame; scope stays page', () => {
    expect(evaluateMetaRobots([{ name: 'robots', content: 'noai' }, { name: 'googlebot', content: 'noindex' }], FRAME, AI, 'frame')).toEqual([
      { kind: 'meta-robots', scope: 'page', source: FRAME, value: 'robots: noai', effect: 'deny', reason: 'meta-robots', note: `The frame's <meta name="robots"> (${FRAME}) says noai (no use in AI datasets): the owner opts out for the images in this frame.` },
      { kind: 'meta-robots', scope: 'page', source: FRAME, value: 'googlebot: noindex', effect: 'info', note: `The frame's <meta name="googlebot"> (${FRAME}) addresses googlebot only; recorded, not applied.` },
    ]);
    expect(evaluateMetaRobots([{ name: 'robots', content: 'nofollow' }], FRAME, AI, 'frame')[0]?.note).toBe(`The frame's <meta name="robots"> (${FRAME}) has no opt-out word for this purpose.`);
  });
  it('the page’s wording is unchanged, with or without the argument', () => {
    expect(evaluateMetaRobots([{ name: 'robots', content: 'noai' }], SRC, AI, 'page')).toEqual([deny('robots: noai', 'robots', 'noai (no use in AI datasets)')]);
    expect(evaluateMetaRobots([{ name: 'robots', content: 'noai' }], SRC, AI)).toEqual([deny('robots: noai', 'robots', 'noai (no use in AI datasets)')]);
  });
});

describe('an opt-out word in the value of a directive that takes none (`all: noai`)', () => {
  it('refuses: the owner wrote it (DESIGN.md §2 rule 3; fail closed)', () => {
    const ev = evaluateMetaRobots([{ name: 'robots', content: 'all: noai' }], SRC, AI);
    expect(ev.map((e) => e.reason ?? e.effect)).toEqual(['meta-robots']);
  });
});

describe('a meta naming several crawlers', () => {
  it('speaks for each one it names (a list of names is not one crawler of that name)', () => {
    for (const name of ['GPTBot, CCBot', 'CCBot GPTBot', 'googlebot,robots']) {
      const metas = readRobotsMetas(doc(`<meta name="${name}" content="noai">`));
      const out = evaluateMetaRobots(metas, SRC, AI);
      expect(out.some((e) => e.effect === 'deny' && e.reason === 'meta-robots'), name).toBe(true);
    }
  });
});

// A meta's name as the screen shows it: a zero-width space or soft hyphen inside `robots`, the
// name in full-width letters, names listed with `;` or `|`, or one written with the colon of its
// header form (`robots:`) or in quotes were names of no crawler, and their noai refused nothing
// (DESIGN.md §2 rule 3: the owner wrote the opt-out; signals/lookalikes.ts, as for the words).
describe('a meta name written with look-alike or invisible characters, or odd separators', () => {
  it.each([
    '\u200brobots', 'ro\u00adbots', '\uff52\uff4f\uff42\uff4f\uff54\uff53', 'GPT\u200dBot', 'robots:', '"robots"', 'CCBot;GPTBot', 'CCBot|GPTBot',
  ])('%j: its noai refuses', (name) => {
    const metas = readRobotsMetas(doc(`<meta name='${name}' content="noai">`));
    expect(evaluateMetaRobots(metas, SRC, AI).some((e) => e.effect === 'deny' && e.reason === 'meta-robots')).toBe(true);
  });
  it('another crawler named so stays that crawler\'s', () => {
    const metas = readRobotsMetas(doc('<meta name="google\u200bbot" content="noai">'));
    expect(evaluateMetaRobots(metas, SRC, AI).some((e) => e.effect === 'deny')).toBe(false);
  });
});

// An audit found caps that cut a refusal before the evaluator saw it: a name list over 200
// characters dropped whole (22 AI crawlers named in one meta), the opt-out words spelt another
// way (`no-ai`, `GPTBot: noai`, a passed `unavailable_after`) dropped past the content budget
// or the directive caps, and metas inside <noscript> past what Heed reads dropped silently.
// Each now keeps the refusal or fails closed (DESIGN.md §2 rule 3; the reading that cannot keep
// what the owner refused); benign metas decide as before.
describe('caps on robots metas never cut a refusal', () => {
  const denies = (d: Document) => {
    // What Collect sends, as the worker checks it on arrival.
    const metas = readPage(d, SRC).metas;
    return [...new Set(evaluateMetaRobots(metas, SRC, AI).filter((e) => e.effect === 'deny').map((e) => e.reason))];
  };
  const AI_CRAWLERS = ['GPTBot', 'ChatGPT-User', 'OAI-SearchBot', 'CCBot', 'Google-Extended', 'anthropic-ai', 'ClaudeBot', 'Claude-Web', 'Bytespider', 'PerplexityBot', 'Applebot-Extended', 'Meta-ExternalAgent', 'FacebookBot', 'cohere-ai', 'Diffbot', 'Omgilibot', 'ImagesiftBot', 'Timpibot', 'YouBot', 'Amazonbot', 'AI2Bot', 'img2dataset'];

  it('a meta naming 22 AI crawlers (a name list over 200 characters) refuses', () => {
    const name = AI_CRAWLERS.join(', ');
    expect(name.length).toBeGreaterThan(200);
    expect(denies(doc(`<meta name="${name}" content="noai, noimageai">`))).toEqual(['meta-robots']);
    // The list reversed: the binding name last.
    expect(denies(doc(`<meta name="${[...Array.from({ length: 60 }, (_, i) => `otherbot${i}`), 'GPTBot'].join(' ')}" content="noai">`))).toEqual(['meta-robots']);
  });

  it('a name list too long to read speaks for every crawler; a benign one still refuses nothing', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `bot${i}`).join(', ') + ', GPTBot';
    expect(long.length).toBeGreaterThan(10_000);
    expect(denies(doc(`<meta name="${long}" content="noai">`))).toEqual(['meta-robots']);
    expect(denies(doc(`<meta name="${long}" content="index, follow">`))).toEqual([]);
    // One over-long name (no list) cannot be a crawler Heed obeys: recorded nowhere, as before.
    expect(readRobotsMetas(doc(`<meta name="${'n'.repeat(300)}" content="noai">`))).toEqual([]);
  });

  const filler = Array.from({ length: 200 }, (_, i) => `max-snippet: ${i}`).join(', ');
  it.each(['no-ai', 'NoImage_AI', 'GPTBot: noai', 'heed: noimageindex', 'all: noai', 'unavailable_after: 2001-01-01'])('%s after 2,000 characters of other directives refuses', (word) => {
    expect(filler.length).toBeGreaterThan(2000);
    expect(denies(doc(`<meta name="robots" content="${filler}, ${word}">`))).toEqual(['meta-robots']);
  });

  it.each(['no-ai', 'GPTBot: noai'])('%s after 600 directives, or after 300 distinct words, refuses', (word) => {
    expect(denies(doc(`<meta name="robots" content="${'a, '.repeat(600)}${word}">`))).toEqual(['meta-robots']);
    expect(denies(doc(`<meta name="robots" content="${Array.from({ length: 300 }, (_, i) => `w${i}`).join(', ')}, ${word}">`))).toEqual(['meta-robots']);
    const metas = Array.from({ length: 300 }, (_, i) => `<meta name="robots" content="w${i}">`).join('');
    expect(denies(doc(`${metas}<meta name="robots" content="${word}">`))).toEqual(['meta-robots']);
  });

  it('more refusing directives than fit the budget: unread, which refuses', () => {
    const many = Array.from({ length: 200 }, (_, i) => `bot${i}: noai`).join(', ');
    expect(denies(doc(`<meta name="robots" content="${many}, GPTBot: noai">`))).toContain('signal-unreadable');
    // Past 4 KiB a page script sends the opt-out words alone, addressed to no one: they refuse.
    const more = Array.from({ length: 400 }, (_, i) => `bot${i}: noai`).join(', ');
    expect(denies(doc(`<meta name="robots" content="${more}">`))).toEqual(['meta-robots']);
    const out = readRobotsMetas(doc(`<meta name="robots" content="${many}">`));
    expect(out.every((m) => m.content.length <= 2000 && m.name.length <= 200)).toBe(true);
  });

  it('the evaluator keeps a refusal past its own directive cap', () => {
    const metas: RobotsMeta[] = [...Array.from({ length: 300 }, (_, i) => ({ name: 'robots', content: `w${i}` })), { name: 'robots', content: 'no-ai' }];
    expect(evaluateMetaRobots(metas, SRC, AI).some((e) => e.effect === 'deny' && e.reason === 'meta-robots')).toBe(true);
  });

  it('a long benign robots meta refuses nothing', () => {
    expect(denies(doc(`<meta name="robots" content="${filler}, index, follow">`))).toEqual([]);
    expect(denies(doc('<meta name="robots" content="index, follow">'))).toEqual([]);
  });

  // As a browser with scripting enabled parses it: a noscript's content is text.
  const scripted = (d: Document) => {
    for (const ns of Array.from(d.querySelectorAll('noscript'))) ns.textContent = ns.innerHTML;
    return d;
  };
  it('metas inside <noscript> past the 100 read: unread, which refuses', () => {
    const decoys = '<noscript><meta name="description" content="x"></noscript>'.repeat(100);
    expect(denies(scripted(doc(`${decoys}<noscript><meta name="robots" content="noai"></noscript>`)))).toEqual(['signal-unreadable']);
  });
  it('a meta past the first 64 KiB of a <noscript>: unread, which refuses', () => {
    const d = scripted(doc(`<noscript>${'<p>x</p>'.repeat(9000)}<meta name="robots" content="noai"></noscript>`));
    expect(denies(d)).toEqual(['signal-unreadable']);
  });
  it('many <noscript> without metas (lazy-loaded images), or a long one without any, refuse nothing', () => {
    const lazy = '<noscript><img src="a.jpg"></noscript>'.repeat(300);
    expect(denies(scripted(doc(`${lazy}<noscript><meta name="robots" content="index, follow"></noscript>`)))).toEqual([]);
    expect(denies(scripted(doc(`${lazy}<noscript><meta name="robots" content="noai"></noscript>`)))).toEqual(['meta-robots']);
    expect(denies(scripted(doc(`<noscript>${'<p>x</p>'.repeat(9000)}</noscript>`)))).toEqual([]);
  });
});

// `<meta name="robots" content="noml">`, `content="no ai"` and `<meta name="AI" content="noai">`
// refused nothing: an unknown word, two words, and a name no crawler has.
describe('made-up opt-out words and every-AI names in robots metas', () => {
  const denied = (metas: RobotsMeta[]) => evaluateMetaRobots(robotsMetasFrom(metas), SRC, AI).some((e) => e.effect === 'deny' && e.reason === 'meta-robots');
  it('noml, notrain, noaitraining and no ai refuse', () => {
    for (const c of ['noml', 'notrain', 'noaitraining', 'no-ai-training', 'no ai', 'No Image AI']) expect([c, denied([{ name: 'robots', content: c }])]).toEqual([c, true]);
  });
  it('a meta named AI or all-ai refuses with noai', () => {
    expect(denied([{ name: 'AI', content: 'noai' }])).toBe(true);
    expect(denied([{ name: 'all-ai', content: 'noimageai' }])).toBe(true);
  });
  it('unchanged: nofollow and noarchive refuse nothing, and a crawler’s meta stays that crawler’s', () => {
    expect(denied([{ name: 'robots', content: 'nofollow, noarchive, notranslate' }])).toBe(false);
    expect(denied([{ name: 'googlebot', content: 'notrain' }])).toBe(false);
    expect(denied([{ name: 'description', content: 'no ai art here' }])).toBe(false);
  });
});

describe('AI use refused as a name and a no in a robots meta', () => {
  const denied = (metas: RobotsMeta[]) => evaluateMetaRobots(robotsMetasFrom(metas), SRC, AI).some((e) => e.effect === 'deny' && e.reason === 'meta-robots');
  it('content="ai: no" and content="ai-training=no" refuse', () => {
    expect(denied([{ name: 'robots', content: 'ai: no' }])).toBe(true);
    expect(denied([{ name: 'robots', content: 'index, ai-training=no' }])).toBe(true);
  });
  it('unchanged: content="ai: yes" refuses nothing', () => {
    expect(denied([{ name: 'robots', content: 'ai: yes, index, follow' }])).toBe(false);
  });
});

// `<meta name="X-Robots-Tag" content="noai">` (the header's name as the meta's) and `<meta
// name="robot">` were read as addressed to a crawler of that name, and refused nothing.
describe('a robots meta named X-Robots-Tag or robot', () => {
  const denied = (metas: RobotsMeta[]) => evaluateMetaRobots(robotsMetasFrom(metas), SRC, AI).some((e) => e.effect === 'deny' && e.reason === 'meta-robots');
  it('name="X-Robots-Tag" and name="robot" refuse as name="robots" does', () => {
    expect(denied([{ name: 'X-Robots-Tag', content: 'noai' }])).toBe(true);
    expect(denied([{ name: 'robot', content: 'noimageai' }])).toBe(true);
    expect(denied([{ name: 'Robot', content: 'notrain' }])).toBe(true);
  });
  it('unchanged: name="robot" with nofollow refuses nothing', () => {
    expect(denied([{ name: 'robot', content: 'nofollow' }])).toBe(false);
  });
});
