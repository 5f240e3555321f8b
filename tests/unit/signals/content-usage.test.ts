import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineContentUsage, evaluateContentSignalHeader, evaluateContentUsageHeader, parseContentUsage, usageFor, type ContentUsagePrefs } from '../../../utils/signals/content-usage';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateRobots } from '../../../utils/signals/robots-txt';

const prefsOf = (value: string) => {
  const r = parseContentUsage(value);
  return r.ok ? { ...r.prefs } : 'fail';
};

describe('parseContentUsage (RFC 9651 dictionary, aipref vocab §6-7)', () => {
  it.each<[string, Record<string, string> | 'fail']>([
    ['train-ai=n', { 'train-ai': 'n' }],
    ['train-ai=y, search=n', { 'train-ai': 'y', search: 'n' }],
    ['train-ai=n,search=y', { 'train-ai': 'n', search: 'y' }],
    ['  train-ai=n \t', { 'train-ai': 'n' }],
    ['train-ai=n\t,\tsearch=y', { 'train-ai': 'n', search: 'y' }],
    ['', {}],
    // Duplicate keys conflict: the most restrictive wins (n, then other, then y), not the last
    // (RFC 9651 §4.2.2 keeps the last; fetch joins header lines with ", ", so a duplicate may
    // have been another line — DESIGN.md §2 rules 3 and 5, vocab §7.1).
    ['train-ai=n, train-ai=y', { 'train-ai': 'n' }],
    ['train-ai=y, train-ai=n', { 'train-ai': 'n' }],
    ['train-ai=n, train-ai=?1', { 'train-ai': 'n' }],
    ['train-ai=y, train-ai=?1', { 'train-ai': 'other' }],
    ['train-ai=y, train-ai=y', { 'train-ai': 'y' }],
    // Anything but the Token y / n is recorded as `other` (vocab §7 reads it as unknown; Heed
    // fails closed on it for the purpose's label, DESIGN.md §2 rule 5).
    ['train-ai', { 'train-ai': 'other' }],
    ['train-ai=?0', { 'train-ai': 'other' }],
    ['train-ai="n"', { 'train-ai': 'other' }],
    ['train-ai=yes', { 'train-ai': 'other' }],
    ['train-ai=N', { 'train-ai': 'other' }],
    ['train-ai=1', { 'train-ai': 'other' }],
    ['train-ai=-1.5', { 'train-ai': 'other' }],
    ['train-ai=:bm8=:', { 'train-ai': 'other' }],
    ['train-ai=(n y)', { 'train-ai': 'other' }],
    ['train-ai=@1659578233', { 'train-ai': 'other' }],
    ['train-ai=%"caf%c3%a9"', { 'train-ai': 'other' }],
    // Parameters and unknown labels are ignored (unknown labels are kept, never consulted).
    ['train-ai=n;foo=bar', { 'train-ai': 'n' }],
    ['train-ai=n;q=0.5;x', { 'train-ai': 'n' }],
    ['train-ai;x=n', { 'train-ai': 'other' }],
    ['train-ai=y;because="reasons", search=n', { 'train-ai': 'y', search: 'n' }],
    ['bots=n, train-ai=y', { bots: 'n', 'train-ai': 'y' }],
    ['*=n', { '*': 'n' }],
    ['constructor=y', { constructor: 'y' }],
    // Whole-dictionary failures (the evaluators fail closed on them).
    ['Train-AI=n', 'fail'],
    ['TRAIN-AI=N', 'fail'],
    ['train-ai = n', 'fail'],
    ['train-ai=n, Search=y', 'fail'],
    ['train-ai=n,', 'fail'],
    ['train-ai=n,,search=y', 'fail'],
    ['train-ai=n search=y', 'fail'],
    ['train-ai =n', 'fail'],
    ['train-ai=', 'fail'],
    ['train-ai=1.2345', 'fail'],
    ['train-ai=1234567890123456', 'fail'],
    ['train-ai="unterminated', 'fail'],
    ['train-ai="bad\\x"', 'fail'],
    ['train-ai=:not base64!:', 'fail'],
    ['train-ai=%"%ff"', 'fail'],
    ['train-ai=(n', 'fail'],
    ['train-ai=ñ', 'fail'],
    ['_train=n', 'fail'],
    ['train-ai=n;', 'fail'],
    [',train-ai=n', 'fail'],
  ])('%j → %j', (value, expected) => {
    expect(prefsOf(value)).toEqual(expected);
  });

  it('reports why a value failed', () => {
    expect(parseContentUsage('Train-AI=n')).toEqual({ ok: false, error: 'bad key at offset 0' });
  });

  it('never throws, on any string', () => {
    const anyString = fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'grapheme' }));
    fc.assert(fc.property(anyString, (s) => typeof parseContentUsage(s).ok === 'boolean'));
  });

  it.each([
    // Sizes where a quadratic step would take seconds, and a linear one milliseconds.
    ['inner blanks', `train-ai=y${' \t'.repeat(20_000)}x`],
    ['leading blanks', `${' '.repeat(100_000)}train-ai=n`],
    ['a long string', `train-ai=n, x="${'a'.repeat(100_000)}`],
    ['many members', 'a=y, '.repeat(10_000) + 'train-ai=n'],
  ])('stays linear on hostile input: %s', (_, value) => {
    parseContentUsage(value);
  });

  it('matches a most-restrictive model on generated dictionaries', () => {
    const label = fc.constantFrom('train-ai', 'search', 'bots', 'x.y', '*');
    const value = fc.constantFrom('y', 'n', '?1', '"n"', 'yes', '5', '(y)');
    const param = fc.constantFrom('', ';a=1', ';b', ';c="d"');
    fc.assert(
      fc.property(fc.array(fc.tuple(label, value, param), { maxLength: 8 }), (members) => {
        const rank = { y: 0, other: 1, n: 2 } as const;
        const model: Record<string, 'y' | 'n' | 'other'> = {};
        for (const [l, v] of members) {
          const said = v === 'y' || v === 'n' ? v : 'other';
          if (model[l] === undefined || rank[said] > rank[model[l]]) model[l] = said;
        }
        const text = members.map(([l, v, p]) => `${l}=${v}${p}`).join(', ');
        expect(prefsOf(text)).toEqual(model);
      }),
    );
  });
});

