import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineContentUsage, evaluateContentUsageHeader, parseContentUsage, usageFor, type ContentUsagePrefs } from '../../../utils/signals/content-usage';
import { purposeProfile } from '../../../utils/model/purposes';

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
    // Duplicate keys: the last occurrence wins, even when it states nothing.
    ['train-ai=n, train-ai=y', { 'train-ai': 'y' }],
    ['train-ai=y, train-ai=n', { 'train-ai': 'n' }],
    ['train-ai=n, train-ai=?1', {}],
    // Anything but the Token y / n is unknown, not an error.
    ['train-ai', {}],
    ['train-ai=?0', {}],
    ['train-ai="n"', {}],
    ['train-ai=yes', {}],
    ['train-ai=N', {}],
    ['train-ai=1', {}],
    ['train-ai=-1.5', {}],
    ['train-ai=:bm8=:', {}],
    ['train-ai=(n y)', {}],
    ['train-ai=@1659578233', {}],
    ['train-ai=%"caf%c3%a9"', {}],
    // Parameters and unknown labels are ignored (unknown labels are kept, never consulted).
    ['train-ai=n;foo=bar', { 'train-ai': 'n' }],
    ['train-ai=n;q=0.5;x', { 'train-ai': 'n' }],
    ['train-ai=y;because="reasons", search=n', { 'train-ai': 'y', search: 'n' }],
    ['bots=n, train-ai=y', { bots: 'n', 'train-ai': 'y' }],
    ['*=n', { '*': 'n' }],
    ['constructor=y', { constructor: 'y' }],
    // Whole-dictionary failures: every category unknown.
    ['Train-AI=n', 'fail'],
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

  it('matches a last-wins model on generated dictionaries', () => {
    const label = fc.constantFrom('train-ai', 'search', 'bots', 'x.y', '*');
    const value = fc.constantFrom('y', 'n', '?1', '"n"', 'yes', '5', '(y)');
    const param = fc.constantFrom('', ';a=1', ';b', ';c="d"');
    fc.assert(
      fc.property(fc.array(fc.tuple(label, value, param), { maxLength: 8 }), (members) => {
        const model: Record<string, string> = {};
        for (const [l, v] of members) {
          if (v === 'y' || v === 'n') model[l] = v;
          else delete model[l];
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

  it.each([
    [['train-ai=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=n', effect: 'deny', reason: 'content-usage-n', note: "The response's Content-Usage header says train-ai=n: the owner opts out of train-ai" }],
    [['train-ai=y, search=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=y, search=n', effect: 'allow', note: "The response's Content-Usage header says train-ai=y" }],
    [['search=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'search=n', effect: 'info', note: 'Content-Usage header states no preference for train-ai' }],
    [['Train-AI=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'Train-AI=n', effect: 'info', note: 'Content-Usage header is not a valid dictionary (bad key at offset 0); every preference is unknown' }],
    // Two field lines are one dictionary: the later member wins.
    [['train-ai=y', 'train-ai=n'], { kind: 'content-usage', scope: 'image', source: src, value: 'train-ai=y, train-ai=n', effect: 'deny', reason: 'content-usage-n', note: "The response's Content-Usage header says train-ai=n: the owner opts out of train-ai" }],
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
