import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readC2pa } from '../../../utils/media/c2pa-store';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateC2pa } from '../../../utils/signals/c2pa';
import { encode } from 'cbor2';
import {
  app11Segments, ascii, box, cborAssertion, concat, gif, isoBmff, jpeg, jpegSegment, manifestStore, png, pngChunk, riffChunk, superbox, webp,
} from '../media/image-fixtures';

const AI = purposeProfile('ai-training');
const TDM = purposeProfile('research-tdm');

const CAWG = cborAssertion('cawg.training-mining', {
  entries: {
    'cawg.ai_generative_training': { use: 'notAllowed' },
    'cawg.ai_training': { use: 'constrained', constraints_info: 'https://ex.test/ai-terms' },
    'cawg.ai_inference': { use: 'allowed' },
  },
});
const jpegWith = (store: Uint8Array, maxPayload?: number) => jpeg({ segments: app11Segments(store, maxPayload) });
/** The manifest superboxes of manifestStore(assertions), to build a store around them. */
const manifestStoreManifests = (assertions: Uint8Array[]): Uint8Array[] => {
  const store = manifestStore(assertions);
  const jumdEnd = 8 + new DataView(store.buffer, store.byteOffset).getUint32(8); // after the store's own jumd
  return [store.subarray(jumdEnd)];
};

describe('readC2pa', () => {
  it('reads the active manifest of a JPEG APP11 store', () => {
    const r = readC2pa(jpegWith(manifestStore([CAWG])));
    expect(r).toEqual({
      present: true, readable: true, unreadableAssertions: [],
      assertions: [{
        label: 'cawg.training-mining',
        active: true,
        entries: new Map([
          ['cawg.ai_generative_training', { use: 'notAllowed', constraintInfo: null }],
          ['cawg.ai_training', { use: 'constrained', constraintInfo: 'https://ex.test/ai-terms' }],
          ['cawg.ai_inference', { use: 'allowed', constraintInfo: null }],
        ]),
      }],
    });
  });

  it('reassembles a store split over many APP11 segments', () => {
    const filler = superbox('cbor', 'c2pa.thumbnail.claim.jpeg', box('bidb', new Uint8Array(3000).fill(7)));
    const jpg = jpegWith(manifestStore([filler, CAWG]), 200);
    expect(jpg.filter((_, i) => jpg[i - 1] === 0xff && jpg[i] === 0xeb).length).toBeGreaterThan(15);
    expect(readC2pa(jpg)).toMatchObject({ present: true, readable: true, assertions: [{ label: 'cawg.training-mining' }] });
  });

  it.each<[string, Uint8Array]>([
    ['PNG caBX', png({ chunks: [pngChunk('caBX', manifestStore([CAWG]))] })],
    ['WebP C2PA', webp({ chunks: [riffChunk('C2PA', manifestStore([CAWG]))] })],
    ['AVIF uuid box', isoBmff('avif', manifestStore([CAWG]), ['mif1', 'miaf'])],
    ['HEIC uuid box', isoBmff('heic', manifestStore([CAWG]))],
  ])('finds the store in %s', (_name, bytes) => {
    expect(readC2pa(bytes)).toMatchObject({ present: true, readable: true, assertions: [{ label: 'cawg.training-mining' }] });
  });

  it('reads the C2PA 1.x label with instance suffix, top-level entries and constraint_info', () => {
    const a = cborAssertion('c2pa.training-mining__1', { 'c2pa.ai_training': { use: 'constrained', constraint_info: 'see terms' } });
    expect(readC2pa(jpegWith(manifestStore([a])))).toMatchObject({
      readable: true, assertions: [{ label: 'c2pa.training-mining', entries: new Map([['c2pa.ai_training', { use: 'constrained', constraintInfo: 'see terms' }]]) }],
    });
  });

  it('reads a JSON content box', () => {
    const a = superbox('json', 'cawg.training-mining', box('json', ascii(JSON.stringify({ entries: { 'cawg.data_mining': { use: 'notAllowed' } } }))));
    expect(readC2pa(jpegWith(manifestStore([a])))).toMatchObject({ assertions: [{ entries: new Map([['cawg.data_mining', { use: 'notAllowed', constraintInfo: null }]]) }] });
  });

  it('reads every manifest of the store, the last one as active', () => {
    const store = manifestStore([], [[CAWG]]);
    expect(readC2pa(jpegWith(store))).toMatchObject({ present: true, readable: true, unreadableAssertions: [], assertions: [{ label: 'cawg.training-mining', active: false }] });
  });

  it('a Brotli-compressed (brob) manifest or assertion is unread, never skipped', () => {
    const compressed = box('brob', concat(ascii('jumb'), Uint8Array.from([0x1b, 0x03, 0x00, 0xf8, 0x25])));
    const allowed = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'allowed' } } });
    // The compressed manifest comes last: it is the active one, not the readable one before it.
    const store = superbox('c2pa', 'c2pa', ...manifestStoreManifests([allowed]), compressed);
    expect(readC2pa(jpegWith(store))).toMatchObject({ readable: true, unreadableAssertions: [expect.stringContaining('Brotli-compressed active manifest')] });
    const brobAssertion = superbox('cbor', 'cawg.training-mining', compressed);
    expect(readC2pa(jpegWith(manifestStore([brobAssertion])))).toMatchObject({ unreadableAssertions: ['cawg.training-mining: Brotli-compressed (brob; Heed has no Brotli decoder)'] });
  });

  it('keeps hostile keys out of object prototypes', () => {
    const a = cborAssertion('cawg.training-mining', new Map<string, unknown>([['entries', new Map([['__proto__', { use: 'notAllowed' }]])]]));
    const r = readC2pa(jpegWith(manifestStore([a])));
    expect(({} as Record<string, unknown>).use).toBeUndefined();
    expect(r).toMatchObject({ assertions: [{ entries: new Map([['__proto__', { use: 'notAllowed', constraintInfo: null }]]) }] });
  });

  it('no C2PA → not present', () => {
    expect(readC2pa(jpeg())).toEqual({ present: false });
    expect(readC2pa(png())).toEqual({ present: false });
    expect(readC2pa(new Uint8Array())).toEqual({ present: false });
    expect(readC2pa(Uint8Array.from([0xff]))).toEqual({ present: false });
  });

  it('never throws on any truncation of a C2PA JPEG', () => {
    const full = jpegWith(manifestStore([CAWG]), 120);
    for (let n = 0; n <= full.length; n++) {
      expect(() => readC2pa(full.subarray(0, n))).not.toThrow();
      expect(() => evaluateC2pa(full.subarray(0, n), AI)).not.toThrow();
    }
  });
});

