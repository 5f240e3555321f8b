import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  NO_CREATOR,
  NO_LICENCE,
  UNRECOGNISED_LICENCE,
  createSiteResolver,
  dateBounds,
  facetsOf,
  filterKeys,
  needsFacets,
  parseFilter,
  tallyFacets,
  type LibraryFilter,
} from '../../../utils/ui/library-filter';
import type { ManifestItem } from '../../../utils/model/manifest';
import { makeItem } from './library-fixtures';

const siteOf = createSiteResolver();
const items = [
  makeItem(1),
  makeItem(2, { pageUrl: 'https://photos.example.co.uk/a', licence: null, synthetic: true }),
  makeItem(3, { pageUrl: 'http://museum.example/b', purpose: 'research-tdm', synthetic: false }),
  makeItem(4, { licence: { id: null, url: 'https://example.org/my-licence', source: 'element', attribution: null } }),
  makeItem(5, { licence: { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'xmp', attribution: null }, collectedAt: '2025-03-10T12:00:00.000Z' }),
];
const facets = items.map((i) => facetsOf(i, siteOf));
const keyOf = (n: number) => makeItem(n).sha256;
const f = (over: Partial<LibraryFilter>): LibraryFilter => ({ ...EMPTY_FILTER, ...over });

describe('facetsOf', () => {
  it('reads site, licence and synthetic facets', () => {
    expect(facets.map((x) => [x.site, x.licence, x.purpose, x.synthetic])).toEqual([
      ['museum.example', 'CC-BY-4.0', 'ai-training', null],
      ['example.co.uk', NO_LICENCE, 'ai-training', true],
      ['museum.example', 'CC-BY-4.0', 'research-tdm', false],
      ['museum.example', UNRECOGNISED_LICENCE, 'ai-training', null],
      ['museum.example', 'CC0-1.0', 'ai-training', null],
    ]);
  });

  it('never throws on malformed stored items', () => {
    const bad = { sha256: 7, pageUrl: 'not a url', collectedAt: 12, purpose: null, licence: 'x', synthetic: 'yes' } as unknown as ManifestItem;
    expect(facetsOf(bad, siteOf)).toEqual({ key: '7', collectedAt: '', site: '', licence: UNRECOGNISED_LICENCE, purpose: '', synthetic: null, creator: '', creatorKey: '', showsPeople: false });
    expect(facetsOf({} as ManifestItem, siteOf).site).toBe('');
  });
});