describe('combineContentUsage (vocab §7.1: most restrictive)', () => {
  it.each<[ContentUsagePrefs[], Record<string, string>]>([
    [[], {}],
    [[{ 'train-ai': 'y' }], { 'train-ai': 'y' }],
    [[{ 'train-ai': 'y' }, { 'train-ai': 'n' }], { 'train-ai': 'n' }],
    [[{ 'train-ai': 'n' }, { 'train-ai': 'y' }], { 'train-ai': 'n' }],
    [[{ 'train-ai': 'y' }, { search: 'n' }], { 'train-ai': 'y', search: 'n' }],
    [[{}, { search: 'y' }, { search: 'y' }], { search: 'y' }],
    [[{ 'train-ai': 'y' }, { 'train-ai': 'other' }], { 'train-ai': 'other' }],
    [[{ 'train-ai': 'other' }, { 'train-ai': 'n' }], { 'train-ai': 'n' }],
  ])('%j → %j', (statements, expected) => {
    expect({ ...combineContentUsage(statements) }).toEqual(expected);
  });

  it('usageFor reads absent labels as unknown, even inherited names', () => {
    expect(usageFor({ 'train-ai': 'n' }, 'train-ai')).toBe('n');
    expect(usageFor({}, 'train-ai')).toBe('unknown');
    expect(usageFor(combineContentUsage([]), 'toString')).toBe('unknown');
  });
});