describe('evaluateC2pa', () => {
  it('property: mutated stores never throw, and every deny carries a reason', () => {
    const seeds = [jpegWith(manifestStore([CAWG]), 90), png({ chunks: [pngChunk('caBX', manifestStore([CAWG]))] }), isoBmff('avif', manifestStore([CAWG]))];
    fc.assert(fc.property(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }), (seed, mutations) => {
      const b = new Uint8Array(seed);
      for (const [at, v] of mutations) b[at % b.length] = v;
      for (const e of evaluateC2pa(b, AI)) expect(e.effect !== 'deny' || e.reason !== undefined).toBe(true);
    }), { numRuns: 150 });
  });

  it('notAllowed and constrained for a key of the purpose → deny c2pa-not-allowed; other keys → info', () => {
    const ev = evaluateC2pa(jpegWith(manifestStore([CAWG])), AI);
    expect(ev).toEqual([
      expect.objectContaining({ kind: 'c2pa', scope: 'image', source: 'c2pa', effect: 'deny', reason: 'c2pa-not-allowed', value: 'cawg.training-mining cawg.ai_generative_training=notAllowed — unverified claim (signature not validated)' }),
      expect.objectContaining({ effect: 'deny', reason: 'c2pa-not-allowed', value: expect.stringContaining('cawg.ai_training=constrained'), note: expect.stringContaining('https://ex.test/ai-terms') }),
      expect.objectContaining({ effect: 'info', value: expect.stringContaining('cawg.ai_inference=allowed') }),
    ]);
    for (const e of ev) expect(e.value).toContain('unverified claim (signature not validated)');
  });

  it('research-tdm is bound only by data_mining keys', () => {
    expect(evaluateC2pa(jpegWith(manifestStore([CAWG])), TDM).some((e) => e.effect === 'deny')).toBe(false);
    const dm = cborAssertion('cawg.training-mining', { entries: { 'cawg.data_mining': { use: 'notAllowed' } } });
    expect(evaluateC2pa(jpegWith(manifestStore([dm])), TDM)).toEqual([expect.objectContaining({ reason: 'c2pa-not-allowed' })]);
  });

  it('allowed → allow', () => {
    const a = cborAssertion('c2pa.training-mining', { entries: { 'c2pa.ai_training': { use: 'allowed' } } });
    expect(evaluateC2pa(jpegWith(manifestStore([a])), AI)).toEqual([expect.objectContaining({ effect: 'allow', value: expect.stringContaining('c2pa.ai_training=allowed') })]);
  });

  it('an unknown use value fails closed', () => {
    const a = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'maybe' } } });
    expect(evaluateC2pa(jpegWith(manifestStore([a])), AI)).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
  });

  it('no C2PA → no evidence; a manifest without the assertion → one info', () => {
    expect(evaluateC2pa(jpeg(), AI)).toEqual([]);
    const other = cborAssertion('c2pa.actions', { actions: [{ action: 'c2pa.created' }] });
    expect(evaluateC2pa(jpegWith(manifestStore([other])), AI)).toEqual([expect.objectContaining({ effect: 'info', value: expect.stringContaining('no training-mining assertion') })]);
  });

  it('a training-mining assertion whose CBOR is broken → deny signal-unreadable', () => {
    const broken = superbox('cbor', 'cawg.training-mining', box('cbor', Uint8Array.from([0xbf, 0x61])));
    expect(evaluateC2pa(jpegWith(manifestStore([broken])), AI)).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
    const deep = superbox('cbor', 'cawg.training-mining', box('cbor', concat(new Array(100).fill(0x81), [0])));
    expect(evaluateC2pa(jpegWith(manifestStore([deep])), AI)).toEqual([expect.objectContaining({ reason: 'signal-unreadable' })]);
  });

  it('a broken store fails closed only when it names a training-mining assertion', () => {
    // Several segment sizes, so the label also falls across segment boundaries.
    for (const size of [41, 57, 64, 77, 90, 120]) {
      const withTm = app11Segments(manifestStore([CAWG]), size);
      const lastMissing = jpeg({ segments: withTm.slice(0, -1) });
      expect(evaluateC2pa(lastMissing, AI)).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
    }
    const withTm = app11Segments(manifestStore([CAWG]), 120);
    const outOfOrder = jpeg({ segments: [withTm[0]!, withTm[2]!, withTm[1]!, ...withTm.slice(3)] });
    expect(evaluateC2pa(outOfOrder, AI)).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
    const provenanceOnly = app11Segments(manifestStore([cborAssertion('c2pa.actions', { actions: [] })]), 120);
    const missing = jpeg({ segments: provenanceOnly.slice(0, -1) });
    expect(evaluateC2pa(missing, AI)).toEqual([expect.objectContaining({ effect: 'info', value: expect.stringContaining('c2pa present, unread') })]);
  });

  it("an ingredient manifest's refusal denies; its permission is only info", () => {
    const ev = evaluateC2pa(jpegWith(manifestStore([], [[CAWG]])), AI);
    expect(ev).toEqual([
      expect.objectContaining({ effect: 'deny', reason: 'c2pa-not-allowed', value: expect.stringContaining('(ingredient manifest) cawg.ai_generative_training=notAllowed'), note: expect.stringContaining('ingredient') }),
      expect.objectContaining({ effect: 'deny', reason: 'c2pa-not-allowed', value: expect.stringContaining('cawg.ai_training=constrained') }),
      expect.objectContaining({ effect: 'info', value: expect.stringContaining('cawg.ai_inference=allowed') }),
    ]);
    const allowed = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'allowed' } } });
    expect(evaluateC2pa(jpegWith(manifestStore([], [[allowed]])), AI)).toEqual([expect.objectContaining({ effect: 'info', value: expect.stringContaining('(ingredient manifest) cawg.ai_training=allowed') })]);
  });

  it('a compressed active manifest fails closed even when an older manifest allows', () => {
    const allowed = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'allowed' } } });
    const compressed = box('brob', concat(ascii('jumb'), Uint8Array.from([0x1b, 0x03, 0x00, 0xf8, 0x25])));
    const store = superbox('c2pa', 'c2pa', ...manifestStoreManifests([allowed]), compressed);
    const ev = evaluateC2pa(jpegWith(store), AI);
    expect(ev).toContainEqual(expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable', value: expect.stringContaining('Brotli-compressed active manifest') }));
    expect(ev.some((e) => e.effect === 'allow')).toBe(false);
  });

  it('two manifest stores → unread (C2PA: more than one store is invalid)', () => {
    const twice = png({ chunks: [pngChunk('caBX', manifestStore([])), pngChunk('caBX', manifestStore([]))] });
    expect(evaluateC2pa(twice, AI)).toEqual([expect.objectContaining({ effect: 'info', value: expect.stringContaining('more than one manifest store') })]);
  });
});

