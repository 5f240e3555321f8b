import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../utils/model/evidence';
import { purposeProfile } from '../../../utils/model/purposes';
import type { FetchedFile } from '../../../utils/signals/fetched-file';
import { parseTdmrepJson, parseTdmReservation, resolveTdmReservation, tdmMetaFrom, tdmrepPartialRestrictions, type TdmInput } from '../../../utils/signals/tdmrep';
import { readRawMetas } from '../../../utils/page/raw-page-signals';

/** A document's TDMRep meta as the worker reads it from what a page script sends. */
const readTdmMeta = (d: Document) => tdmMetaFrom(readRawMetas(d));

const AI = purposeProfile('ai-training');
const WK = 'https://img.test/.well-known/tdmrep.json';
const IMG = 'https://img.test/gallery/open/a.jpg';
const PAGE = 'https://www.img.test/post';
const ok = (body: unknown): FetchedFile => ({ url: WK, outcome: 'ok', body: typeof body === 'string' ? body : JSON.stringify(body) });
const ABSENT: FetchedFile = { url: WK, outcome: 'absent' };
const SPEC_EXAMPLE = [
  { location: '/gallery/open/*.jpg', 'tdm-reservation': 0 },
  { location: '/', 'tdm-reservation': 1, 'tdm-policy': 'https://img.test/policies/1' },
];
const input = (over: Partial<TdmInput>): TdmInput => ({ wellKnown: ABSENT, imageUrl: IMG, imageHeaders: {}, pageFallback: null, ...over });

const absentInfo: Evidence = { kind: 'tdmrep', scope: 'site', source: WK, value: 'absent', effect: 'info', note: 'No /.well-known/tdmrep.json: the site does not use a TDMRep file.' };
const reservedNote = (label: string, policy = false) =>
  `The ${label} reserves text and data mining rights (EU CDSM Art. 4 opt-out).${policy ? ' A TDM policy explains how to ask for a licence; it does not lift the reservation.' : ''}`;
const notReserved = (label: string) => `The ${label} says text and data mining rights are not reserved.`;
const superseded = (label: string) => `Superseded by the ${label} (TDMRep processing priority).`;
const unreadable = (label: string) => `The ${label} is present but unreadable; Heed fails closed.`;
const HEADER = "image's TDMRep header";
const PAGELABEL = "page's TDMRep header or meta";

describe('parseTdmReservation', () => {
  it.each<[unknown, ReturnType<typeof parseTdmReservation>]>([
    ['1', 1], ['0', 0], [' 1 ', 1], [1, 1], [0, 0], ['1, 1', 1], ['0,0', 0],
    ['0, 1', 'invalid'], ['maybe', 'invalid'], ['2', 'invalid'], ['01', 'invalid'], ['true', 'invalid'], [true, 'invalid'], [2, 'invalid'],
    [undefined, null], [null, null], ['', null], [' , ', null],
  ])('%j → %j', (value, expected) => {
    expect(parseTdmReservation(value)).toBe(expected);
  });
});

