import { describe, expect, it } from 'vitest';
import { evaluateSiteRegistry, findSitePolicy, readRegistry, siteEvidenceBeside, SITE_REGISTRY, type UserLists } from '../../../utils/policy/site-registry';
import { readFileSync } from 'node:fs';

const none = { userAllow: [], userBlock: [] };

describe('site registry', () => {
  it('ships the shared registry unchanged', () => {
    const shared = JSON.parse(readFileSync(new URL('../../../../shared/data/site-policies.json', import.meta.url), 'utf8'));
    expect(SITE_REGISTRY).toEqual(shared);
  });

  it('no domain appears in two entries', () => {
    const all = SITE_REGISTRY.sites.flatMap((s) => s.domains);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ['https://i.pinimg.com/736x/a.jpg', 'Pinterest'],
    ['https://www.instagram.com/p/x/', 'Instagram'],
    ['https://scontent.cdninstagram.com/v/a.jpg', 'Instagram'],
    ['https://upload.wikimedia.org/a.jpg', 'Wikimedia Commons'],
  ])('%s is covered by %s', (url, name) => {
    expect(findSitePolicy(url)?.name).toContain(name.split(' ')[0]);
  });

  it.each(['https://notpinimg.com/a.jpg', 'https://example.org/', 'not a url'])('%s is not covered', (url) => {
    expect(findSitePolicy(url)).toBeNull();
  });

  // The registry names amazon.com; amazon.de, www.amazon.co.uk and images.google.de are the same
  // companies' stores and search under country domains, and were not covered at all.
  it.each([
    ['https://www.amazon.de/dp/B0/', 'Amazon'],
    ['https://www.amazon.co.uk/dp/B0/', 'Amazon'],
    ['https://images.google.de/search?q=a', 'Google'],
    ['https://www.google.com.au/imgres?a', 'Google'],
    ['https://www.ebay.co.uk/itm/1', 'eBay'],
    ['https://www.pinterest.de/pin/1/', 'Pinterest'],
    ['https://www.youtube.co.uk/watch?v=1', 'YouTube'],
  ])('a country domain of a listed company (%s) is its entry', (url, name) => {
    expect(findSitePolicy(url)?.name).toContain(name);
    const [e] = evaluateSiteRegistry(url, 'site', 'ai-training', none);
    expect(e).toMatchObject({ kind: 'site-registry', effect: 'deny', reason: 'site-blocked' });
    expect(e!.note).toMatch(/a country site of (amazon|google|ebay|pinterest|youtube)\.com/);
  });

  it.each(['https://x.de/', 'https://medium.de/', 'https://amazon.blogspot.com/', 'https://www.amazonas.de/', 'https://amazon-fans.de/', 'https://tumblr.de/'])(
    'another name, or a company not listed as running country domains, is not extended (%s)',
    (url) => {
      expect(findSitePolicy(url)).toBeNull();
    },
  );

  it('blocked sites deny with site-blocked and cite their source', () => {
    const [e] = evaluateSiteRegistry('https://www.instagram.com/p/x/', 'site', 'ai-training', none);
    expect(e).toMatchObject({ kind: 'site-registry', effect: 'deny', reason: 'site-blocked' });
    expect(e!.source).toMatch(/^https:\/\//);
  });

  it('restricted sites deny only for purposes they forbid', () => {
    expect(evaluateSiteRegistry('https://medium.com/x', 'site', 'ai-training', none)[0]).toMatchObject({ effect: 'deny', reason: 'site-restricted' });
    expect(evaluateSiteRegistry('https://medium.com/x', 'site', 'research-tdm', none)[0]).toMatchObject({ effect: 'info', reason: 'site-restricted' });
    expect(evaluateSiteRegistry('https://giphy.com/x', 'site', 'research-tdm', none)[0]).toMatchObject({ effect: 'deny', reason: 'site-restricted' });
  });

  it('per-item sites are information only', () => {
    expect(evaluateSiteRegistry('https://www.flickr.com/photos/x', 'site', 'ai-training', none)[0]).toMatchObject({ effect: 'info' });
  });

  it('the user block list denies any site; the allow list overrides the registry only', () => {
    expect(evaluateSiteRegistry('https://photos.example.org/a', 'image', 'ai-training', { userAllow: [], userBlock: ['example.org'] })[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
    expect(evaluateSiteRegistry('https://www.instagram.com/p/x/', 'site', 'ai-training', { userAllow: ['instagram.com'], userBlock: [] })[0]).toMatchObject({ kind: 'user-list', effect: 'info' });
    expect(evaluateSiteRegistry('https://www.instagram.com/', 'site', 'ai-training', { userAllow: ['instagram.com'], userBlock: ['instagram.com'] })[0]).toMatchObject({ reason: 'user-blocked' });
  });

  // A host with more than one trailing dot (the URL parser keeps them all) was not matched: the
  // registry and the block list let `https://i.pinimg.com../a.jpg` through.
  it.each(['https://i.pinimg.com../a.jpg', 'https://www.instagram.com.../p/x/', 'https://t.co../x'])('%s is still its site', (url) => {
    expect(evaluateSiteRegistry(url, 'image', 'ai-training', none)[0]).toMatchObject({ effect: 'deny', reason: 'site-blocked' });
  });
  it('the block list matches a host with trailing dots', () => {
    expect(evaluateSiteRegistry('https://cdn.other.example../a.png', 'image', 'ai-training', { userAllow: [], userBlock: ['other.example'] })[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
  });

  // An allow entry names one site. A public suffix names none: stored allowed (the form let `co.uk`
  // through), it lifted the registry entry of every site under it — `co.uk` lifted Amazon's,
  // Google's, eBay's… country sites, `com` every .com entry.
  it.each<[string, string]>([
    ['co.uk', 'https://www.amazon.co.uk/dp/B0/'],
    ['com', 'https://www.instagram.com/p/x/'],
    ['COM.', 'https://i.pinimg.com/a.jpg'],
    ['com.au', 'https://www.google.com.au/imgres?a'],
  ])('an allow entry that is a public suffix (%s) lifts nothing: %s stays blocked', (entry, url) => {
    expect(evaluateSiteRegistry(url, 'site', 'ai-training', { userAllow: [entry], userBlock: [] })[0]).toMatchObject({ kind: 'site-registry', effect: 'deny', reason: 'site-blocked' });
  });
  it('an allow entry for the site itself still lifts its entry; a blocked public suffix still blocks', () => {
    expect(evaluateSiteRegistry('https://www.amazon.co.uk/dp/B0/', 'site', 'ai-training', { userAllow: ['amazon.co.uk'], userBlock: [] })[0]).toMatchObject({ kind: 'user-list', effect: 'info' });
    expect(evaluateSiteRegistry('https://raw.githubusercontent.com/a/b/main/x.png', 'image', 'ai-training', { userAllow: ['githubusercontent.com'], userBlock: [] })[0]).toMatchObject({ kind: 'user-list', effect: 'info' });
    expect(evaluateSiteRegistry('https://shop.example.co.uk/', 'site', 'ai-training', { userAllow: [], userBlock: ['co.uk'] })[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
  });
});

// The registry file is read entry by entry. Before, it was parsed whole on first use: one entry
// with an unknown `status` or a malformed `domains` threw on every assessment (no badge, no
// collect), and an entry handed in unvalidated with an unknown status was read as information
// only — its site not blocked. Now (DESIGN.md §2 rule 5, fail closed, never crash): an unknown
// status reads as `blocked`, an unknown `forbids` word binds every purpose, domains are read in
// any form a person might write them, and what cannot be read at all (an entry naming no readable
// domain, a file of another shape or version) refuses every site not on the user's allow list.
describe('a registry file that does not match its schema', () => {
  const entry = (over: Record<string, unknown>) => ({
    domains: ['pinterest.com', 'pinimg.com'], name: 'Pinterest', status: 'blocked', forbids: ['automated-collection'], licence: null,
    summary: 's', source: 'https://policy.pinterest.com/en/terms-of-service', clause: 'c', evidence: 'e', ...over,
  });
  const file = (...sites: unknown[]) => ({ version: 1, checked: '2026-11-25', note: 'n', sites });
  const verdict = (registry: ReturnType<typeof readRegistry>, url: string, purpose: 'ai-training' | 'research-tdm' = 'ai-training', lists: UserLists = none) =>
    evaluateSiteRegistry(url, 'site', purpose, lists, registry).filter((e) => e.effect === 'deny').map((e) => e.reason);

  it('the bundled registry reads without problems', () => {
    expect(readRegistry(JSON.parse(readFileSync(new URL('../../../../shared/data/site-policies.json', import.meta.url), 'utf8'))).unreadable).toBeUndefined();
  });

  it.each(['forbidden', 'BLOCKED', '', null, undefined, 3])('an unknown status (%s) reads as blocked, without a throw', (status) => {
    const registry = readRegistry(file(entry({ status })));
    expect(verdict(registry, 'https://i.pinimg.com/a.jpg')).toEqual(['site-blocked']);
    expect(verdict(registry, 'https://museum.example/')).toEqual([]);
  });

  it('an unknown forbids word binds every purpose', () => {
    const registry = readRegistry(file(entry({ status: 'restricted', forbids: ['scraping'] })));
    expect(verdict(registry, 'https://www.pinterest.com/', 'research-tdm')).toEqual(['site-restricted']);
    expect(verdict(readRegistry(file(entry({ status: 'restricted', forbids: 'ai-training' }))), 'https://www.pinterest.com/', 'research-tdm')).toEqual(['site-restricted']);
  });

  it.each<[string, unknown]>([
    ['one string', 'pinimg.com'],
    ['upper case, trailing dots and spaces', [' PINIMG.COM.. ']],
    ['a URL', ['https://pinimg.com/']],
    ['a wildcard', ['*.pinimg.com']],
  ])('domains written as %s still match', (_name, domains) => {
    expect(verdict(readRegistry(file(entry({ domains }))), 'https://i.pinimg.com/a.jpg')).toEqual(['site-blocked']);
  });

  it.each<[string, unknown]>([
    ['an entry without domains', file(entry({ domains: undefined }))],
    ['an entry whose domains are empty', file(entry({ domains: [] }))],
    ['an entry with a domain that is not text', file(entry({ domains: ['pinterest.com', 42] }))],
    ['an entry that is not an object', file('pinterest.com')],
    ['sites that are not a list', { version: 1, sites: { pinterest: {} } }],
    ['a file that is not an object', null],
    ['a file of another version', { ...file(entry({})), version: 2 }],
  ])('%s: every site not allowed by the user is refused as unreadable, nothing throws', (_name, json) => {
    const registry = readRegistry(json);
    expect(registry.unreadable?.length).toBeGreaterThan(0);
    expect(verdict(registry, 'https://museum.example/')).toContain('signal-unreadable');
    expect(verdict(registry, 'https://museum.example/', 'ai-training', { userAllow: ['museum.example'], userBlock: [] })).toEqual([]);
    expect(verdict(registry, 'https://museum.example/', 'ai-training', { userAllow: [], userBlock: ['museum.example'] })).toEqual(['user-blocked']);
  });

  it('the readable entries of a file with an unreadable one still apply', () => {
    const registry = readRegistry(file(entry({}), entry({ domains: [42], name: 'Broken' })));
    expect(verdict(registry, 'https://i.pinimg.com/a.jpg')).toEqual(expect.arrayContaining(['site-blocked', 'signal-unreadable']));
  });
});

// Two entries may cover one host (a company's entry and a narrower one for one of its services,
// listed in any order). Only the first found was read: a `per-item` entry for
// sites.example-company.com listed before the company's `blocked` entry let its pages through.
// Now every entry covering the host applies (DESIGN.md §2 rule 1, the reading that cannot keep
// what the owner refused), the strictest first.
describe('a host two registry entries cover', () => {
  const entry = (domains: string[], status: string, name: string) => ({
    domains, name, status, forbids: status === 'blocked' ? ['automated-collection'] : [], licence: null, summary: 's', source: `https://${domains[0]}/terms`, clause: 'c', evidence: 'e',
  });
  const registry = readRegistry({ version: 1, checked: 'x', note: 'n', sites: [entry(['sites.bigco.example'], 'per-item', 'BigCo Sites'), entry(['bigco.example'], 'blocked', 'BigCo')] });
  it('every entry applies: the broader blocked one refuses', () => {
    const e = evaluateSiteRegistry('https://sites.bigco.example/view/a', 'site', 'ai-training', none, registry);
    expect(e.filter((x) => x.effect === 'deny').map((x) => x.reason)).toEqual(['site-blocked']);
    expect(e.some((x) => x.value.startsWith('BigCo Sites'))).toBe(true);
    expect(findSitePolicy('https://sites.bigco.example/view/a', registry)?.status).toBe('blocked');
  });
  it('the user’s allow entry for the site lifts both; elsewhere only the broader entry speaks', () => {
    expect(evaluateSiteRegistry('https://sites.bigco.example/view/a', 'site', 'ai-training', { userAllow: ['bigco.example'], userBlock: [] }, registry).map((x) => x.effect)).toEqual(['info']);
    expect(evaluateSiteRegistry('https://www.bigco.example/', 'site', 'ai-training', none, registry).map((x) => x.value)).toEqual([expect.stringMatching(/^BigCo: blocked/)]);
  });
});

describe('siteEvidenceBeside: a URL on the page’s own registrable domain', () => {
  const registry = readRegistry({
    version: 1, checked: 'x', note: 'n',
    sites: [{ domains: ['img.bigco.example'], name: 'BigCo images', status: 'blocked', forbids: ['automated-collection'], licence: null, summary: 's', source: 'https://bigco.example/terms', clause: 'c', evidence: 'e' }],
  });
  it('is looked up: a registry entry naming its host refuses it', () => {
    expect(siteEvidenceBeside('https://www.bigco.example/', 'https://img.bigco.example/a.png', 'image', 'ai-training', none, registry).map((e) => e.reason)).toEqual(['site-blocked']);
  });
  it('adds nothing the page’s own answer already says', () => {
    expect(siteEvidenceBeside('https://img.bigco.example/p', 'https://img.bigco.example/a.png', 'image', 'ai-training', none, registry)).toEqual([]);
    expect(siteEvidenceBeside('https://www.bigco.example/', 'https://www.bigco.example/a.png', 'image', 'ai-training', none, registry)).toEqual([]);
  });
});

// An IPv4-mapped IPv6 address (`[::ffff:1.2.3.4]`, which the URL parser writes `[::ffff:102:304]`)
// reaches the same IPv4 host, but a block-list entry for 1.2.3.4 did not match it, nor an entry
// written mapped match the plain address: the blocked host's images were requested and kept.
describe('the block list and an IPv4-mapped IPv6 address', () => {
  it.each<[string, string]>([
    ['1.2.3.4', 'http://[::ffff:1.2.3.4]/a.png'],
    ['1.2.3.4', 'http://[::FFFF:0102:0304]:8080/a.png'],
    ['[::ffff:102:304]', 'http://1.2.3.4/a.png'],
  ])('an entry %s blocks %s', (entry, url) => {
    expect(evaluateSiteRegistry(url, 'image', 'ai-training', { userAllow: [], userBlock: [entry] })[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
  });
  it('another address is not blocked', () => {
    expect(evaluateSiteRegistry('http://[::ffff:1.2.3.5]/a.png', 'image', 'ai-training', { userAllow: [], userBlock: ['1.2.3.4'] })).toEqual([]);
  });
});

// The site of a URL is the host the URL parser reads (what the browser requests), not what a text
// scan of the URL takes for one. tldts gives up on a host with a percent escape (`i.pinimg.com%2e`,
// which the parser reads as `i.pinimg.com.`) and the whole URL stood in as its "domain": an allow
// entry the URL's text merely ended with (`#.museum.example`) then matched, and Pinterest's
// registry entry was lifted for an image of Pinterest's (an address an image proxy carries is read
// as written, so such text reaches the registry).
describe('an allow entry and a URL whose text ends with the allowed name', () => {
  it.each([
    'https://i.pinimg.com%2e/a.jpg#.museum.example',
    'https://I.PINIMG.COM%2E/x?.museum.example',
  ])('%s is still Pinterest’s: the allow entry for museum.example lifts nothing', (url) => {
    const evidence = evaluateSiteRegistry(url, 'image', 'ai-training', { userAllow: ['museum.example'], userBlock: [] });
    expect(evidence.map((e) => e.reason ?? e.effect)).toEqual(['site-blocked']);
  });
  it('an allow entry for the host the parser reads still lifts its entry', () => {
    expect(evaluateSiteRegistry('https://i.pinimg.com%2e/a.jpg', 'image', 'ai-training', { userAllow: ['pinimg.com'], userBlock: [] })[0]).toMatchObject({ kind: 'user-list', effect: 'info' });
  });
});

// The lists are read in settings the form did not write (stored by hand, by a sync, by a test
// harness): an entry written as a person writes a site — with a scheme and path, `*.`, a leading
// dot — matched nothing, and a block the user wrote was silently ignored. Each entry is now read
// as the registry's own domains are; an allow entry that reads as a public suffix still lifts nothing.
describe('user list entries in the forms people write them', () => {
  it.each(['https://Example.org/photos/', '*.example.org', '.example.org', 'EXAMPLE.ORG.', 'http://user@example.org:8080'])('block entry %j blocks photos.example.org', (entry) => {
    expect(evaluateSiteRegistry('https://photos.example.org/a.png', 'image', 'ai-training', { userAllow: [], userBlock: [entry] })[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
  });
  it.each(['https://co.uk/', 'http://com', '*.co.uk'])('allow entry %j is a public suffix: lifts nothing', (entry) => {
    expect(evaluateSiteRegistry('https://www.amazon.co.uk/dp/B0/', 'site', 'ai-training', { userAllow: [entry], userBlock: [] })[0]).toMatchObject({ kind: 'site-registry', reason: 'site-blocked' });
  });
});

describe('the allow list names the entry that lifted the registry', () => {
  it('an allow entry for one host is named as written, not as the whole domain', () => {
    const [e] = evaluateSiteRegistry('https://help.medium.com/a.png', 'image', 'ai-training', { userAllow: ['help.medium.com'], userBlock: [] });
    expect(e).toMatchObject({ kind: 'user-list', effect: 'info' });
    expect(e!.note).toContain('You allowed help.medium.com;');
  });
});

// A private suffix of the Public Suffix List (github.io, blogspot.com, cloudfront.net) is where
// many owners each have their own site. Allowed, it lifted the registry entry of any one of them
// (a blocked `artist.github.io`) and the fail-closed answer of an unread registry for all of them.
// It lifts only an entry naming the suffix's own owner (githubusercontent.com, GitHub's entry).
describe('an allow entry that is a private suffix', () => {
  const tenantRegistry = { version: 1, checked: '', note: '', sites: [{ domains: ['artist.github.io'], name: 'An artist', status: 'blocked' as const, forbids: [], licence: null, summary: '', source: 's', clause: '', evidence: '' }] };
  it('does not lift a tenant’s entry: artist.github.io stays blocked', () => {
    expect(evaluateSiteRegistry('https://artist.github.io/a.png', 'image', 'ai-training', { userAllow: ['github.io'], userBlock: [] }, tenantRegistry).map((e) => e.reason ?? e.effect)).toEqual(['site-blocked']);
  });
  it('does not stand for every tenant where the registry was not read in full', () => {
    const unread = { ...tenantRegistry, sites: [], unreadable: ['registry entry 1 names a domain Heed cannot read'] };
    expect(evaluateSiteRegistry('https://someone.github.io/a.png', 'image', 'ai-training', { userAllow: ['github.io'], userBlock: [] }, unread).map((e) => e.reason ?? e.effect)).toEqual(['signal-unreadable']);
  });
  it('an allow entry for the tenant itself still lifts its entry, and githubusercontent.com lifts GitHub’s', () => {
    expect(evaluateSiteRegistry('https://artist.github.io/a.png', 'image', 'ai-training', { userAllow: ['artist.github.io'], userBlock: [] }, tenantRegistry)[0]).toMatchObject({ kind: 'user-list', effect: 'info' });
    expect(evaluateSiteRegistry('https://raw.githubusercontent.com/a/b/main/x.png', 'image', 'ai-training', { userAllow: ['githubusercontent.com'], userBlock: [] })[0]).toMatchObject({ kind: 'user-list', effect: 'info' });
  });
});

// A stored list holds any text (a list saved by an earlier Heed, or written outside the form, which
// punycodes): an entry written in Unicode (`bücher.de`), as a URL or as `*.host` matched no URL the
// browser reports — those carry the punycode host (`xn--bcher-kva.de`) — and that site's images
// were kept. Each entry is now read as the registry's domains are (readDomain: the URL parser's host).
describe('the block list read as the URL parser reads hosts', () => {
  const blocking = (entry: string, url: string) => evaluateSiteRegistry(url, 'image', 'ai-training', { userAllow: [], userBlock: [entry] });
  it('an entry in Unicode, as a URL, or as *.host blocks the URLs the browser reports', () => {
    expect(blocking('bücher.de', 'https://xn--bcher-kva.de/a.jpg')[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
    expect(blocking('https://photos.blocked-example.com/gallery/', 'https://photos.blocked-example.com/a.jpg')[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
    expect(blocking('*.blocked-example.com', 'https://img.blocked-example.com/a.jpg')[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
  });
  it('another site is not blocked by them', () => {
    expect(blocking('bücher.de', 'https://buecher.de/a.jpg')).toEqual([]);
    expect(blocking('https://photos.blocked-example.com/gallery/', 'https://other.example/photos.blocked-example.com/a.jpg')).toEqual([]);
  });
});