describe('C2PA/CAWG training-mining written a little off', () => {
  const denies = (label: string, content: unknown, profile = AI) =>
    evaluateC2pa(jpegWith(manifestStore([cborAssertion(label, content)])), profile).filter((e) => e.effect === 'deny').map((e) => e.reason);
  const notAllowed = { entries: { 'cawg.ai_training': { use: 'notAllowed' } } };
  it.each(['CAWG.Training-Mining', 'cawg.training_mining', 'cawg.training-mining.v2', 'c2pa.training-mining.v1', 'cawg.training.mining'])('label %s is read', (label) => {
    expect(denies(label, notAllowed)).toContain('c2pa-not-allowed');
  });
  it.each(['CAWG.AI_Training', 'cawg.ai-training', 'ai_training', ' cawg.ai_generative_training ', 'c2pa.ai-generative-training', 'cawg:ai_training'])('entry key %j binds AI training', (key) => {
    expect(denies('cawg.training-mining', { entries: { [key]: { use: 'notAllowed' } } })).toEqual(['c2pa-not-allowed']);
  });
  it.each(['not_allowed', 'not-allowed', 'Not Allowed', 'NOTALLOWED', 'notAllowed.'])('use %j is notAllowed', (use) => {
    expect(denies('cawg.training-mining', { entries: { 'cawg.ai_training': { use } } })).toEqual(['c2pa-not-allowed']);
  });
  it('a data-mining key spelt with a hyphen binds research-tdm', () => {
    expect(denies('cawg.training-mining', { entries: { 'cawg.data-mining': { use: 'notAllowed' } } }, TDM)).toEqual(['c2pa-not-allowed']);
  });
  it.each<[string, unknown]>([
    ['a use that is not text', { entries: { 'cawg.ai_training': { use: false } } }],
    ['an entry without use', { entries: { 'cawg.ai_training': {} } }],
    ['an entry that is a bare word', { entries: { 'cawg.ai_training': 'notAllowed' } }],
    ['Use with a capital', { entries: { 'cawg.ai_training': { Use: 'notAllowed' } } }],
    ['Entries with a capital', { Entries: { 'cawg.ai_training': { use: 'notAllowed' } } }],
    ['a key Heed does not know, not allowed', { entries: { 'cawg.ml_training': { use: 'notAllowed' } } }],
  ])('%s refuses', (_, content) => {
    expect(denies('cawg.training-mining', content).length).toBeGreaterThan(0);
  });
  it('ai_inference stays outside training, and an unknown key that allows stays info', () => {
    expect(denies('cawg.training-mining', { entries: { 'cawg.ai_inference': { use: 'notAllowed' }, 'cawg.ml_other': { use: 'allowed' } } })).toEqual([]);
  });
});