describe('evaluateContentUsageHeader', () => {
  const ai = purposeProfile('ai-training');
  const src = 'https://cdn.example/a.jpg';

  it.each<[string[], unknown]>([
    [['train-ai=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=n', effect: 'deny', reason: 'content-usage-n', note: "The response's Content-Usage header says train-ai=n: the owner opts out of train-ai" }],
    [['train-ai=y, search=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=y, search=n', effect: 'allow', note: "The response's Content-Usage header says train-ai=y" }],
    [['search=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'search=n', effect: 'info', note: 'Content-Usage header states no preference for train-ai' }],
    // 13a: what the aipref grammar rejects fails closed (DESIGN.md §2 rule 5).
    ...['Train-AI=n', 'TRAIN-AI=N', 'train-ai = n'].map((v): [string[], unknown] => [[v], { kind: 'content-usage', scope: 'image', source: src, value: v, effect: 'deny', reason: 'signal-unreadable', note: expect.stringMatching(/^The response's Content-Usage header is not a valid Structured Fields dictionary \(.*\); Heed fails closed$/) }]),
    ...['train-ai="n"', 'train-ai="y"', 'train-ai', 'train-ai=yes'].map((v): [string[], unknown] => [[v], { kind: 'content-usage', scope: 'image', source: src, value: v, effect: 'deny', reason: 'signal-unreadable', note: "The response's Content-Usage header gives train-ai a value other than the token y or n; Heed fails closed" }]),
    // Several lines, or lines fetch joined: conflicting statements, the most restrictive wins.
    [['train-ai=y', 'train-ai=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=y, train-ai=n', effect: 'deny', reason: 'content-usage-n', note: "The response's Content-Usage header says train-ai=n: the owner opts out of train-ai" }],
    [['train-ai=n', 'train-ai=y'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=n, train-ai=y', effect: 'deny', reason: 'content-usage-n', note: "The response's Content-Usage header says train-ai=n: the owner opts out of train-ai" }],
    [['train-ai=n, train-ai=y'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=n, train-ai=y', effect: 'deny', reason: 'content-usage-n', note: "The response's Content-Usage header says train-ai=n: the owner opts out of train-ai" }],
    [['train-ai=y', 'Train-AI=y'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=y, Train-AI=y', effect: 'deny', reason: 'signal-unreadable', note: expect.stringMatching(/not a valid Structured Fields dictionary/) }],
    // Other labels' odd values are not the purpose's business.
    [['train-ai=y, search="x"'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=y, search="x"', effect: 'allow', note: "The response's Content-Usage header says train-ai=y" }],
  ])('%j', (lines, expected) => {
    expect(evaluateContentUsageHeader(lines, src, 'image', ai)).toEqual([expected]);
  });

  it('gives nothing without a header', () => {
    expect(evaluateContentUsageHeader([], src, 'image', ai)).toEqual([]);
  });

  it('does not refuse research-tdm, which has no aipref category', () => {
    expect(evaluateContentUsageHeader(['train-ai=n'], src, 'page', purposeProfile('research-tdm'))).toEqual([
      { kind: 'content-usage', scope: 'page', source: src, value: 'train-ai=n', effect: 'info', note: 'Content-Usage read; the purpose research-tdm has no aipref category' },
    ]);
  });

  it('clips a hostile value in the evidence', () => {
    const [e] = evaluateContentUsageHeader([`train-ai=n, x="${'a'.repeat(100_000)}"`], src, 'image', ai);
    expect(e?.effect).toBe('deny');
    expect(e?.value.length).toBe(200);
  });
});

describe('a frame document’s Content-Usage and Content-Signal headers are named as the frame’s, with its URL', () => {
  const ai = purposeProfile('ai-training');
  const FRAME = 'https://frame.example/x.html';
  it('Content-Usage: every note names the frame; scope stays page', () => {
    expect(evaluateContentUsageHeader(['train-ai=n'], FRAME, 'frame', ai)).toEqual([
      { kind: 'content-usage', scope: 'page', source: FRAME, value: 'train-ai=n', effect: 'deny', reason: 'content-usage-n', note: `The frame's Content-Usage header (${FRAME}) says train-ai=n: the owner opts out of train-ai` },
    ]);
    expect(evaluateContentUsageHeader(['TRAIN-AI=N'], FRAME, 'frame', ai)[0]?.note).toMatch(/^The frame's Content-Usage header \(https:\/\/frame\.example\/x\.html\) is not a valid Structured Fields dictionary/);
    expect(evaluateContentUsageHeader(['train-ai=yes'], FRAME, 'frame', ai)[0]?.note).toBe(`The frame's Content-Usage header (${FRAME}) gives train-ai a value other than the token y or n; Heed fails closed`);
    expect(evaluateContentUsageHeader(['train-ai=y'], FRAME, 'frame', ai)[0]?.note).toBe(`The frame's Content-Usage header (${FRAME}) says train-ai=y`);
    expect(evaluateContentUsageHeader(['search=n'], FRAME, 'frame', ai)[0]?.note).toBe(`The frame's Content-Usage header (${FRAME}) states no preference for train-ai`);
    expect(evaluateContentUsageHeader(['train-ai=n'], FRAME, 'frame', purposeProfile('research-tdm'))[0]?.note).toBe(`The frame's Content-Usage header (${FRAME}) read; the purpose research-tdm has no aipref category`);
  });
  it('Content-Signal: every note names the frame; scope stays page', () => {
    expect(evaluateContentSignalHeader(['ai-train=no'], FRAME, 'frame', ai)).toEqual([
      { kind: 'content-signal', scope: 'page', source: FRAME, value: 'ai-train=no', effect: 'deny', reason: 'content-usage-n', note: `The frame's Content-Signal header (${FRAME}) says ai-train=no: the owner opts out` },
    ]);
    expect(evaluateContentSignalHeader(['ai-train=n'], FRAME, 'frame', ai)[0]?.note).toBe(`The frame's Content-Signal header (${FRAME}) gives ai-train a value other than yes or no; Heed fails closed`);
    expect(evaluateContentSignalHeader(['ai-train=yes'], FRAME, 'frame', ai)[0]?.note).toBe(`The frame's Content-Signal header (${FRAME}) says ai-train=yes`);
    expect(evaluateContentSignalHeader(['search=yes'], FRAME, 'frame', ai)[0]?.note).toBe(`The frame's Content-Signal header (${FRAME}) states no preference for this purpose`);
  });
  it('the page’s and the image’s wording is unchanged', () => {
    for (const where of ['page', 'image'] as const) {
      expect(evaluateContentUsageHeader(['train-ai=n'], FRAME, where, ai)[0]?.note).toBe("The response's Content-Usage header says train-ai=n: the owner opts out of train-ai");
      expect(evaluateContentUsageHeader(['search=n'], FRAME, where, ai)[0]?.note).toBe('Content-Usage header states no preference for train-ai');
      expect(evaluateContentSignalHeader(['ai-train=no'], FRAME, where, ai)[0]?.note).toBe("The response's Content-Signal header says ai-train=no: the owner opts out");
      expect(evaluateContentSignalHeader(['search=yes'], FRAME, where, ai)[0]?.note).toBe('Content-Signal header states no preference for this purpose');
    }
  });
});

// Labels of earlier aipref vocabulary drafts (SIGNALS.md §2.1 table): a site that wrote
// `train-genai=n` (vocab-02/-03) or `bots=n` (vocab-03/-04) refused a use the purpose makes;
// read as unknown, its image was kept (DESIGN.md §2 rule 3, the reading that keeps no refusal).
describe('labels of earlier vocabulary drafts refuse when they say n', () => {
  const src = 'https://cdn.example/a.jpg';
  const ai = purposeProfile('ai-training');
  const genai = purposeProfile('genai-training');
  const tdm = purposeProfile('research-tdm');
  const reasons = (lines: string[], profile = ai) => evaluateContentUsageHeader(lines, src, 'image', profile).map((e) => e.reason ?? e.effect);

  it.each(['train-genai=n', 'genai=n', 'ai=n', 'tdm=n', 'all=n', 'bots=n', 'search=y, bots=n'])('%s refuses both AI purposes', (v) => {
    expect(reasons([v])).toEqual(['content-usage-n']);
    expect(reasons([v], genai)).toEqual(['content-usage-n']);
  });

  // `*` is a valid Structured Fields key and no vocabulary's label: an owner writing `*=n` says
  // no to every use. Read as unknown, the image was kept (helper audit); it is a broader label now.
  it('*=n refuses every purpose, and yields to the purpose\'s own y as a broader label does', () => {
    expect(reasons(['*=n'])).toEqual(['content-usage-n']);
    expect(reasons(['*=n'], genai)).toEqual(['content-usage-n']);
    expect(reasons(['*=n'], tdm)).toEqual(['content-usage-n']);
    expect(reasons(['train-ai=y, *=n'])).toEqual(['allow']);
  });

  it('the note names the label that refused, and the draft it comes from', () => {
    expect(evaluateContentUsageHeader(['train-genai=n'], src, 'image', ai)).toEqual([
      { kind: 'content-usage', scope: 'image', source: src, value: 'train-genai=n', effect: 'deny', reason: 'content-usage-n', note: "The response's Content-Usage header says train-genai=n (a label of earlier aipref drafts or another vocabulary, covering this purpose): the owner opts out of train-ai" },
    ]);
  });

  it('a narrower label\'s n stands beside train-ai=y; a broader one yields to it (the specific label decides)', () => {
    expect(reasons(['train-ai=y, train-genai=n'])).toEqual(['content-usage-n']);
    expect(reasons(['train-ai=y, bots=n'])).toEqual(['allow']);
  });

  it('an earlier label\'s y grants nothing, and other labels stay unknown', () => {
    expect(reasons(['bots=y'])).toEqual(['info']);
    expect(reasons(['ai-use=n, search=n, inference=n'])).toEqual(['info']);
  });

  it('research-tdm: the labels that covered text and data mining refuse; the AI-training ones do not', () => {
    for (const v of ['tdm=n', 'all=n', 'bots=n']) expect(reasons([v], tdm)).toEqual(['content-usage-n']);
    for (const v of ['train-ai=n', 'train-genai=n', 'ai=n']) expect(reasons([v], tdm)).toEqual(['info']);
  });
});

// One vocabulary's key with the other's syntax: Cloudflare's `ai-train` in a Content-Usage
// header (`ai-train=n`), the IETF `train-ai` in a Content-Signal (`train-ai=no`), or `ai_train`.
// The owner's refusal is plain; each was read as a label of no meaning, and the image kept
// (DESIGN.md §2 rule 3; fail closed).
describe("the other vocabulary's name for AI training", () => {
  const src = 'https://cdn.example/a.jpg';
  const ai = purposeProfile('ai-training');
  it.each(['ai-train=n', 'ai_train=n'])('Content-Usage %s refuses', (v) => {
    expect(evaluateContentUsageHeader([v], src, 'image', ai).map((e) => e.reason ?? e.effect)).toEqual(['content-usage-n']);
  });
  it.each(['train-ai=no', 'ai_train=no', 'search=yes, Train-AI=No'])('Content-Signal %s refuses', (v) => {
    expect(evaluateContentSignalHeader([v], src, 'image', ai).some((e) => e.reason === 'content-usage-n')).toBe(true);
  });
  it('a yes in the other spelling grants nothing on its own, and research-tdm is not bound', () => {
    expect(evaluateContentUsageHeader(['ai-train=y'], src, 'image', ai).map((e) => e.effect)).toEqual(['info']);
    expect(evaluateContentUsageHeader(['ai-train=n'], src, 'image', purposeProfile('research-tdm')).map((e) => e.effect)).toEqual(['info']);
  });
});

// A Content-Signal header longer than 16,384 characters was cut there without a word: an
// `ai-train=no` past the cut was lost and read as "no preference". It fails closed now.
describe('Content-Signal header too long to read in full', () => {
  it('is unreadable, not "no preference"', () => {
    const ev = evaluateContentSignalHeader([`search=yes, ${'x'.repeat(17_000)}=yes, ai-train=no`], 'https://museum.example/a.png', 'image', purposeProfile('ai-training'));
    expect(ev.some((e) => e.effect === 'deny')).toBe(true);
  });
});

// A Content-Signal whose `ai-train` was written with an invisible or look-alike character, with
// `:` for `=`, or with no value at all was not read as a pair: `\u200bai-train=no` or
// `ai‐train=no` (U+2010) read as "no preference", and the image was kept.
describe('Content-Signal keys written a little off', () => {
  const ai = purposeProfile('ai-training');
  const reasons = (v: string) => evaluateContentSignalHeader([v], 'https://cdn.example/a.jpg', 'image', ai).map((e) => e.reason ?? e.effect);
  it.each([
    ['a zero-width space before the key', '\u200bai-train=no'],
    ['a soft hyphen for the hyphen', 'search=yes, ai\u00adtrain=no'],
    ['a Unicode hyphen (U+2010)', 'ai\u2010train=no'],
    ['a non-breaking hyphen (U+2011)', 'ai\u2011train=no'],
    ['full-width letters', 'ＡＩ-ＴＲＡＩＮ=ＮＯ'],
    ['":" for "="', 'search: yes, ai-train: no'],
  ])('%s still refuses', (_name, v) => {
    expect(reasons(v)).toContain('content-usage-n');
    expect(reasons(v)).not.toContain('info');
  });
  it('a key named with no value is unreadable, not "no preference"', () => {
    expect(reasons('search=yes, ai-train')).toEqual(['signal-unreadable']);
  });
  it('the same pairs written plainly read as before', () => {
    expect(reasons('search=yes, ai-train=yes')).toEqual(['allow']);
    expect(reasons('search=yes')).toEqual(['info']);
  });
});

// An earlier draft's label given a value other than the token y or n (`train-genai="n"`, `bots=no`,
// `tdm=?0`) read as unknown, so the image was kept; the purpose's own label written so already failed
// closed. Decision (DESIGN.md §2 rules 3 and 5): a label that would refuse with `n` and says
// something Heed cannot read fails closed the same way (signal-unreadable), and yields to the
// purpose's own `y` where its `n` would (a broader label).
describe('an earlier label given a value other than the token y or n', () => {
  const src = 'https://cdn.example/a.jpg';
  const reasons = (v: string, profile = purposeProfile('ai-training')) => evaluateContentUsageHeader([v], src, 'image', profile).map((e) => e.reason ?? e.effect);
  it.each(['train-genai="n"', 'genai=no', 'bots="n"', 'all=?0', 'ai-train=N'])('%s is unreadable for AI training', (v) => {
    expect(reasons(v)).toEqual(['signal-unreadable']);
    expect(reasons(v, purposeProfile('genai-training'))).toEqual(['signal-unreadable']);
  });
  it('tdm="n" is unreadable for research-tdm, which has no aipref category', () => {
    expect(reasons('tdm="n"', purposeProfile('research-tdm'))).toEqual(['signal-unreadable']);
  });
  it('a broader label so written yields to the purpose\'s own y; tokens read as before', () => {
    expect(reasons('train-ai=y, bots="n"')).toEqual(['allow']);
    expect(reasons('train-ai=y, train-genai="n"')).toEqual(['signal-unreadable']);
    expect(reasons('train-ai=y, bots=y')).toEqual(['allow']);
    expect(reasons('bots=y, search="n"')).toEqual(['info']);
  });
});

// Cloudflare's Content Signals define `search`, `ai-input` and `ai-train` only; `all=no` or `*=no`
// read as no preference, and the image was kept. Decision (DESIGN.md §2 rule 3): an owner writing
// them says no to every use, as Content-Usage's `*=n` does: their `no` (or a value Heed cannot
// read) speaks for each key the header does not state itself; their `yes` grants nothing, and a
// key stated itself decides (`ai-train=yes, *=no` keeps its yes).
describe('Content-Signal all=no and *=no', () => {
  const ai = purposeProfile('ai-training');
  const reasons = (v: string) => evaluateContentSignalHeader([v], 'https://cdn.example/a.jpg', 'image', ai).map((e) => e.reason ?? e.effect);
  it.each(['all=no', '*=no', 'search=yes, all=no', 'ALL = No'])('%s refuses AI training', (v) => {
    expect(reasons(v)).toContain('content-usage-n');
    expect(reasons(v)).not.toContain('allow');
  });
  it('*=maybe is unreadable', () => {
    expect(reasons('*=maybe')).toContain('signal-unreadable');
  });
  it('a key stated itself decides, and all=yes grants nothing', () => {
    expect(reasons('ai-train=yes, *=no')).toEqual(['allow']);
    expect(reasons('all=yes')).toEqual(['info']);
  });
  it('in robots.txt too', () => {
    const ev = evaluateRobots({ url: 'https://m.example/robots.txt', outcome: 'ok', body: 'User-Agent: *\nContent-Signal: all=no\nAllow: /' }, 'https://m.example/a.jpg', 'image', ai);
    expect(ev.filter((e) => e.effect === 'deny').map((e) => e.reason)).toContain('content-usage-n');
  });
});

// A value written after a pair's own, with a space or a comma (`ai-train=yes no`): the stray word
// was read as a key named `no`, and the pair's yes kept the image. It is the pair's value too, and
// the stricter of the two holds, as for a key said twice.
describe('Content-Signal with a stray value after a pair', () => {
  const ai = purposeProfile('ai-training');
  const reasons = (v: string) => evaluateContentSignalHeader([v], 'https://cdn.example/a.jpg', 'image', ai).map((e) => e.reason ?? e.effect);
  it('a stray no after a pair, with a space, a comma or a semicolon, refuses AI training', () => {
    for (const v of ['ai-train=yes no', 'ai-train=yes,no', 'ai-train=yes; no', 'search=yes, ai-train=yes NO']) expect(reasons(v), v).toContain('content-usage-n');
  });
  it('unchanged: a stray yes after a pair grants nothing more, and pairs each keep their own value', () => {
    expect(reasons('ai-train=no yes')).toContain('content-usage-n');
    expect(reasons('ai-train=yes, search=no')).not.toContain('content-usage-n');
    expect(reasons('search=no ai-train=yes')).not.toContain('content-usage-n');
  });
});