describe('parseTdmrepJson', () => {
  it('reads the spec example, rules in order', () => {
    expect(parseTdmrepJson(JSON.stringify(SPEC_EXAMPLE))).toEqual({
      ok: true,
      value: [
        { location: '/gallery/open/*.jpg', reservation: 0, policy: null, problem: null },
        { location: '/', reservation: 1, policy: 'https://img.test/policies/1', problem: null },
      ],
    });
  });

  it.each<[string, string, ReturnType<typeof parseTdmrepJson>]>([
    ['malformed rules are kept and flagged', '[{"location":"/a","tdm-reservation":"maybe"},{"tdm-reservation":1},7]', { ok: true, value: [
      { location: '/a', reservation: 'invalid', policy: null, problem: 'tdm-reservation is "maybe", not 0 or 1' },
      { location: '', reservation: 1, policy: null, problem: 'rule has no location' },
      { location: '', reservation: 'invalid', policy: null, problem: 'rule is not an object' },
    ] }],
    ['string values "0"/"1" are read', '\uFEFF[{"location":"/","tdm-reservation":"1"}]', { ok: true, value: [{ location: '/', reservation: 1, policy: null, problem: null }] }],
    ['missing tdm-reservation', '[{"location":"/"}]', { ok: true, value: [{ location: '/', reservation: 'invalid', policy: null, problem: 'tdm-reservation is missing, not 0 or 1' }] }],
    // JSON.parse keeps the last of duplicate keys: `1` then `0` read as 0 and the image was kept.
    ['a rule that gives a key twice', '[{"location":"/","tdm-reservation":1,"tdm-reservation":0}]', { ok: false, error: 'a rule gives "tdm-reservation" twice' }],
    // Strictly another key, `TDM-Reservation: 1` was dropped and the rule's 0 kept the image.
    ['tdm-reservation spelt twice with different values', '[{"location":"/","tdm-reservation":0,"TDM-Reservation":1}]', { ok: true, value: [{ location: '/', reservation: 'invalid', policy: null, problem: 'tdm-reservation is spelt "TDM-Reservation" too, with another value' }] }],
    ['tdm-reservation spelt twice, _ for -, with different values', '[{"location":"/","tdm_reservation":"1","tdm-reservation":"0"}]', { ok: true, value: [{ location: '/', reservation: 'invalid', policy: null, problem: 'tdm-reservation is spelt "tdm_reservation" too, with another value' }] }],
    ['tdm-reservation spelt twice with the same value', '[{"location":"/","tdm-reservation":1,"TDM-Reservation":"1"}]', { ok: true, value: [{ location: '/', reservation: 1, policy: null, problem: null }] }],
    ['not JSON', '{oops', { ok: false, error: 'not valid JSON' }],
    ['an object, not an array', '{"tdm-reservation":1}', { ok: false, error: 'not a JSON array of rules' }],
    ['binary junk', '\u0000\u0001\u00ff\ufffd', { ok: false, error: 'not valid JSON' }],
    ['huge', `[${'{"location":"/","tdm-reservation":1},'.repeat(20000)}1]`, { ok: false, error: 'larger than 524288 bytes' }],
    ['deeply nested', `${'['.repeat(200000)}${']'.repeat(200000)}`, { ok: true, value: [{ location: '', reservation: 'invalid', policy: null, problem: 'rule is not an object' }] }],
  ])('%s', (_name, body, expected) => {
    expect(parseTdmrepJson(body)).toEqual(expected);
  });
});