describe('a broken store or assertion whose label is spelt a little off', () => {
  it.each(['CAWG.Training-Mining', 'cawg.training_mining', 'c2pa.training-mining.v2'])('%s: a broken assertion under it fails closed', (label) => {
    const broken = superbox('cbor', label, box('cbor', Uint8Array.from([0xbf, 0x61])));
    expect(evaluateC2pa(jpegWith(manifestStore([broken])), AI)).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
  });
  it('a broken store naming CAWG.Training_Mining fails closed', () => {
    const tm = cborAssertion('CAWG.Training_Mining', { entries: { 'cawg.ai_training': { use: 'notAllowed' } } });
    const segments = app11Segments(manifestStore([tm]), 64);
    expect(evaluateC2pa(jpeg({ segments: segments.slice(0, -1) }), AI)).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
  });
});

// A map that names one entry (or one field) twice: CBOR and JSON readers keep the last, so
// `notAllowed` then `allowed` read as allowed and the image was kept. Which the writer meant
// cannot be known: the assertion is unreadable (DESIGN.md §2 rule 5; fail closed).
describe('a training-mining assertion that states an entry twice', () => {
  const key = 'cawg.ai_training';
  const reasons = (bytes: Uint8Array) => evaluateC2pa(jpegWith(manifestStore([bytes])), AI).map((e) => e.reason ?? e.effect);
  const cborOf = (...parts: (Uint8Array | number[])[]) => superbox('cbor', 'cawg.training-mining', box('cbor', concat(...parts)));

  it('CBOR: the same entry key twice', () => {
    const store = cborOf([0xa1], encode('entries'), [0xa2], encode(key), encode({ use: 'notAllowed' }), encode(key), encode({ use: 'allowed' }));
    expect(reasons(store)).toEqual(['signal-unreadable']);
  });

  it('CBOR: `use` twice in one entry', () => {
    const store = cborOf([0xa1], encode('entries'), [0xa1], encode(key), [0xa2], encode('use'), encode('notAllowed'), encode('use'), encode('allowed'));
    expect(reasons(store)).toEqual(['signal-unreadable']);
  });

  it('JSON: the same entry key twice, however it is escaped', () => {
    for (const text of [
      `{"entries":{"${key}":{"use":"notAllowed"},"${key}":{"use":"allowed"}}}`,
      `{"entries":{"${key}":{"use":"notAllowed"},"cawg.ai\\u005ftraining":{"use":"allowed"}}}`,
      `{"entries":{"${key}":{"use":"notAllowed","use":"allowed"}}}`,
    ]) {
      expect(reasons(superbox('json', 'cawg.training-mining', box('json', ascii(text))))).toEqual(['signal-unreadable']);
    }
  });

  it('a field given twice in different case (`use` and `Use`, `entries` and `Entries`)', () => {
    for (const text of [
      `{"entries":{"${key}":{"use":"allowed","Use":"notAllowed"}}}`,
      `{"entries":{"${key}":{"use":"allowed"}},"Entries":{"${key}":{"use":"notAllowed"}}}`,
    ]) {
      expect(reasons(superbox('json', 'cawg.training-mining', box('json', ascii(text))))).toEqual(['signal-unreadable']);
    }
  });

  it('the same key in different maps is no duplicate', () => {
    const text = `{"entries":{"${key}":{"use":"allowed"},"cawg.data_mining":{"use":"allowed"}},"metadata":{"use":"x"}}`;
    expect(reasons(superbox('json', 'cawg.training-mining', box('json', ascii(text))))).toEqual(['allow', 'allow']);
  });
});