describe('filterKeys', () => {
  it.each<[string, Partial<LibraryFilter>, number[]]>([
    ['no filter: newest first', {}, [5, 4, 3, 2, 1]],
    ['site', { site: 'museum.example' }, [5, 4, 3, 1]],
    ['site with a public suffix', { site: 'example.co.uk' }, [2]],
    ['licence', { licence: 'CC-BY-4.0' }, [3, 1]],
    ['no licence', { licence: NO_LICENCE }, [2]],
    ['unrecognised licence', { licence: UNRECOGNISED_LICENCE }, [4]],
    ['purpose', { purpose: 'research-tdm' }, [3]],
    ['synthetic true', { synthetic: 'true' }, [2]],
    ['synthetic false', { synthetic: 'false' }, [3]],
    ['synthetic unknown', { synthetic: 'unknown' }, [5, 4, 1]],
    ['combined', { site: 'museum.example', licence: 'CC-BY-4.0', synthetic: 'unknown' }, [1]],
    ['nothing matches', { site: 'nowhere.example' }, []],
  ])('%s', (_name, filter, expected) => {
    expect(filterKeys(facets, f(filter))).toEqual(expected.map(keyOf));
  });

  it('filters by local calendar days, both ends inclusive', () => {
    const day = (iso: string) => {
      const d = new Date(iso);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const march = day('2025-03-10T12:00:00.000Z');
    expect(filterKeys(facets, f({ from: march }))).toEqual([keyOf(5)]);
    expect(filterKeys(facets, f({ from: march, to: march }))).toEqual([keyOf(5)]);
    expect(filterKeys(facets, f({ to: day('2025-01-01T00:03:00.000Z') })).length).toBeGreaterThanOrEqual(3);
    expect(filterKeys(facets, f({ from: '2030-01-01' }))).toEqual([]);
  });

  it('orders ties on collectedAt by key, descending', () => {
    const same = [3, 1, 2].map((n) => facetsOf(makeItem(n, { collectedAt: '2025-01-01T00:00:00.000Z' }), siteOf));
    expect(filterKeys(same, EMPTY_FILTER)).toEqual([3, 2, 1].map(keyOf));
  });
});

describe('dateBounds', () => {
  it('ignores unreadable days', () => {
    expect(dateBounds({ from: 'yesterday', to: '2025-13-45x' })).toEqual({});
    expect(Object.keys(dateBounds({ from: '2025-01-01', to: '' }))).toEqual(['from']);
  });
  it('ends the range at the next local midnight', () => {
    const { from, to } = dateBounds({ from: '2025-02-28', to: '2025-02-28' });
    expect(new Date(to!).getTime() - new Date(from!).getTime()).toBe(24 * 3600 * 1000);
  });
});

describe('tallyFacets', () => {
  it('counts sites and licences, most frequent first', () => {
    expect(tallyFacets(facets)).toEqual({
      sites: [['museum.example', 4], ['example.co.uk', 1]],
      licences: [['CC-BY-4.0', 2], ['(no licence)', 1], ['(unrecognised)', 1], ['CC0-1.0', 1]],
      creators: [],
    });
  });
});

describe('needsFacets / parseFilter', () => {
  it('serves date-only filters from the index', () => {
    expect(needsFacets(f({ from: '2025-01-01', to: '2025-02-01' }))).toBe(false);
    expect(needsFacets(f({ synthetic: 'false' }))).toBe(true);
  });
  it.each<[Record<string, unknown>, LibraryFilter]>([
    [{}, EMPTY_FILTER],
    [{ site: 'Museum.Example', purpose: 'genai-training', synthetic: 'true', from: '2025-01-02' }, f({ site: 'museum.example', purpose: 'genai-training', synthetic: 'true', from: '2025-01-02' })],
    [{ purpose: 'world-domination', synthetic: 'maybe', from: '1/2/2025', to: 5, licence: ['x'] }, EMPTY_FILTER],
  ])('parseFilter(%j)', (input, expected) => expect(parseFilter(input)).toEqual(expected));
});

describe('creator filter (issue 18)', () => {
  const licence = (creator: string | null | undefined) => ({
    id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'page' as const, attribution: null,
    ...(creator === undefined ? {} : { title: null, creator, sourceUrl: null }),
  });
  const siteOf = createSiteResolver();
  const stored = [
    makeItem(1, { licence: licence('Ana Ruiz') }),
    makeItem(2, { licence: licence('Ana Ruiz, Ben Okafor') }),
    makeItem(3, { licence: licence(null) }),
    makeItem(4, { licence: licence(undefined) }), // stored before creators were recorded
    makeItem(5, { licence: null }),
  ];
  const facets = stored.map((i) => facetsOf(i, siteOf));

  it('reads the creator facet; items stored before have none', () => {
    expect(facets.map((f) => f.creator)).toEqual(['Ana Ruiz', 'Ana Ruiz, Ben Okafor', '', '', '']);
  });

  it('matches a name anywhere in the creator, any case; "(creator not stated)" finds the rest', () => {
    const keys = (creator: string) => filterKeys(facets, { ...EMPTY_FILTER, creator }).map((k) => stored.findIndex((i) => i.sha256 === k) + 1).sort();
    expect(keys('ana ruiz')).toEqual([1, 2]);
    expect(keys('okafor')).toEqual([2]);
    expect(keys(NO_CREATOR)).toEqual([3, 4, 5]);
    expect(needsFacets({ ...EMPTY_FILTER, creator: 'x' })).toBe(true);
  });

  it('lists creators for the menu and reads the filter from the URL', () => {
    expect(tallyFacets(facets).creators).toEqual([['Ana Ruiz', 1], ['Ana Ruiz, Ben Okafor', 1]]);
    expect(parseFilter({ creator: `  Ana ${'x'.repeat(500)}` }).creator).toHaveLength(198);
    expect(parseFilter({ creator: 42 }).creator).toBe('');
  });
});

describe('filter: shows people', () => {
  it('keeps only items where the detector found a face; parses from the URL', () => {
    const people = (faces: number | null) => ({ faces, largestFacePx: faces ? 90 : null, modelRelease: null, detector: 'd' });
    const items = [makeItem(1, { people: people(2) }), makeItem(2, { people: people(0) }), makeItem(3, { people: null }), makeItem(4), makeItem(5, { people: people(null) })];
    const fs = items.map((i) => facetsOf(i, siteOf));
    expect(filterKeys(fs, { ...EMPTY_FILTER, people: true })).toEqual([keyOf(1)]);
    expect(filterKeys(fs, EMPTY_FILTER)).toHaveLength(5);
    expect(needsFacets({ ...EMPTY_FILTER, people: true })).toBe(true);
    expect(parseFilter({ people: 'true' }).people).toBe(true);
    expect(parseFilter({ people: 'nope' }).people).toBe(false);
  });
});