describe('resolveTdmReservation (DESIGN.md §2 rule 3 precedence)', () => {
  it.each<[string, TdmInput, Evidence[]]>([
    ['first matching rule wins (0)', input({ wellKnown: ok(SPEC_EXAMPLE) }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 1 "/gallery/open/*.jpg": tdm-reservation: 0', effect: 'allow', note: notReserved('tdmrep.json') },
    ]],
    ['later "/" rule reserves, policy recorded', input({ wellKnown: ok(SPEC_EXAMPLE), imageUrl: 'https://img.test/img/b.jpg' }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 2 "/": tdm-reservation: 1; tdm-policy: https://img.test/policies/1', effect: 'deny', reason: 'tdm-reserved', note: reservedNote('tdmrep.json', true) },
    ]],
    ['image header supersedes the file', input({ wellKnown: ok(SPEC_EXAMPLE), imageUrl: 'https://img.test/img/b.jpg', imageHeaders: { reservation: '0' } }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 2 "/": tdm-reservation: 1; tdm-policy: https://img.test/policies/1', effect: 'info', note: superseded(HEADER) },
      { kind: 'tdmrep', scope: 'image', source: 'https://img.test/img/b.jpg', value: 'tdm-reservation: 0', effect: 'allow', note: notReserved(HEADER) },
    ]],
    ['absence of a header does not reset the file', input({ wellKnown: ok([{ location: '/', 'tdm-reservation': 1 }]), imageHeaders: { policy: 'https://x.test/p' } }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 1 "/": tdm-reservation: 1', effect: 'deny', reason: 'tdm-reserved', note: reservedNote('tdmrep.json') },
    ]],
    ['header 1 with policy: the policy does not lift it', input({ imageHeaders: { reservation: '1', policy: 'https://img.test/tdm-policy.json' } }), [
      absentInfo,
      { kind: 'tdmrep', scope: 'image', source: IMG, value: 'tdm-reservation: 1; tdm-policy: https://img.test/tdm-policy.json', effect: 'deny', reason: 'tdm-reserved', note: reservedNote(HEADER, true) },
    ]],
    ['unparseable header fails closed', input({ imageHeaders: { reservation: 'maybe' } }), [
      absentInfo,
      { kind: 'tdmrep', scope: 'image', source: IMG, value: 'tdm-reservation: maybe', effect: 'deny', reason: 'signal-unreadable', note: unreadable(HEADER) },
    ]],
    ['page meta applies when neither speaks', input({ pageFallback: { reservation: '1', source: PAGE } }), [
      absentInfo,
      { kind: 'tdmrep', scope: 'page', source: PAGE, value: 'tdm-reservation: 1', effect: 'deny', reason: 'tdm-reserved', note: reservedNote(PAGELABEL) },
    ]],
    ['page does not apply when the image header speaks', input({ imageHeaders: { reservation: '0' }, pageFallback: { reservation: '1', source: PAGE } }), [
      absentInfo,
      { kind: 'tdmrep', scope: 'page', source: PAGE, value: 'tdm-reservation: 1', effect: 'info', note: superseded(HEADER) },
      { kind: 'tdmrep', scope: 'image', source: IMG, value: 'tdm-reservation: 0', effect: 'allow', note: notReserved(HEADER) },
    ]],
    ['page does not apply when a file rule speaks', input({ wellKnown: ok(SPEC_EXAMPLE), pageFallback: { reservation: '1', source: PAGE } }), [
      { kind: 'tdmrep', scope: 'page', source: PAGE, value: 'tdm-reservation: 1', effect: 'info', note: superseded('tdmrep.json') },
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 1 "/gallery/open/*.jpg": tdm-reservation: 0', effect: 'allow', note: notReserved('tdmrep.json') },
    ]],
    ['no rule matches: page applies', input({ wellKnown: ok([{ location: '/private/', 'tdm-reservation': 1 }]), pageFallback: { reservation: '0', source: PAGE } }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'no rule matches this image', effect: 'info', note: 'tdmrep.json has no rule for this image path.' },
      { kind: 'tdmrep', scope: 'page', source: PAGE, value: 'tdm-reservation: 0', effect: 'allow', note: notReserved(PAGELABEL) },
    ]],
    ['unreadable page value, when it applies, fails closed', input({ pageFallback: { reservation: '0, 1', source: PAGE } }), [
      absentInfo,
      { kind: 'tdmrep', scope: 'page', source: PAGE, value: 'tdm-reservation: 0, 1', effect: 'deny', reason: 'signal-unreadable', note: unreadable(PAGELABEL) },
    ]],
    ['present but unparseable file fails closed', input({ wellKnown: ok('{"tdm-reservation": 1, "tdm-policy": "x"}') }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'unreadable: not a JSON array of rules', effect: 'deny', reason: 'signal-unreadable', note: unreadable('tdmrep.json') },
    ]],
    ['an unreadable file is not cured by a header', input({ wellKnown: ok('[oops'), imageHeaders: { reservation: '0' } }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'unreadable: not valid JSON', effect: 'deny', reason: 'signal-unreadable', note: unreadable('tdmrep.json') },
      { kind: 'tdmrep', scope: 'image', source: IMG, value: 'tdm-reservation: 0', effect: 'allow', note: notReserved(HEADER) },
    ]],
    ['a malformed rule before the match makes the answer unknowable', input({ wellKnown: ok([{ 'tdm-reservation': 1 }, { location: '/', 'tdm-reservation': 0 }]) }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 1 unreadable: rule has no location', effect: 'deny', reason: 'signal-unreadable', note: unreadable('tdmrep.json') },
    ]],
    ['a malformed rule after the match is irrelevant', input({ wellKnown: ok([{ location: '/', 'tdm-reservation': 0 }, { location: '/x', 'tdm-reservation': 'maybe' }]) }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 1 "/": tdm-reservation: 0', effect: 'allow', note: notReserved('tdmrep.json') },
    ]],
    ['matched rule with a value other than 0/1', input({ wellKnown: ok([{ location: '/', 'tdm-reservation': 2 }]) }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 1 unreadable: tdm-reservation is 2, not 0 or 1', effect: 'deny', reason: 'signal-unreadable', note: unreadable('tdmrep.json') },
    ]],
    ['$ anchors the end; the query is part of the target', input({ wellKnown: ok([{ location: '/gallery/open/a.jpg$', 'tdm-reservation': 0 }, { location: '/', 'tdm-reservation': 1 }]), imageUrl: `${IMG}?w=200` }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 2 "/": tdm-reservation: 1', effect: 'deny', reason: 'tdm-reserved', note: reservedNote('tdmrep.json') },
    ]],
    ['absolute-URL location on the same origin', input({ wellKnown: ok([{ location: 'https://img.test/gallery/*', 'tdm-reservation': 1 }]) }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 1 "https://img.test/gallery/*": tdm-reservation: 1', effect: 'deny', reason: 'tdm-reserved', note: reservedNote('tdmrep.json') },
    ]],
    ['soft 404 (HTML) is treated as absent', input({ wellKnown: ok('<!doctype html><title>Not found</title>') }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'not a tdmrep.json (HTML or empty page)', effect: 'info', note: 'tdmrep.json answered with a web page, not rules (a "soft 404"): treated as absent.' },
    ]],
    // DESIGN.md §2 rule 3: a tdmrep.json answering 429 or 5xx, or larger than its cap, is unreadable (rule 5).
    ...['HTTP 503', 'HTTP 429', 'larger than 512 KiB'].map((detail): [string, TdmInput, Evidence[]] => [`unreadable (${detail}): fails closed`, input({ wellKnown: { url: WK, outcome: 'error', detail } }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: `unavailable: ${detail}`, effect: 'deny', reason: 'signal-unreadable', note: unreadable('tdmrep.json') },
    ]]),
    ['unreadable file, permissive header: the header does not cure it', input({ wellKnown: { url: WK, outcome: 'error', detail: 'HTTP 500' }, imageHeaders: { reservation: '0' } }), [
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'unavailable: HTTP 500', effect: 'deny', reason: 'signal-unreadable', note: unreadable('tdmrep.json') },
      { kind: 'tdmrep', scope: 'image', source: IMG, value: 'tdm-reservation: 0', effect: 'allow', note: "The image's TDMRep header says text and data mining rights are not reserved." },
    ]],
    ['404 and nothing else: info only', input({}), [absentInfo]],
  ])('%s', (_name, inp, expected) => {
    expect(resolveTdmReservation(inp, AI)).toEqual(expected);
  });

  it('never throws on junk input', () => {
    expect(resolveTdmReservation(null as unknown as TdmInput, AI)[0]).toMatchObject({ effect: 'deny', reason: 'signal-unreadable' });
    expect(resolveTdmReservation(input({ imageUrl: 'not a url', wellKnown: ok(SPEC_EXAMPLE) }), AI)).toEqual([
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'no rule matches this image', effect: 'info', note: 'tdmrep.json has no rule for this image path.' },
    ]);
  });

  it('property: parse and resolve never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.string({ maxLength: 10 }), (body, header) => {
        expect(typeof parseTdmrepJson(body).ok).toBe('boolean');
        expect(Array.isArray(resolveTdmReservation(input({ wellKnown: ok(body), imageHeaders: { reservation: header } }), AI))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('readTdmMeta', () => {
  const doc = (head: string) => parseHTML(`<html><head>${head}</head><body></body></html>`).document as unknown as Document;
  it.each([
    ['<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="https://p.test/policy.json">', { reservation: '1', policy: 'https://p.test/policy.json' }],
    ['<meta name="TDM-Reservation" content=" 0 ">', { reservation: '0' }],
    // Conflicting metas join, and then read as unreadable.
    ['<meta name="tdm-reservation" content="0"><meta name="tdm-reservation" content="1"><meta name="tdm-reservation" content="1">', { reservation: '0, 1' }],
    ['<meta name="robots" content="noai">', {}],
  ])('%s', (head, expected) => {
    expect(readTdmMeta(doc(head))).toEqual(expected);
  });
  it('never throws on junk pairs', () => {
    expect(tdmMetaFrom('x' as unknown as [])).toEqual({});
    expect(tdmMetaFrom([null, { name: 5 }] as unknown as [])).toEqual({});
  });
});

// DESIGN.md §2 Site status: tdmrep.json rules for some paths make a site restricted.
describe('tdmrepPartialRestrictions', () => {
  const file = (rules: unknown): FetchedFile => ({ url: WK, outcome: 'ok', body: JSON.stringify(rules) });
  const PAGE_URL = 'https://img.test/about';

  it('a reserving rule for other paths is info naming tdm-reserved', () => {
    expect(tdmrepPartialRestrictions(file([{ location: '/gallery/*', 'tdm-reservation': 1, 'tdm-policy': 'https://img.test/policy.json' }]), PAGE_URL)).toEqual([
      { kind: 'tdmrep', scope: 'site', source: WK, value: 'rule 1 "/gallery/*": tdm-reservation: 1; tdm-policy: https://img.test/policy.json', effect: 'info', reason: 'tdm-reserved', note: 'tdmrep.json reserves text and data mining rights for some paths ("/gallery/*"); images there will be refused' },
    ]);
  });

  it.each<[string, unknown]>([
    ['the rule that answers for the page', [{ location: '/about', 'tdm-reservation': 1 }]],
    ['rules that reserve nothing', [{ location: '/gallery/', 'tdm-reservation': 0 }]],
    ['a reservation behind a rule matching every path', [{ location: '/*', 'tdm-reservation': 0 }, { location: '/gallery/', 'tdm-reservation': 1 }]],
  ])('nothing for %s', (_, rules) => {
    expect(tdmrepPartialRestrictions(file(rules), PAGE_URL)).toEqual([]);
  });

  it('an unreadable rule for other paths: signal-unreadable', () => {
    expect(tdmrepPartialRestrictions(file([{ location: '/g/', 'tdm-reservation': 'yes' }]), PAGE_URL).map((e) => e.reason)).toEqual(['signal-unreadable']);
  });

  it('nothing from an absent, failed, HTML or broken file (the page evidence speaks for those)', () => {
    for (const f of [{ url: WK, outcome: 'absent' }, { url: WK, outcome: 'error', detail: 'HTTP 500' }, { url: WK, outcome: 'ok', body: '<html>' }, { url: WK, outcome: 'ok', body: '{' }] as FetchedFile[]) {
      expect(tdmrepPartialRestrictions(f, PAGE_URL)).toEqual([]);
    }
  });
});

// DESIGN.md §2 rule 2's reading of repeated slashes, applied to the robots.txt-style locations:
// the path as written and merged; the stricter answer wins.
describe('repeated slashes in the image path', () => {
  it.each([
    ['https://img.test//gallery/a.jpg'],
    ['https://img.test/gallery//a.jpg'],
    ['https://img.test//%67allery/a.jpg'],
  ])('%s meets a reservation for /gallery/', (imageUrl) => {
    const rules = [{ location: '/gallery/*', 'tdm-reservation': 1 }, { location: '/*', 'tdm-reservation': 0 }];
    expect(resolveTdmReservation(input({ wellKnown: ok(rules), imageUrl }), AI).map((e) => e.reason ?? e.effect)).toEqual(['tdm-reserved']);
  });

  it('a free rule for the doubled path does not lift the reservation of the merged one', () => {
    const rules = [{ location: '//gallery/', 'tdm-reservation': 0 }, { location: '/gallery/', 'tdm-reservation': 1 }];
    expect(resolveTdmReservation(input({ wellKnown: ok(rules), imageUrl: 'https://img.test//gallery/a.jpg' }), AI).map((e) => e.reason ?? e.effect)).toEqual(['tdm-reserved']);
  });
});

// Escapes in an absolute location were undone with decodeURI: `%E9` (not UTF-8) threw and `%25`
// became `%`, so the rule matched nothing and the image was kept. The text after the host is now
// compared like a path rule; a location that cannot be read is unreadable (DESIGN.md §2 rule 5).
describe('absolute tdmrep.json locations with escapes', () => {
  const reasons = (rules: unknown, imageUrl: string) => resolveTdmReservation(input({ wellKnown: ok(rules), imageUrl }), AI).map((e) => e.reason ?? e.effect);

  it.each([
    ['https://img.test/fotos/caf%E9/*', 'https://img.test/fotos/caf%E9/a.jpg'],
    ['https://img.test/fotos/caf%e9/*', 'https://img.test/fotos/caf%E9/a.jpg'],
    ['https://img.test/100%25/*', 'https://img.test/100%25/a.jpg'],
    ['/fotos/caf%E9/*', 'https://img.test/fotos/caf%E9/a.jpg'],
    ['https://img.test/my photos/ツ', 'https://img.test/my%20photos/%E3%83%84.jpg'],
  ])('%s reserves %s', (location, imageUrl) => {
    expect(reasons([{ location, 'tdm-reservation': 1 }], imageUrl)).toEqual(['tdm-reserved']);
  });

  it('benign cases are unchanged', () => {
    expect(reasons([{ location: 'https://img.test/100%25/*', 'tdm-reservation': 1 }], 'https://img.test/100/a.jpg')).toEqual(['info']);
    expect(reasons([{ location: 'https://img.test/fotos/caf%E9/*', 'tdm-reservation': 1 }], 'https://img.test/fotos/caf%C3%A9/a.jpg')).toEqual(['info']);
    expect(reasons([{ location: 'https://img.test/fotos/*', 'tdm-reservation': 0 }], 'https://img.test/fotos/caf%E9/a.jpg')).toEqual(['allow']);
  });

  it('a location that cannot be read as a URL is unreadable, not "no match"', () => {
    expect(reasons([{ location: 'https://img.test:99999/fotos/*', 'tdm-reservation': 1 }], 'https://img.test/fotos/a.jpg')).toEqual(['signal-unreadable']);
    expect(reasons([{ location: 'https://img .test/fotos/*', 'tdm-reservation': 0 }, { location: '/', 'tdm-reservation': 0 }], 'https://img.test/x.jpg')).toEqual(['signal-unreadable']);
  });
});

// An encoded slash: many servers (nginx, S3) decode `%2F`, so /private%2Fa.jpg serves
// /private/a.jpg. The path is also read with it decoded; the stricter answer wins (DESIGN.md §2 rule 2).
describe('encoded slashes in the image path', () => {
  const reasons = (rules: unknown, imageUrl: string) => resolveTdmReservation(input({ wellKnown: ok(rules), imageUrl }), AI).map((e) => e.reason ?? e.effect);

  it.each(['https://img.test/private%2Fa.jpg', 'https://img.test/private%2fa.jpg', 'https://img.test/%2Fprivate%2F%2Fa.jpg', 'https://img.test/private%2F'])('%s meets a reservation for /private/*', (imageUrl) => {
    expect(reasons([{ location: '/private/*', 'tdm-reservation': 1 }, { location: '/*', 'tdm-reservation': 0 }], imageUrl)).toEqual(['tdm-reserved']);
    expect(reasons([{ location: 'https://img.test/private/*', 'tdm-reservation': 1 }], imageUrl)).toEqual(['tdm-reserved']);
  });

  it('a free rule for the encoded path does not lift the reservation of the decoded one', () => {
    expect(reasons([{ location: '/private%2F*', 'tdm-reservation': 0 }, { location: '/private/', 'tdm-reservation': 1 }], 'https://img.test/private%2Fa.jpg')).toEqual(['tdm-reserved']);
  });

  it('benign cases are unchanged', () => {
    expect(reasons([{ location: '/private/*', 'tdm-reservation': 1 }], 'https://img.test/public%2Fa.jpg')).toEqual(['info']);
    expect(reasons([{ location: '/private/*', 'tdm-reservation': 1 }], 'https://img.test/x.jpg?next=%2Fprivate%2Fa')).toEqual(['info']);
    expect(reasons([{ location: '/public/*', 'tdm-reservation': 0 }], 'https://img.test/public/a.jpg')).toEqual(['allow']);
    // A 0 that covers only the decoded reading: the path as written meets no rule, so the file is
    // silent for the image (a page's reservation, if any, then applies: url-readings.test.ts).
    expect(reasons([{ location: '/public/*', 'tdm-reservation': 0 }], 'https://img.test/public%2Fa.jpg')).toEqual(['info']);
  });
});

// tdmrep.json locations written as absolute URLs of the site's other scheme or its www host:
// the file lives on this origin and names its own content (DESIGN.md §2 rule 3). Read both
// ways; the stricter answer wins, so a loosely matching `0` never lifts a reservation.
describe('absolute tdmrep.json locations naming the site a little differently', () => {
  const reasons = (rules: unknown) => resolveTdmReservation(input({ wellKnown: ok(rules) }), AI).filter((e) => e.effect === 'deny').map((e) => e.reason);

  it.each([
    ['http instead of https', [{ location: 'http://img.test/gallery/*', 'tdm-reservation': 1 }]],
    ['the www host', [{ location: 'https://www.img.test/gallery/', 'tdm-reservation': 1 }]],
  ])('%s reserves', (_, rules) => {
    expect(reasons(rules)).toEqual(['tdm-reserved']);
  });

  it('a loosely matching 0 does not shadow the reservation that matches exactly', () => {
    expect(reasons([{ location: 'http://img.test/gallery/', 'tdm-reservation': 0 }, { location: '/', 'tdm-reservation': 1 }])).toEqual(['tdm-reserved']);
  });

  it('another site’s location still does not match', () => {
    expect(reasons([{ location: 'https://other.test/gallery/', 'tdm-reservation': 1 }])).toEqual([]);
  });
});

describe('TDMRep metas written a little off', () => {
  const doc = (head: string): Document => parseHTML(`<!doctype html><html><head>${head}</head><body></body></html>`).document as unknown as Document;
  it.each([
    ['<meta http-equiv="tdm-reservation" content="1">'],
    ['<meta name="tdm_reservation" content="1">'],
    ['<meta name=" TDM-Reservation " content=" 1 ">'],
    ['<meta property="tdm-reservation" content="1">'],
    // The EPUB spellings (SIGNALS.md §4.2: EPUB 2 `name="tdm:reservation"`, EPUB 3 property),
    // copied into a page: they were not read, so the page's reservation was lost.
    ['<meta name="tdm:reservation" content="1">'],
    ['<meta property="tdm:reservation" content="1">'],
  ])('%s reserves', (head) => {
    expect(readTdmMeta(doc(head)).reservation?.trim()).toBe('1');
  });
});

describe('a frame document’s tdm-reservation header or meta is named as the frame’s, with its URL', () => {
  const FRAME = 'https://www.img.test/embed/x.html';
  const FRAMELABEL = `frame's TDMRep header or meta (${FRAME})`;
  const frameFallback = (reservation: string) => ({ reservation, source: `${FRAME} (tdm-reservation header), a frame of the page`, frameUrl: FRAME });
  it('reserved, not reserved and unreadable: the frame and its URL; scope stays page', () => {
    expect(resolveTdmReservation(input({ pageFallback: frameFallback('1') }), AI)).toEqual([
      absentInfo,
      { kind: 'tdmrep', scope: 'page', source: `${FRAME} (tdm-reservation header), a frame of the page`, value: 'tdm-reservation: 1', effect: 'deny', reason: 'tdm-reserved', note: reservedNote(FRAMELABEL) },
    ]);
    expect(resolveTdmReservation(input({ pageFallback: frameFallback('0') }), AI)[1]?.note).toBe(notReserved(FRAMELABEL));
    expect(resolveTdmReservation(input({ pageFallback: frameFallback('0, 1') }), AI)[1]?.note).toBe(unreadable(FRAMELABEL));
  });
  it('the page’s wording is unchanged', () => {
    expect(resolveTdmReservation(input({ pageFallback: { reservation: '1', source: PAGE } }), AI)[1]?.note).toBe(reservedNote(PAGELABEL));
  });
});

// A tdm-reservation value past 2,048 characters was cut there, and distinct meta values past the
// eighth were dropped: "0, 0, …, 1" or nine metas ending with "1" read as "not reserved". Both
// were not read in full, so they are unreadable now (DESIGN.md §2 rule 5).
describe('tdm-reservation values not read in full', () => {
  it('a value longer than the cap is invalid, not its first part', () => {
    expect(parseTdmReservation(`${'0, '.repeat(1000)}1`)).toBe('invalid');
    expect(parseTdmReservation(`${'1, '.repeat(1000)}1`)).toBe('invalid');
  });

  it('more distinct reservation metas than are kept read as invalid', () => {
    const metas = ['0', '0,0', '0,0,0', '0,0,0,0', '0,0,0,0,0', '0,0,0,0,0,0', '0,0,0,0,0,0,0', '0,0,0,0,0,0,0,0', '1'];
    const { document } = parseHTML(`<!doctype html><html><head>${metas.map((c) => `<meta name="tdm-reservation" content="${c}">`).join('')}</head><body></body></html>`);
    expect(parseTdmReservation(readTdmMeta(document as unknown as Document).reservation)).toBe('invalid');
  });
});

describe('tdm-reservation metas as sent to the background', () => {
  it('stay within the message cap, read as what they were', () => {
    const long = `${'0, '.repeat(1000)}1`;
    const { document } = parseHTML(`<!doctype html><html><head><meta name="tdm-reservation" content="${long}"><meta name="tdm-policy" content="${'p'.repeat(3000)}"></head><body></body></html>`);
    const tdm = readTdmMeta(document as unknown as Document);
    expect(tdm.reservation!.length).toBeLessThanOrEqual(2048);
    expect(tdm.policy!.length).toBeLessThanOrEqual(2048);
    expect(parseTdmReservation(tdm.reservation)).toBe('invalid');
  });
});

// A rule's location was cut to 2,048 characters: `/img/***…***.png$` with `tdm-reservation: 0`
// read as `/img/***…` and matched every image under /img/, shadowing the reservation after it.
// A location longer than the cap was not read in full: the file is unreadable (DESIGN.md §2 rule 5).
describe('tdmrep.json locations not read in full', () => {
  const OWL = 'https://img.test/img/owl.jpg';
  const long = `/img/${'*'.repeat(2100)}.png$`;
  const rules = [{ location: long, 'tdm-reservation': 0 }, { location: '/img/', 'tdm-reservation': 1 }];
  const error = 'rule 1 has a location longer than 2048 characters';

  it('the file is unreadable', () => {
    expect(parseTdmrepJson(JSON.stringify(rules))).toEqual({ ok: false, error });
  });

  it('and fails closed for the image it would have shadowed', () => {
    expect(resolveTdmReservation(input({ wellKnown: ok(rules), imageUrl: OWL }), AI)).toEqual([
      { kind: 'tdmrep', scope: 'site', source: WK, value: `unreadable: ${error}`, effect: 'deny', reason: 'signal-unreadable', note: unreadable('tdmrep.json') },
    ]);
  });

  it('a location of 2,048 characters reads as before', () => {
    const fits = `/img/${'*'.repeat(2038)}.png$`;
    expect(fits.length).toBe(2048);
    const within = [{ location: fits, 'tdm-reservation': 0 }, { location: '/img/', 'tdm-reservation': 1 }];
    expect(resolveTdmReservation(input({ wellKnown: ok(within), imageUrl: OWL }), AI).map((e) => e.reason ?? e.effect)).toEqual(['tdm-reserved']);
    expect(resolveTdmReservation(input({ wellKnown: ok(within), imageUrl: 'https://img.test/img/owl.png' }), AI).map((e) => e.reason ?? e.effect)).toEqual(['allow']);
  });
});

// A location written with a fragment (`/gallery/a.jpg#top`, a URL copied from a browser) never
// matched: a browser never sends the fragment, so no image URL has one, and the file's later
// `"/": 0` kept the image it reserved. A reserving rule now also covers its location without
// the fragment; a rule that does not reserve does not (it could only lift a reservation).
describe('tdmrep.json locations written with a fragment', () => {
  const file = (first: number, then: number) => ok([{ location: '/gallery/a.jpg#top', 'tdm-reservation': first }, { location: '/', 'tdm-reservation': then }]);
  it('a reserving rule covers the image its location names', () => {
    const out = resolveTdmReservation(input({ wellKnown: file(1, 0), imageUrl: 'https://img.test/gallery/a.jpg' }), AI);
    expect(out.map((e) => [e.effect, e.reason])).toEqual([['deny', 'tdm-reserved']]);
    expect(out[0]!.value).toContain('rule 1');
  });
  it('a rule that does not reserve never lifts a later reservation so', () => {
    const out = resolveTdmReservation(input({ wellKnown: file(0, 1), imageUrl: 'https://img.test/gallery/a.jpg' }), AI);
    expect(out.map((e) => [e.effect, e.reason])).toEqual([['deny', 'tdm-reserved']]);
  });
  it('other images are not covered by it', () => {
    const out = resolveTdmReservation(input({ wellKnown: file(1, 0), imageUrl: 'https://img.test/gallery/b.jpg' }), AI);
    expect(out.map((e) => e.effect)).toEqual(['allow']);
  });
});

// A TDMRep meta whose name was written with a soft hyphen, a Unicode dash, full-width letters, a
// dot or no separator at all was not read: the page's reservation was lost.
describe('TDMRep meta names written with look-alike characters', () => {
  it.each(['tdm\u00adreservation', 'tdm\u2010reservation', 'ｔｄｍ-ｒｅｓｅｒｖａｔｉｏｎ', 'tdm.reservation', 'tdmreservation', 'tdm\u200b-reservation'])('%s reserves', (name) => {
    expect(tdmMetaFrom([{ name, content: '1' }]).reservation).toBe('1');
  });
  it('one so written beside a plain one that says otherwise is unreadable', () => {
    expect(tdmMetaFrom([{ name: 'tdm-reservation', content: '0' }, { name: 'tdm\u2010reservation', content: '1' }]).reservation).toBe('0, 1');
  });
  it('names that only start alike are not read', () => {
    expect(tdmMetaFrom([{ name: 'tdm-reservations-note', content: '1' }, { name: 'xtdm-reservation', content: '1' }])).toEqual({});
  });
});

// A `tdm-policy` given with no `tdm-reservation` anywhere (the image's header, or the page's header
// or meta, alone): the owner points at the terms on which text and data mining is licensed but
// states no value. Before, the declaration was skipped (read as no TDMRep at all) and the image
// was kept in opt-out mode, while a tdmrep.json rule written so was already unreadable.
describe('a TDM policy with no reservation stated anywhere', () => {
  const reasons = (over: Partial<TdmInput>) => resolveTdmReservation(input(over), AI).filter((e) => e.effect === 'deny').map((e) => e.reason);
  it('the image’s header giving only tdm-policy fails closed (signal-unreadable)', () => {
    expect(reasons({ imageHeaders: { policy: 'https://img.test/tdm-policy.json' } })).toEqual(['signal-unreadable']);
  });
  it('the page’s header or meta giving only tdm-policy fails closed when it applies', () => {
    expect(reasons({ pageFallback: { policy: 'https://www.img.test/tdm-policy.json', source: PAGE } })).toEqual(['signal-unreadable']);
  });
  it('unchanged: a reservation of 0 from the file stands beside a header giving only tdm-policy (a policy with 0 is not processed)', () => {
    const out = resolveTdmReservation(input({ wellKnown: ok([{ location: '/', 'tdm-reservation': 0 }]), imageHeaders: { policy: 'https://img.test/p.json' } }), AI);
    expect(out.map((e) => e.effect)).toEqual(['allow']);
  });
  it('unchanged: a reservation of 1 from the file still reserves', () => {
    expect(reasons({ wellKnown: ok([{ location: '/', 'tdm-reservation': 1 }]), imageHeaders: { policy: 'https://img.test/p.json' } })).toEqual(['tdm-reserved']);
  });
});