// Entries past a cap of 64 per assertion were dropped unread: a hostile assertion that puts its
// `notAllowed` 65th was read as the 64 entries before it. Past the cap the assertion is unreadable
// (DESIGN.md §2 rule 5; fail closed); an assertion within the cap reads as before.
describe('a training-mining assertion with more entries than Heed reads', () => {
  const filler = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`cawg.x_${i}`, { use: 'allowed' }]));
  const evidence = (entries: Record<string, unknown>) => evaluateC2pa(jpegWith(manifestStore([cborAssertion('cawg.training-mining', { entries })])), AI);

  it('a notAllowed as the 65th entry → deny signal-unreadable, never a permit', () => {
    const ev = evidence({ ...filler(63), 'cawg.ai_training': { use: 'allowed' }, 'cawg.ai_generative_training': { use: 'notAllowed' } });
    expect(ev).toContainEqual(expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable', value: expect.stringContaining('more than 64 entries') }));
    expect(ev.some((e) => e.effect === 'allow')).toBe(false);
  });

  it('in an ingredient manifest too', () => {
    const a = cborAssertion('cawg.training-mining', { entries: { ...filler(64), 'cawg.ai_training': { use: 'notAllowed' } } });
    expect(evaluateC2pa(jpegWith(manifestStore([], [[a]])), AI)).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
  });

  it('64 entries (metadata aside) are all read', () => {
    const ev = evidence({ ...filler(63), 'cawg.ai_training': { use: 'allowed' } });
    expect(ev.filter((e) => e.effect === 'deny')).toEqual([]);
    expect(ev).toHaveLength(64);
  });
});

// CBOR map keys that are not text (an integer, a byte string) were skipped: an entry, its `use`
// or the `entries` field written under such a key went unseen, and the entries beside it were
// read as if they were all (an `allowed` beside a hidden refusal permitted). An entry Heed cannot
// read makes the assertion unreadable (DESIGN.md §2 rule 5; fail closed), as past the cap.
describe('a training-mining assertion with a key or entries Heed cannot read', () => {
  const evidence = (content: unknown) => evaluateC2pa(jpegWith(manifestStore([cborAssertion('cawg.training-mining', content)])), AI);
  const allowed = ['cawg.ai_training', { use: 'allowed' }] as const;
  const bytes = (s: string) => new TextEncoder().encode(s);

  it.each<[string, unknown]>([
    ['an entry under an integer key', { entries: new Map<unknown, unknown>([allowed, [1, { use: 'notAllowed' }]]) }],
    ['an entry under a byte-string key', { entries: new Map<unknown, unknown>([allowed, [bytes('cawg.ai_generative_training'), { use: 'notAllowed' }]]) }],
    ['`use` under a byte-string key beside a text `allowed`', { entries: { 'cawg.ai_training': new Map<unknown, unknown>([['use', 'allowed'], [bytes('use'), 'notAllowed']]) } }],
    ['top-level entries (early drafts) with an integer key', new Map<unknown, unknown>([allowed, [2, { use: 'notAllowed' }]])],
    ['`entries` under a byte-string key', new Map<unknown, unknown>([[bytes('entries'), { 'cawg.ai_training': { use: 'notAllowed' } }]])],
    ['a field beside `entries` under an integer key', new Map<unknown, unknown>([['entries', Object.fromEntries([allowed])], [0, 'notAllowed']])],
    ['`entries` that is not a map', { entries: 'notAllowed' }],
    ['`entries` that is a list', { entries: [{ use: 'allowed' }] }],
  ])('%s → deny signal-unreadable, never a permit', (_, content) => {
    const ev = evidence(content);
    expect(ev).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable', value: expect.stringContaining('cawg.training-mining') })]);
  });

  it.each<[string, unknown]>([
    ['a number', 0],
    ['bytes', bytes('notAllowed')],
    ['a list', ['allowed', 'notAllowed']],
    ['a map', { value: 'allowed' }],
  ])('a `use` that is %s → deny signal-unreadable, never a permit', (_, use) => {
    const ev = evidence({ entries: { 'cawg.ai_training': { use } } });
    expect(ev).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
  });

  it('in an ingredient manifest too', () => {
    const a = cborAssertion('cawg.training-mining', { entries: new Map<unknown, unknown>([allowed, [1, { use: 'notAllowed' }]]) });
    expect(evaluateC2pa(jpegWith(manifestStore([], [[a]])), AI)).toEqual([expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' })]);
  });

  it('all text keys read as before, and a `metadata` field is not walked', () => {
    const content = new Map<unknown, unknown>([['entries', new Map<unknown, unknown>([allowed, ['cawg.ai_inference', { use: 'notAllowed' }]])], ['metadata', new Map<unknown, unknown>([[1, 'x']])]]);
    expect(evidence(content).map((e) => e.reason ?? e.effect)).toEqual(['allow', 'info']);
  });
});

// C2PA 2.1 §A.3: GIF `C2PA_GIF` application extension (sub-blocks), TIFF tag 52545 (0xCD41) in
// IFD0, SVG `<c2pa:manifest>` holding the store in base64. Each once gave no evidence at all.
describe('a C2PA store in a GIF, TIFF or SVG', () => {
  const NOT_ALLOWED = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'notAllowed' } } });
  const STORE = manifestStore([NOT_ALLOWED]);
  const subBlocks = (data: Uint8Array, size = 255): Uint8Array => {
    const out: (Uint8Array | number[])[] = [];
    for (let at = 0; at < data.length; at += size) {
      const piece = data.subarray(at, at + size);
      out.push([piece.length], piece);
    }
    return concat(...out, [0]);
  };
  const gifWith = (store: Uint8Array, size?: number) => gif(2, 2, concat([0x21, 0xff, 0x0b], ascii('C2PA_GIF'), [1, 0, 0], subBlocks(store, size)));
  const tiffWith = (store: Uint8Array, count = store.length, tag = 0xcd41) => {
    const le = (n: number, bytes: number) => Array.from({ length: bytes }, (_, i) => (n >>> (8 * i)) & 0xff);
    // Header (8), IFD0: one entry (2 + 12), next-IFD offset (4) → the store at 26.
    return concat(ascii('II*\0'), le(8, 4), le(1, 2), le(tag, 2), le(7, 2), le(count, 4), le(26, 4), le(0, 4), store);
  };
  const svgWith = (inner: string) =>
    ascii(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:c2pa="http://c2pa.org/manifest" width="2" height="2"><metadata>${inner}</metadata></svg>`);
  const base64 = (b: Uint8Array) => Buffer.from(b).toString('base64').replace(/(.{76})/g, '$1\n');
  const reasons = (bytes: Uint8Array) => evaluateC2pa(bytes, AI).flatMap((e) => (e.effect === 'deny' ? [e.reason] : []));

  it.each<[string, Uint8Array]>([
    ['GIF C2PA_GIF application extension', gifWith(STORE)],
    ['GIF, label split across sub-blocks', gifWith(STORE, 7)],
    ['TIFF tag 0xCD41', tiffWith(STORE)],
    ['SVG <c2pa:manifest> (base64)', svgWith(`<c2pa:manifest>${base64(STORE)}</c2pa:manifest>`)],
  ])('%s: read, and notAllowed denies', (_name, bytes) => {
    expect(readC2pa(bytes)).toMatchObject({ present: true, readable: true, assertions: [{ label: 'cawg.training-mining' }] });
    expect(reasons(bytes)).toEqual(['c2pa-not-allowed']);
  });

  it('a store found but not extractable fails closed when its bytes name the assertion', () => {
    // TIFF tag pointing past the end; GIF extension cut short (no terminator); SVG base64 broken.
    expect(reasons(tiffWith(STORE, STORE.length + 999))).toEqual(['signal-unreadable']);
    const cut = gifWith(STORE);
    expect(reasons(cut.subarray(0, cut.length - 3))).toEqual(['signal-unreadable']);
    expect(reasons(svgWith(`<c2pa:manifest>${base64(STORE)}!!</c2pa:manifest>`))).toEqual(['signal-unreadable']);
    expect(reasons(svgWith(`<c2pa:manifest>${base64(STORE)}`))).toEqual(['signal-unreadable']);
  });

  it('an unlocated store in any other format still fails closed (byte search)', () => {
    // A store the locator does not find (e.g. a GIF extension under another identifier): its
    // JUMBF description ("jumd" + "c2pa") is still in the bytes.
    const odd = gif(2, 2, concat([0x21, 0xff, 0x0b], ascii('C2PA_XYZ'), [1, 0, 0], subBlocks(STORE)));
    expect(readC2pa(odd)).toMatchObject({ present: true, readable: false, mentionsTrainingMining: true });
    expect(reasons(odd)).toEqual(['signal-unreadable']);
  });

  it('benign: a GIF, TIFF or SVG with no C2PA has no evidence; JPEG/PNG stores read as before', () => {
    expect(readC2pa(gif(2, 2))).toEqual({ present: false });
    expect(readC2pa(tiffWith(ascii('Jane Doe'), 8, 0x013b))).toEqual({ present: false }); // Artist tag only
    expect(readC2pa(svgWith('<title>plain</title>'))).toEqual({ present: false });
    expect(evaluateC2pa(gif(2, 2), AI)).toEqual([]);
    expect(evaluateC2pa(svgWith(''), AI)).toEqual([]);
    expect(reasons(jpegWith(STORE))).toEqual(['c2pa-not-allowed']);
    expect(reasons(png({ chunks: [pngChunk('caBX', STORE)] }))).toEqual(['c2pa-not-allowed']);
  });

  it('never throws on any truncation of a C2PA GIF, TIFF or SVG', () => {
    for (const full of [gifWith(STORE, 40), tiffWith(STORE), svgWith(`<c2pa:manifest>${base64(STORE)}</c2pa:manifest>`)]) {
      for (let n = 0; n <= full.length; n += 3) expect(() => evaluateC2pa(full.subarray(0, n), AI)).not.toThrow();
    }
  });
});

describe('plus:DataMining in a C2PA metadata assertion (c2pa.metadata, cawg.metadata, stds.iptc)', () => {
  const CONTEXT = { '@context': { plus: 'http://ns.useplus.org/ldf/xmp/1.0/', dc: 'http://purl.org/dc/elements/1.1/' } };
  const jsonAssertion = (label: string, content: unknown) => superbox('json', label, box('json', ascii(JSON.stringify(content))));
  const denies = (bytes: Uint8Array, profile = AI) => evaluateC2pa(bytes, profile).filter((e) => e.effect === 'deny').map((e) => e.reason);

  it.each<[string, Uint8Array]>([
    ['c2pa.metadata (JSON-LD), full vocabulary URI', jsonAssertion('c2pa.metadata', { ...CONTEXT, 'plus:DataMining': 'http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED' })],
    ['cawg.metadata, another prefix, an @id node', jsonAssertion('cawg.metadata', { '@context': { p: 'http://ns.useplus.org/ldf/xmp/1.0/' }, 'p:DataMining': { '@id': 'http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING' } })],
    ['stds.iptc (C2PA ≤ 1.3), full IRI key, in a list beside DMI-ALLOWED', jsonAssertion('stds.iptc', { 'http://ns.useplus.org/ldf/xmp/1.0/DataMining': ['DMI-ALLOWED', 'DMI-PROHIBITED-GENAIMLTRAINING'] })],
    ['c2pa.metadata in CBOR, with an instance suffix', cborAssertion('c2pa.metadata__1', { 'plus:DataMining': 'DMI-PROHIBITED' })],
  ])('%s → xmp-data-mining', (_, assertion) => {
    expect(denies(jpegWith(manifestStore([assertion])))).toEqual(['xmp-data-mining']);
  });

  it('each purpose reads the ID as the XMP does: a training-only prohibition does not bind research-tdm', () => {
    const bytes = jpegWith(manifestStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'plus:DataMining': 'DMI-PROHIBITED-AIMLTRAINING' })]));
    expect(denies(bytes, AI)).toEqual(['xmp-data-mining']);
    expect(denies(bytes, TDM)).toEqual([]);
  });

  it('a metadata assertion naming DataMining that cannot be decoded, or one Brotli-compressed, is unreadable', () => {
    const broken = superbox('json', 'c2pa.metadata', box('json', ascii('{"plus:DataMining": "DMI-PROHIBITED"')));
    expect(denies(jpegWith(manifestStore([broken])))).toEqual(['signal-unreadable']);
    const compressed = superbox('json', 'cawg.metadata', box('brob', concat(ascii('json'), Uint8Array.from([0x1b, 0x03, 0x00, 0xf8, 0x25]))));
    expect(denies(jpegWith(manifestStore([compressed])))).toEqual(['signal-unreadable']);
  });

  it('unchanged: a metadata assertion without DataMining, or allowing it, refuses nothing', () => {
    expect(denies(jpegWith(manifestStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'dc:creator': ['Jane'] })])))).toEqual([]);
    expect(denies(jpegWith(manifestStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'plus:DataMining': 'DMI-ALLOWED' })])))).toEqual([]);
    expect(denies(jpegWith(manifestStore([jsonAssertion('c2pa.metadata', { ...CONTEXT, 'plus:DataMining': 'DMI-UNSPECIFIED' })])))).toEqual([]);
  });
});

describe('a C2PA store Heed cannot locate, beside the image’s own XMP DataMining', () => {
  it('the XMP’s DataMining is not taken for a metadata assertion in the store: info, not a refusal', () => {
    const xmp = jpegSegment(0xe1, concat(ascii('http://ns.adobe.com/xap/1.0/\0'), ascii('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" plus:DataMining="DMI-UNSPECIFIED"/></rdf:RDF></x:xmpmeta>')));
    const stray = jpegSegment(0xfe, ascii('jumdc2pa stray store bytes'));
    const evidence = evaluateC2pa(jpeg({ segments: [xmp, stray] }), AI);
    expect(evidence.map((e) => e.effect)).toEqual(['info']);
  });
});

// A C2PA metadata assertion carries the image's IPTC fields, its usage terms and copyright notice
// among them: a plain-language refusal there ("No AI training") was never read, as in the XMP
// before (xmp.test.ts › a plain-language refusal in the image’s own rights text).
describe('a plain-language refusal in a C2PA metadata assertion', () => {
  const jsonAssertion = (label: string, content: unknown) => superbox('json', label, box('json', ascii(JSON.stringify(content))));
  const denies = (bytes: Uint8Array, profile = AI) => evaluateC2pa(bytes, profile).filter((e) => e.effect === 'deny').map((e) => e.reason);

  it('xmpRights:UsageTerms or dc:rights refusing AI training refuses (bound by purpose)', () => {
    const terms = jpegWith(manifestStore([jsonAssertion('c2pa.metadata', { 'xmpRights:UsageTerms': { '@language': 'en', '@value': 'Not to be used for AI training' } })]));
    expect(denies(terms)).toEqual(['xmp-data-mining']);
    expect(denies(terms, TDM)).toEqual([]);
    const rights = jpegWith(manifestStore([cborAssertion('cawg.metadata', { 'dc:rights': ['© Ann. All rights reserved, including text and data mining.'] })]));
    expect(denies(rights, TDM)).toEqual(['xmp-data-mining']);
  });

  it('a refusal written in another language (Korean, Chinese) refuses too', () => {
    expect(denies(jpegWith(manifestStore([jsonAssertion('c2pa.metadata', { 'xmpRights:UsageTerms': { '@language': 'ko', '@value': 'AI 학습 금지' } })])))).toEqual(['xmp-data-mining']);
    expect(denies(jpegWith(manifestStore([cborAssertion('cawg.metadata', { 'dc:rights': ['© 李明 禁止用于AI训练'] })])))).toEqual(['xmp-data-mining']);
  });

  it('unchanged: an ordinary notice refuses nothing', () => {
    expect(denies(jpegWith(manifestStore([jsonAssertion('c2pa.metadata', { 'dc:rights': '© 2024 Jane Doe. All rights reserved.', 'xmpRights:UsageTerms': 'Editorial use only' })])))).toEqual([]);
  });
});

// A training-mining assertion with `entries` and, beside it, an entry written at the top level
// (as early drafts wrote all of them): only `entries` was read, so a notAllowed beside an allowed
// went unread and the image was kept. Every entry-shaped key is read.
describe('a training-mining entry written beside `entries`', () => {
  it('a notAllowed at the top level beside entries that allow refuses', () => {
    const a = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'allowed' } }, 'cawg.ai_generative_training': { use: 'notAllowed' } });
    expect(evaluateC2pa(jpegWith(manifestStore([a])), AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['c2pa-not-allowed']);
  });

  it('the same entry in entries and beside them says two things: unreadable, never the allowed one', () => {
    const a = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'notAllowed' } }, 'cawg.ai_training': { use: 'allowed' } });
    expect(evaluateC2pa(jpegWith(manifestStore([a])), AI).filter((e) => e.effect === 'deny').map((e) => e.reason)).toEqual(['signal-unreadable']);
  });

  it('unchanged: entries alone, and a metadata field beside them, read as before', () => {
    const a = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'allowed' } }, metadata: { dateTime: '2024-01-01' } });
    expect(evaluateC2pa(jpegWith(manifestStore([a])), AI).map((e) => e.effect)).toEqual(['allow']);
  });
});

// An entry that says `allowed` but points at constraints (`constraints_info`: a URL of terms, or
// text): CAWG gives constraints_info for a `constrained` use, and the owner who wrote it pointed
// at terms Heed does not read. Before, it was read as a plain `allowed` (effect allow).
describe('an allowed training-mining entry that points at constraints', () => {
  const entry = (key: string, e: Record<string, string>) => evaluateC2pa(jpegWith(manifestStore([cborAssertion('cawg.training-mining', { entries: { [key]: e } })])), AI);
  it('allowed with a constraints_info URL, for a key of the purpose, is read as constrained (c2pa-not-allowed)', () => {
    expect(entry('cawg.ai_training', { use: 'allowed', constraints_info: 'https://ex.test/ai-terms' })).toEqual([
      expect.objectContaining({ effect: 'deny', reason: 'c2pa-not-allowed', note: expect.stringContaining('https://ex.test/ai-terms') }),
    ]);
  });
  it('allowed with constraints, for an entry Heed does not know, fails closed (signal-unreadable)', () => {
    expect(entry('cawg.ai_fine_tuning', { use: 'allowed', constraints_info: 'https://ex.test/terms' })).toEqual([
      expect.objectContaining({ effect: 'deny', reason: 'signal-unreadable' }),
    ]);
  });
  it('unchanged: allowed without constraints allows, and blank constraints are none', () => {
    expect(entry('cawg.ai_training', { use: 'allowed' })).toEqual([expect.objectContaining({ effect: 'allow' })]);
    expect(entry('cawg.ai_training', { use: 'allowed', constraints_info: '  ' })).toEqual([expect.objectContaining({ effect: 'allow' })]);
  });
});
