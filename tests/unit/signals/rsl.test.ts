import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../utils/model/evidence';
import { purposeProfile } from '../../../utils/model/purposes';
import type { FetchedFile } from '../../../utils/signals/fetched-file';
import { evaluateRsl, parsedRsl, parseRslXml, readRslLinkHeader, RSL_PAYMENT_TYPES, RSL_USAGE_COVERS, rslPartialRestrictions } from '../../../utils/signals/rsl';

const AI = purposeProfile('ai-training');
const TDM = purposeProfile('research-tdm');
const SRC = 'https://site.test/license.xml';
const ok = (body: string): FetchedFile => ({ url: SRC, outcome: 'ok', body });
const rsl = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<rsl xmlns="https://rslstandard.org/rsl">${inner}</rsl>`;
const content = (url: string, license: string, attrs = '') => `<content url="${url}"${attrs}><license>${license}</license></content>`;
const deny = (value: string, note: string): Evidence => ({ kind: 'rsl', scope: 'site', source: SRC, value, effect: 'deny', reason: 'rsl-prohibits', note });
const allow = (value: string): Evidence => ({ kind: 'rsl', scope: 'site', source: SRC, value, effect: 'allow', note: 'The RSL licence permits this use for free, with no licence server.' });
const info = (value: string, note: string): Evidence => ({ kind: 'rsl', scope: 'site', source: SRC, value, effect: 'info', note });
const unreadable = (value: string, note = 'The site declares an RSL licence that could not be read; Heed fails closed.'): Evidence => ({ kind: 'rsl', scope: 'site', source: SRC, value, effect: 'deny', reason: 'signal-unreadable', note });
const notFree = (detail: string) => `The RSL licence does not permit this purpose for free: ${detail}.`;

// SIGNALS.md §5.2 example.
const SIGNALS_EXAMPLE = rsl(content('/images/*', '<permits type="usage">search</permits><prohibits type="usage">ai-train</prohibits><payment type="free"/>'));

describe('vocabulary data (RSL 1.0 §3.4.1.1, §3.7)', () => {
  it('ai-all covers the AI uses, all covers everything', () => {
    expect(RSL_USAGE_COVERS['ai-all']).toEqual(['ai-all', 'ai-train', 'ai-input', 'ai-index']);
    expect(RSL_USAGE_COVERS.all).toContain('search');
    expect(RSL_PAYMENT_TYPES).toEqual(['purchase', 'subscription', 'training', 'crawl', 'use', 'contribution', 'attribution', 'free']);
  });
});

describe('parseRslXml', () => {
  it('reads content, licences, permits/prohibits by type, payment and server', () => {
    const xml = rsl(
      `<content url="/paid/" server="https://rslcollective.org/api" lastmod="2025-11-06T00:00:00Z"><license>` +
        `<permits type="usage">ai-train, ai-input</permits><permits type="user">non-commercial education</permits>` +
        `<prohibits type="geo">CN</prohibits><payment type="Training"><amount currency="USD">10.00</amount></payment><reporting type="telemetry" profile="https://x.test/p"/>` +
        `</license><license><permits type="usage">Train-AI</permits></license></content>`,
    );
    expect(parseRslXml(xml)).toEqual({
      ok: true,
      value: { contents: [{ url: '/paid/', server: 'https://rslcollective.org/api', licenses: [
        { permits: { usage: ['ai-train', 'ai-input'], user: ['non-commercial', 'education'], geo: null }, prohibits: { usage: [], user: [], geo: ['cn'] }, payments: [{ type: 'training', amount: '10.00' }], reporting: true },
        { permits: { usage: ['ai-train'], user: null, geo: null }, prohibits: { usage: [], user: [], geo: [] }, payments: [], reporting: false },
      ] }] },
    });
  });

  it('resolves a prefixed RSL namespace and ignores foreign elements', () => {
    const xml = `<r:rsl xmlns:r="https://rslstandard.org/rsl" xmlns:x="urn:ext"><r:content url="/"><r:license><x:permits type="usage">all</x:permits><r:prohibits type="usage">ai-all</r:prohibits></r:license></r:content></r:rsl>`;
    expect(parseRslXml(xml)).toEqual({ ok: true, value: { contents: [{ url: '/', server: null, licenses: [
      { permits: { usage: null, user: null, geo: null }, prohibits: { usage: ['ai-all'], user: [], geo: [] }, payments: [], reporting: false },
    ] }] } });
  });

  it.each<[string, string, string]>([
    ['an HTML page', '<!doctype html><html><body>Not found</body></html>', 'root element is <html>, not <rsl xmlns="https://rslstandard.org/rsl">'],
    ['HTML that is not well-formed', '<html><body><br></body></html>', 'mismatched end tag </body>'],
    ['another root', '<license><permits>all</permits></license>', 'root element is <license>, not <rsl xmlns="https://rslstandard.org/rsl">'],
    ['a foreign namespace', '<rsl xmlns="urn:other"><content url="/"/></rsl>', 'root element is <rsl>, not <rsl xmlns="https://rslstandard.org/rsl">'],
    ['no content', rsl(''), 'no <content> element'],
    ['mismatched tags', rsl('<content url="/"><license></content></license>'), 'mismatched end tag </content>'],
    ['unclosed', '<rsl xmlns="https://rslstandard.org/rsl"><content url="/">', 'unclosed element <content>'],
    ['unquoted attribute', rsl('<content url=/>'), 'unquoted attribute url'],
    ['binary junk', '\u0000\u0001\u0002\u00ff', 'text outside the root element'],
    ['empty', '', 'no root element'],
    ['too large', rsl(`<!-- ${'x'.repeat(1100000)} -->`), 'larger than 1048576 characters'],
    ['deeply nested', `${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}`, 'nested deeper than 64 levels'],
    ['too many elements', rsl(`<content url="/">${'<license/>'.repeat(25000)}</content>`), 'more than 20000 elements'],
  ])('rejects %s', (_name, xml, error) => {
    expect(parseRslXml(xml)).toEqual({ ok: false, error });
  });

  it('billion laughs: entities declared in a DOCTYPE are never expanded', () => {
    const lol = `<!DOCTYPE rsl [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ''};`.repeat(10)}">`).join('')}]>`;
    const xml = `${lol}<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><prohibits type="usage">&lol9;ai-train</prohibits></license></content></rsl>`;
    const parsed = parseRslXml(xml);
    // Unexpanded; the semicolon separates prohibited tokens (fail closed, see 'messy RSL …').
    expect(parsed.ok && parsed.value.contents[0]!.licenses[0]!.prohibits.usage).toEqual(['&lol9', 'ai-train']);
  });

  it('decodes predefined entities, character references and CDATA once', () => {
    const xml = rsl(`<content url="/a?x=1&amp;y=&#50;"><license><permits type="usage"><![CDATA[ai-train]]>,&#x20;search &amp;amp;</permits></license></content>`);
    const parsed = parseRslXml(xml);
    expect(parsed.ok && parsed.value.contents[0]!.url).toBe('/a?x=1&y=2');
    expect(parsed.ok && parsed.value.contents[0]!.licenses[0]!.permits.usage).toEqual(['ai-train', 'search', '&amp;']);
  });
});

describe('evaluateRsl', () => {
  it.each<[string, string, string, Evidence[]]>([
    ['SIGNALS.md example: prohibits ai-train', SIGNALS_EXAMPLE, 'https://site.test/images/fox.jpg', [
      deny('content "/images/*"; permits usage=search; prohibits usage=ai-train; payment=free', 'The RSL licence prohibits ai-train for this image.'),
    ]],
    ['ai-all covers ai-train', rsl(content('/', '<prohibits type="usage">ai-all</prohibits>')), 'https://site.test/a.jpg', [
      deny('content "/"; prohibits usage=ai-all; payment=free', 'The RSL licence prohibits ai-all for this image.'),
    ]],
    ['all prohibits everything', rsl(content('/', '<prohibits type="usage">all</prohibits>')), 'https://site.test/a.jpg', [
      deny('content "/"; prohibits usage=all; payment=free', 'The RSL licence prohibits all for this image.'),
    ]],
    ['the guides\' train-ai spelling counts', rsl(content('/', '<prohibits type="usage">train-ai</prohibits>')), 'https://site.test/a.jpg', [
      deny('content "/"; prohibits usage=ai-train; payment=free', 'The RSL licence prohibits ai-train for this image.'),
    ]],
    ['permits for free → allow', rsl(content('/', '<permits type="usage">ai-train</permits><payment type="free"/>')), 'https://site.test/a.jpg', [
      allow('content "/"; permits usage=ai-train; payment=free'),
    ]],
    ['permits ai-all without payment element → allow', rsl(content('/', '<permits type="usage">ai-all</permits>')), 'https://site.test/a.jpg', [
      allow('content "/"; permits usage=ai-all; payment=free'),
    ]],
    ['permits only with payment', rsl(content('/', '<permits type="usage">ai-train</permits><payment type="training"><amount currency="USD">0.01</amount></payment>')), 'https://site.test/a.jpg', [
      deny('content "/"; permits usage=ai-train; payment=training', notFree('payment: training')),
    ]],
    ['a licence server means a licence must be obtained, even if free', rsl(content('/', '<permits type="usage">ai-train</permits><payment type="free"/>', ' server="https://rslcollective.org/api"')), 'https://site.test/a.jpg', [
      deny('content "/"; permits usage=ai-train; payment=free; server=https://rslcollective.org/api', notFree('a licence must be obtained from https://rslcollective.org/api')),
    ]],
    // A blank `server=""` read as no server made a free licence free for the taking.
    ['a blank licence server attribute still means a licence must be obtained', rsl(content('/', '<permits type="usage">ai-train</permits><payment type="free"/>', ' server=" "')), 'https://site.test/a.jpg', [
      deny('content "/"; permits usage=ai-train; payment=free; server=a licence server it does not name', notFree('a licence must be obtained from a licence server it does not name')),
    ]],
    ['attribution is a condition Heed cannot meet', rsl(content('/', '<permits type="usage">ai-train</permits><payment type="attribution"/>')), 'https://site.test/a.jpg', [
      deny('content "/"; permits usage=ai-train; payment=attribution', notFree('payment: attribution')),
    ]],
    ['"free" with a price is not free', rsl(content('/', '<permits type="usage">ai-train</permits><payment type="free"><amount currency="USD">5</amount></payment>')), 'https://site.test/a.jpg', [
      deny('content "/"; permits usage=ai-train; payment=free', notFree('payment: free')),
    ]],
    ['permitted uses exclude the purpose', rsl(content('/', '<permits type="usage">search, ai-index</permits>')), 'https://site.test/a.jpg', [
      deny('content "/"; permits usage=search,ai-index; payment=free', notFree('permits only search, ai-index')),
    ]],
    ['permits only for some users', rsl(content('/', '<permits type="usage">ai-train</permits><permits type="user">education</permits>')), 'https://site.test/a.jpg', [
      deny('content "/"; permits usage=ai-train; permits user=education; payment=free', notFree('only for users: education')),
    ]],
    ['no usage permits, other prohibitions: info', rsl(content('/', '<prohibits type="usage">search</prohibits>')), 'https://site.test/a.jpg', [
      info('content "/"; prohibits usage=search; payment=free', 'The RSL licence neither prohibits nor explicitly permits this use.'),
    ]],
    ['the most specific content wins', rsl(content('/', '<prohibits type="usage">all</prohibits>') + content('/open/', '<permits type="usage">all</permits><payment type="free"/>')), 'https://site.test/open/a.jpg', [
      allow('content "/open/"; permits usage=all; payment=free'),
    ]],
    ['a prohibition in any licence of the content wins (§3.1.1)', rsl(`<content url="/"><license><permits type="usage">all</permits></license><license><prohibits type="usage">ai-train</prohibits></license></content>`), 'https://site.test/a.jpg', [
      deny('content "/"; prohibits usage=ai-train; payment=free', 'The RSL licence prohibits ai-train for this image.'),
    ]],
    ['one free licence among paid offers is enough', rsl(`<content url="/"><license><permits type="usage">ai-train</permits><payment type="purchase"/></license><license><permits type="usage">all</permits><payment type="free"/></license></content>`), 'https://site.test/a.jpg', [
      allow('content "/"; permits usage=all; payment=free'),
    ]],
    ['full-URL content on another origin does not match', rsl(content('https://other.test/', '<prohibits type="usage">all</prohibits>')), 'https://site.test/a.jpg', [
      info('no <content> matches this image', 'The RSL licence does not cover this image.'),
    ]],
    ['full-URL content on the same origin', rsl(content('https://site.test/img/*.jpg$', '<prohibits type="usage">ai-train</prohibits>')), 'https://site.test/img/a.jpg', [
      deny('content "https://site.test/img/*.jpg$"; prohibits usage=ai-train; payment=free', 'The RSL licence prohibits ai-train for this image.'),
    ]],
    ['extension tokens grant nothing, and an extension prohibition may name the purpose', rsl(content('/', '<prohibits type="usage">acme:ai-train</prohibits><permits type="usage">acme:all</permits>')), 'https://site.test/a.jpg', [
      deny('content "/"; permits usage=acme:all; prohibits usage=acme:ai-train; payment=free', 'The RSL licence prohibits acme:ai-train (a use RSL 1.0 does not define: it may be this purpose) for this image.'),
    ]],
  ])('%s', (_name, xml, image, expected) => {
    expect(evaluateRsl(ok(xml), image, AI)).toEqual(expected);
  });

  // A prohibited token outside RSL 1.0's vocabulary (a misspelling, an older or later term, an
  // extension) beside a permission for everything: before, the unknown term was read as naming
  // no use Heed has, and `all` granted the purpose for free.
  it.each(['ai-training', 'AI_Train', 'genai', 'tdm', 'ai-train-v2', 'acme:ai-train'])('an unknown prohibited usage %s refuses every purpose, beside <permits>all</permits>', (token) => {
    const xml = rsl(content('/', `<permits type="usage">all</permits><prohibits type="usage">${token}</prohibits><payment type="free"/>`));
    for (const profile of [AI, purposeProfile('genai-training'), TDM]) {
      const out = evaluateRsl(ok(xml), 'https://site.test/a.jpg', profile);
      expect(out.map((e) => [e.effect, e.reason])).toEqual([['deny', 'rsl-prohibits']]);
      expect(out[0]!.note).toContain(token.toLowerCase());
    }
    // Known tokens that name another use still leave the purpose permitted.
    expect(evaluateRsl(ok(rsl(content('/', '<permits type="usage">all</permits><prohibits type="usage">search ai-input</prohibits>'))), 'https://site.test/a.jpg', AI)[0]).toMatchObject({ effect: 'allow' });
  });

  // A more specific <content> that says nothing of the purpose (no licence, or one that only
  // prohibits another use) read before as replacing the broader one: the site-wide refusal
  // vanished for every image under it.
  it.each<[string, string]>([
    ['no <license>', '<content url="/img/"/>'],
    ['a licence that only prohibits search', content('/img/', '<prohibits type="usage">search</prohibits>')],
    ['an empty licence', content('/img/', '')],
  ])('a more specific <content> with %s does not lift a broader refusal', (_name, specific) => {
    for (const broad of ['<prohibits type="usage">all</prohibits>', '<permits type="usage">all</permits><payment type="purchase"/>']) {
      const xml = rsl(specific + content('/', broad));
      for (const profile of [AI, TDM]) {
        expect(evaluateRsl(ok(xml), 'https://site.test/img/a.jpg', profile).map((e) => [e.effect, e.reason])).toEqual([['deny', 'rsl-prohibits']]);
      }
    }
    // A specific free permission still overrides the broader refusal; where nothing refuses, the silence stays info.
    expect(evaluateRsl(ok(rsl(content('/img/', '<permits type="usage">all</permits>') + content('/', '<prohibits type="usage">all</prohibits>'))), 'https://site.test/img/a.jpg', AI)[0]).toMatchObject({ effect: 'allow' });
    expect(evaluateRsl(ok(rsl(specific + content('/', '<prohibits type="usage">search</prohibits>'))), 'https://site.test/img/a.jpg', AI)[0]).toMatchObject({ effect: 'info' });
  });

  // An RSL element spelt in another case or namespace spelling was skipped by the strict reader:
  // `<PROHIBITS>ai-train</PROHIBITS>` beside `<permits>all</permits>` granted training for free.
  it.each<[string, string]>([
    ['upper-case <PROHIBITS>', rsl(content('/', '<permits type="usage">all</permits><PROHIBITS type="usage">ai-train</PROHIBITS>'))],
    ['<Prohibits>', rsl(content('/', '<permits type="usage">all</permits><Prohibits type="usage">all</Prohibits>'))],
    ['a <License> beside a <license>', rsl('<content url="/"><license><permits type="usage">all</permits></license><License><prohibits type="usage">all</prohibits></License></content>')],
    ['a <Content> beside a <content>', rsl(content('/', '<permits type="usage">all</permits>') + content('/img/', '<prohibits type="usage">all</prohibits>').replace(/content/g, 'Content'))],
    ['<prohibits> in the http: namespace', `<rsl xmlns="https://rslstandard.org/rsl" xmlns:r="http://rslstandard.org/rsl/">${content('/', '<permits type="usage">all</permits><r:prohibits type="usage">all</r:prohibits>')}</rsl>`],
    ['<Payment> asking a price', rsl(content('/', '<permits type="usage">all</permits><Payment type="purchase"><amount>5</amount></Payment>'))],
  ])('%s makes the licence unreadable, never read without it', (_name, xml) => {
    for (const profile of [AI, TDM]) {
      expect(evaluateRsl(ok(xml), 'https://site.test/img/a.jpg', profile).map((e) => [e.effect, e.reason])).toEqual([['deny', 'signal-unreadable']]);
    }
  });

  // A free payment that points to a rate card was read as free: the prices it names went unread.
  it.each(['<standard>https://site.test/rates/standard</standard>', '<custom>https://site.test/rates/custom</custom>', '<standard/>'])('<payment type="free"> with a rate card %s is not free', (card) => {
    const xml = rsl(content('/', `<permits type="usage">all</permits><payment type="free">${card}</payment>`));
    for (const profile of [AI, TDM]) {
      const out = evaluateRsl(ok(xml), 'https://site.test/a.jpg', profile);
      expect(out.map((e) => [e.effect, e.reason])).toEqual([['deny', 'rsl-prohibits']]);
      expect(out[0]!.note).toContain('payment: free');
    }
    // Without the rate card the same licence is free.
    expect(evaluateRsl(ok(rsl(content('/', '<permits type="usage">all</permits><payment type="free"><amount currency="USD">0</amount></payment>'))), 'https://site.test/a.jpg', AI)[0]).toMatchObject({ effect: 'allow' });
  });

  it('research-tdm needs "all": ai-train prohibitions do not bind it', () => {
    expect(evaluateRsl(ok(SIGNALS_EXAMPLE), 'https://site.test/images/fox.jpg', TDM)).toEqual([
      deny('content "/images/*"; permits usage=search; prohibits usage=ai-train; payment=free', notFree('permits only search')),
    ]);
    expect(evaluateRsl(ok(rsl(content('/', '<prohibits type="usage">ai-all</prohibits>'))), 'https://site.test/a.jpg', TDM)).toEqual([
      info('content "/"; prohibits usage=ai-all; payment=free', 'The RSL licence neither prohibits nor explicitly permits this use.'),
    ]);
  });

  it.each<[string, FetchedFile, Evidence[]]>([
    ['404: no licence', { url: SRC, outcome: 'absent' }, [info('absent', 'The declared RSL licence does not exist (404 or 410): no licence terms.')]],
    ['5xx: declared but unreachable fails closed', { url: SRC, outcome: 'error', detail: 'HTTP 500' }, [unreadable('unavailable: HTTP 500', 'The site declares an RSL licence that could not be fetched; Heed fails closed.')]],
    ['HTML instead of RSL fails closed', ok('<html><body>oops</body></html>'), [unreadable('unreadable: root element is <html>, not <rsl xmlns="https://rslstandard.org/rsl">')]],
    ['billion laughs body', ok(`<!DOCTYPE x [<!ENTITY a "&b;&b;"><!ENTITY b "&a;&a;">]><rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><permits type="usage">&a;</permits></license></content></rsl>`), [
      deny('content "/"; permits usage=&a;; payment=free', notFree('permits only &a;')),
    ]],
  ])('%s', (_name, fetched, expected) => {
    expect(evaluateRsl(fetched, 'https://site.test/a.jpg', AI)).toEqual(expected);
  });

  it('scope image for a Link header on the image response', () => {
    expect(evaluateRsl(ok(SIGNALS_EXAMPLE), 'https://site.test/images/a.jpg', AI, 'image')[0]).toMatchObject({ scope: 'image', effect: 'deny' });
  });

  it('never throws on junk', () => {
    // A file not as Heed fetches them fails closed: it never reads as no licence.
    expect(evaluateRsl(undefined as unknown as FetchedFile, 'x', AI)).toMatchObject([{ effect: 'deny', reason: 'signal-unreadable' }]);
    expect(evaluateRsl(ok(SIGNALS_EXAMPLE), 'not a url', AI)).toEqual([info('no <content> matches this image', 'The RSL licence does not cover this image.')]);
  });

  it('property: parse and evaluate never throw', () => {
    const xmlish = fc.array(fc.constantFrom('<rsl xmlns="https://rslstandard.org/rsl">', '<content url="/">', '<license>', '<permits type="usage">', 'ai-train', '&lt;', '&x;', '</permits>', '</license>', '</content>', '</rsl>', '<![CDATA[', ']]>', '<!--', '-->', '"', '<'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 500 }), xmlish), (xml) => {
        expect(typeof parseRslXml(xml).ok).toBe('boolean');
        expect(Array.isArray(evaluateRsl(ok(xml), 'https://site.test/a.jpg', AI))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('RSL prices that are not a plain number are not free (fail closed)', () => {
  const licence = (payment: string) => rsl(content('/', `<permits type="usage">ai-train</permits>${payment}`));
  const verdict = (payment: string) => evaluateRsl(ok(licence(payment)), 'https://site.test/a.jpg', AI);

  it.each<[string, string, string]>([
    ['"free" with a $-prefixed price', '<payment type="free"><amount currency="USD">$5</amount></payment>', 'free'],
    ['"free" with a price and its currency', '<payment type="free"><amount currency="USD">5 USD</amount></payment>', 'free'],
    ['"free" with a decimal comma', '<payment type="free"><amount currency="EUR">1,50</amount></payment>', 'free'],
    ['"free" with a hex price', '<payment type="free"><amount currency="USD">0x10</amount></payment>', 'free'],
    ['"free" with a zero and a second, real price', '<payment type="free"><amount currency="USD">0</amount><amount currency="EUR">5</amount></payment>', 'free'],
    ['no type, a price in words', '<payment><amount currency="USD">5.00 per image</amount></payment>', 'unspecified'],
    ['no type, no price (the type is not said to be free)', '<payment/>', 'unspecified'],
  ])('%s → deny rsl-prohibits', (_name, payment, type) => {
    expect(verdict(payment)).toEqual([deny(`content "/"; permits usage=ai-train; payment=${type}`, notFree(`payment: ${type}`))]);
  });

  it.each<[string, string]>([
    ['an empty free payment', '<payment type="free"/>'],
    ['a free payment of 0', '<payment type="free"><amount currency="USD">0</amount></payment>'],
    ['a free payment of 0.00', '<payment type="free"><amount currency="USD"> 0.00 </amount></payment>'],
  ])('%s stays free', (_name, payment) => {
    expect(verdict(payment)).toEqual([allow('content "/"; permits usage=ai-train; payment=free')]);
  });

  it('a plain 5.00 price stays paid', () => {
    expect(verdict('<payment type="training"><amount currency="USD">5.00</amount></payment>')).toEqual([deny('content "/"; permits usage=ai-train; payment=training', notFree('payment: training'))]);
    expect(verdict('<payment type="free"><amount currency="USD">5.00</amount></payment>')).toEqual([deny('content "/"; permits usage=ai-train; payment=free', notFree('payment: free'))]);
  });
});

describe('parsedRsl', () => {
  it('parses a document once however many images it is evaluated for, and still tells documents apart', () => {
    const body = SIGNALS_EXAMPLE;
    const first = parsedRsl(body);
    expect(first).toEqual(parseRslXml(body));
    expect(parsedRsl(body)).toBe(first); // the same result object: not parsed again
    const other = rsl(content('/x/*', '<permits type="usage">all</permits>'));
    expect(parsedRsl(other)).not.toBe(first);
    expect(parsedRsl(other)).toEqual(parseRslXml(other));
    // Only the last few are kept: after 16 others the first is read afresh (same answer).
    for (let i = 0; i < 16; i++) parsedRsl(rsl(content(`/n${i}/*`, '')));
    expect(parsedRsl(body)).not.toBe(first);
    expect(parsedRsl(body)).toEqual(first);
  });
});

describe('an RSL licence a page declares (declaredOn)', () => {
  const PAGE = 'https://site.test/gallery.html';
  const doc = ok(rsl(content('/images/*', '<prohibits type="usage">ai-train</prohibits>') + content('https://cdn.test/site/*', '<prohibits type="usage">all</prohibits>')));
  const effects = (imageUrl: string) => evaluateRsl(doc, imageUrl, AI, 'page', PAGE).map((e) => `${e.effect} ${e.reason ?? ''}`.trim());

  it('covers its own origin by path', () => {
    expect(effects('https://site.test/images/a.jpg')).toEqual(['deny rsl-prohibits']);
    expect(effects('https://site.test/other/a.jpg')).toEqual(['info']);
  });

  it('reaches another origin only through a full URL in <content url>', () => {
    expect(effects('https://cdn.test/images/a.jpg')).toEqual(['info']); // the path pattern is the page's site, not the CDN's
    expect(effects('https://cdn.test/site/a.jpg')).toEqual(['deny rsl-prohibits']);
  });

  // The page's own site serves its images from another host of it (img.site.test): the page's
  // RSL speaks for them, as its TDMRep meta does for images on its registrable domain (DESIGN.md §2
  // rule 3). Read as the page origin's only, its prohibition was lost and the image kept.
  it('covers its own site\'s other hosts by path too, and "this content" there', () => {
    expect(effects('https://img.site.test/images/a.jpg')).toEqual(['deny rsl-prohibits']);
    const thisContent = ok(rsl(content('', '<prohibits type="usage">ai-train</prohibits>')));
    expect(evaluateRsl(thisContent, 'https://img.site.test/x/a.jpg', AI, 'page', PAGE).map((e) => e.reason ?? e.effect)).toEqual(['rsl-prohibits']);
    expect(evaluateRsl(thisContent, 'https://cdn.test/x/a.jpg', AI, 'page', PAGE).map((e) => e.reason ?? e.effect)).toEqual(['info']);
  });

  it('without declaredOn (robots.txt License:) a path pattern is read against the image as before', () => {
    expect(evaluateRsl(doc, 'https://cdn.test/images/a.jpg', AI, 'site').map((e) => e.effect)).toEqual(['deny']);
  });
});

describe('rslPartialRestrictions', () => {
  const PAGE = 'https://site.test/index.html';
  it('names each content set that refuses the purpose and does not cover the page', () => {
    const doc = ok(
      rsl(
        content('/paid/*', '<permits type="usage">ai-train</permits><payment type="training"/>') +
          content('/free/*', '<permits type="usage">all</permits><payment type="free"/>') +
          content('/no-ai/*', '<prohibits type="usage">ai-train</prohibits>') +
          content('/either/*', '<permits type="usage">all</permits><payment type="training"/></license><license><permits type="usage">all</permits><payment type="free"/>'),
      ),
    );
    const found = rslPartialRestrictions(doc, PAGE, AI);
    expect(found.map((e) => [e.effect, e.reason, e.value.split(';')[0]])).toEqual([
      ['info', 'rsl-prohibits', 'content "/paid/*"'],
      ['info', 'rsl-prohibits', 'content "/no-ai/*"'],
    ]);
    expect(found[0]!.note).toContain('images there will be refused');
  });

  it('leaves the content covering the page to evaluateRsl, and says nothing for unreadable or absent documents', () => {
    expect(rslPartialRestrictions(ok(rsl(content('/', '<prohibits type="usage">all</prohibits>'))), PAGE, AI)).toEqual([]);
    expect(rslPartialRestrictions(ok('<rsl'), PAGE, AI)).toEqual([]);
    expect(rslPartialRestrictions({ url: SRC, outcome: 'absent' }, PAGE, AI)).toEqual([]);
  });

  it('depends on the purpose: a ban on AI training leaves research TDM (usage "all") free', () => {
    const doc = ok(rsl(content('/no-ai/*', '<prohibits type="usage">ai-train</prohibits>')));
    expect(rslPartialRestrictions(doc, PAGE, AI)).toHaveLength(1);
    expect(rslPartialRestrictions(doc, PAGE, TDM)).toEqual([]);
  });
});

describe('readRslLinkHeader', () => {
  it.each<[string[], string[]]>([
    [['<https://site.test/license.xml>; rel="license"; type="application/rsl+xml"'], ['https://site.test/license.xml']],
    [['</l.xml>; rel=license; type=application/rsl+xml, <https://creativecommons.org/licenses/by/4.0/>; rel="license"'], ['https://site.test/l.xml']],
    // A target that is not an http(s) URL is listed as written, never fetched: the shell records it
    // unread (origin-signals.test.ts › OriginSignals: an RSL licence whose address is not an http(s) URL).
    [['<https://a.test/x.xml>; rel="alternate license"; type="APPLICATION/RSL+XML"', '<javascript:alert(1)>; rel="license"; type="application/rsl+xml"'], ['https://a.test/x.xml', 'javascript:alert(1)']],
    [['garbage', ''], []],
    // A media type with parameters is still RSL (RFC 9110 §8.3.1), as the HTML reader takes it
    // (statements.ts isRslLink); it was read as a plain licence link and the RSL document never read.
    [['<https://a.test/p.xml>; rel="license"; type="application/rsl+xml; charset=utf-8"'], ['https://a.test/p.xml']],
    [['<https://a.test/q.xml>; rel="license"; type="application/rsl+xml;profile=1"'], ['https://a.test/q.xml']],
  ])('%j', (values, expected) => {
    expect(readRslLinkHeader(values, 'https://site.test/img/a.jpg')).toEqual(expected);
  });

  it('reads every link of a long header, keeping at most 16 distinct licences', () => {
    const rsl = (n: number) => `<https://a.test/${n}.xml>; rel=license; type=application/rsl+xml`;
    const others = Array.from({ length: 100 }, (_, i) => `<https://a.test/p${i}>; rel=preload`).join(', ');
    expect(readRslLinkHeader([`${others}, ${rsl(1)}, ${rsl(1)}`], 'https://site.test/')).toEqual(['https://a.test/1.xml']);
    expect(readRslLinkHeader([Array.from({ length: 40 }, (_, i) => rsl(i)).join(', ')], 'https://site.test/')).toHaveLength(16);
  });

  // Every link, but only the first 16,384 characters of a value and the first 64 values: fetch
  // joins a header's lines into one value, so an RSL licence after a long run of preload links
  // was never read, and its prohibition lost. The whole header is read now.
  it('an RSL licence past 16 KB of one value, or past the 64th value', () => {
    const rsl = '<https://a.test/l.xml>; rel=license; type=application/rsl+xml';
    const preload = Array.from({ length: 400 }, (_, i) => `<https://a.test/assets/chunk-${i}-0123456789abcdef.js>; rel=preload; as=script`).join(', ');
    expect(preload.length).toBeGreaterThan(16_384);
    expect(readRslLinkHeader([`${preload}, ${rsl}`], 'https://site.test/')).toEqual(['https://a.test/l.xml']);
    expect(readRslLinkHeader([...Array.from({ length: 70 }, (_, i) => `<https://a.test/p${i}>; rel=preload`), rsl], 'https://site.test/')).toEqual(['https://a.test/l.xml']);
  });
});

// RSL documents as sites write them: a full `<content url>` with the site's other scheme or its
// www host, and token lists separated by semicolons (DESIGN.md §2 rule 3; fail closed). Read
// both ways, the stricter answer wins: a loosely matching free permission never lifts a prohibition.
describe('messy RSL content URLs and token lists', () => {
  const refuses = (body: string, img = 'https://site.test/images/a.jpg') => evaluateRsl(ok(body), img, AI).some((e) => e.effect === 'deny' && e.reason === 'rsl-prohibits');
  const NO_TRAIN = '<prohibits type="usage">ai-train</prohibits>';

  it.each([
    ['http instead of https', rsl(content('http://site.test/images/*', NO_TRAIN))],
    ['the www host', rsl(content('https://www.site.test/images/', NO_TRAIN))],
    ['a semicolon-separated usage list', rsl(content('/images/*', '<prohibits type="usage">search;ai-train</prohibits>'))],
  ])('%s refuses', (_, body) => {
    expect(refuses(body)).toBe(true);
  });

  it('a loosely matching free permission does not lift the exact prohibition', () => {
    const body = rsl(content('http://site.test/images/', '<permits type="usage">all</permits><payment type="free"/>') + content('/', NO_TRAIN));
    expect(refuses(body)).toBe(true);
  });

  it('another site’s content URL still does not match', () => {
    expect(refuses(rsl(content('https://other.test/images/', NO_TRAIN)))).toBe(false);
  });

  it('a semicolon in a permission grants nothing more', () => {
    expect(refuses(rsl(content('/images/*', '<permits type="usage">search;ai-train</permits><payment type="free"/>')))).toBe(true);
  });
});

// DESIGN.md §2 rule 2: paths are checked as written and merged, the stricter answer wins — as for
// robots.txt, ai.txt and tdmrep.json. `//images/a.jpg` was "no <content> matches this image".
describe('RSL content paths and repeated slashes in the image path', () => {
  const NO_TRAIN = '<prohibits type="usage">ai-train</prohibits>';
  const found = (body: string, img: string) => evaluateRsl(ok(body), img, AI).map((e) => e.reason ?? e.effect);

  it.each(['https://site.test//images/a.jpg', 'https://site.test/images//a.jpg', 'https://site.test///images/a.jpg?w=800'])('%s meets <content url="/images/"> (rsl-prohibits)', (img) => {
    expect(found(rsl(content('/images/', NO_TRAIN)), img)).toEqual(['rsl-prohibits']);
    expect(found(rsl(content('https://site.test/images/*', NO_TRAIN)), img)).toEqual(['rsl-prohibits']);
  });

  // Servers such as nginx and S3 serve /images%2Fa.jpg as /images/a.jpg.
  it.each(['https://site.test/images%2Fa.jpg', 'https://site.test/images%2fa.jpg'])('%s (an encoded slash) meets <content url="/images/"> (rsl-prohibits)', (img) => {
    expect(found(rsl(content('/images/', NO_TRAIN)), img)).toEqual(['rsl-prohibits']);
  });

  it('a free permission for the path as written does not lift the prohibition of the merged path', () => {
    const body = rsl(content('//images/', '<permits type="usage">all</permits><payment type="free"/>') + content('/images/', NO_TRAIN));
    expect(found(body, 'https://site.test//images/a.jpg')).toEqual(['rsl-prohibits']);
  });

  it('benign cases are unchanged; the merged reading only adds refusals, never a permission', () => {
    expect(found(rsl(content('/images/', NO_TRAIN)), 'https://site.test//other/a.jpg')).toEqual(['info']);
    expect(found(rsl(content('/images/', NO_TRAIN)), 'https://site.test/other//a.jpg')).toEqual(['info']);
    expect(found(rsl(content('/images/', '<permits type="usage">all</permits><payment type="free"/>')), 'https://site.test/images/a.jpg')).toEqual(['allow']);
    expect(found(rsl(content('/images/', '<permits type="usage">all</permits><payment type="free"/>')), 'https://site.test//images/a.jpg')).toEqual(['info']);
  });
});

// A licence that excludes some users or places (`<prohibits type="user">commercial</prohibits>`,
// `<prohibits type="geo">`) grants nothing Heed can rely on: it cannot know the user's kind or
// place, as with `<permits type="user|geo">`. It was read as a free permission, so the image was kept.
describe('RSL prohibitions of users or places, and types Heed does not know', () => {
  const reasons = (license: string) => evaluateRsl(ok(rsl(content('/images/*', license))), 'https://site.test/images/a.jpg', AI).map((e) => e.reason ?? e.effect);
  it.each([
    ['a user prohibition', '<permits type="usage">ai-train</permits><prohibits type="user">commercial</prohibits><payment type="free"/>'],
    ['a geo prohibition', '<permits type="usage">all</permits><prohibits type="geo">US EU</prohibits>'],
    ['a permission of a type Heed does not know', '<permits type="usage">ai-train</permits><permits type="purpose">research</permits>'],
    ['a prohibition of a type Heed does not know', '<permits type="usage">ai-train</permits><prohibits type="org">acme</prohibits>'],
  ])('%s is a condition Heed cannot check: refused', (_, license) => {
    expect(reasons(license)).toEqual(['rsl-prohibits']);
  });
  it('the note names the condition', () => {
    const [e] = evaluateRsl(ok(rsl(content('/images/*', '<permits type="usage">ai-train</permits><prohibits type="user">commercial</prohibits>'))), 'https://site.test/images/a.jpg', AI);
    expect(e?.note).toBe(notFree('not for users: commercial'));
  });
  it('an empty prohibition of users is no condition', () => {
    expect(reasons('<permits type="usage">ai-train</permits><prohibits type="user"> </prohibits>')).toEqual(['allow']);
  });
});

// Past Heed's reading caps the rest of an RSL document was dropped silently: a `/img/` content
// set prohibiting ai-train after 1,000 free ones, or a prohibition after 100 free licences or
// 100 other tokens, was never read, so the image was kept. Past a cap the document is unreadable
// (fails closed, DESIGN.md §2 rule 5); a document within the caps reads as before.
describe('RSL documents past the reading caps', () => {
  const IMG_URL = 'https://site.test/img/owl.jpg';
  const FREE = '<permits type="usage">all</permits>';
  const NO_TRAIN = '<prohibits type="usage">ai-train</prohibits>';
  const sections = (n: number) => Array.from({ length: n }, (_, i) => content(`/section${i}/`, FREE)).join('');
  const reasons = (body: string) => evaluateRsl(ok(body), IMG_URL, AI).map((e) => e.reason ?? e.effect);

  it('a prohibition after 1,000 other <content> sets: unreadable', () => {
    const body = rsl(content('/', FREE) + sections(1000) + content('/img/', NO_TRAIN));
    expect(evaluateRsl(ok(body), IMG_URL, AI)).toEqual([unreadable('unreadable: more than 1000 <content> elements')]);
  });

  it('a prohibition after 100 free licences of one <content>: unreadable', () => {
    const body = rsl(`<content url="/img/">${`<license>${FREE}</license>`.repeat(100)}<license>${NO_TRAIN}</license></content>`);
    expect(evaluateRsl(ok(body), IMG_URL, AI)).toEqual([unreadable('unreadable: a <content> has more than 100 <license> elements')]);
  });

  it('ai-train as the 101st token of a prohibition: unreadable', () => {
    const tokens = [...Array.from({ length: 100 }, (_, i) => `use${i}`), 'ai-train'].join(' ');
    const body = rsl(content('/img/', `<permits type="usage">all</permits><prohibits type="usage">${tokens}</prohibits>`));
    expect(evaluateRsl(ok(body), IMG_URL, AI)).toEqual([unreadable('unreadable: a <prohibits> lists more than 100 tokens')]);
  });

  it('ai-train after 64 KiB of blanks in a prohibition (the XML reader keeps 64 KiB of an element\'s text): unreadable', () => {
    const body = rsl(content('/img/', `<permits type="usage">all</permits><prohibits type="usage">${' '.repeat(65536)}ai-train</prohibits>`));
    expect(evaluateRsl(ok(body), IMG_URL, AI)).toEqual([unreadable('unreadable: a <prohibits> longer than 65536 characters')]);
  });

  it('within the caps nothing changes: 1,000 content sets, 100 licences, 100 tokens', () => {
    expect(reasons(rsl(content('/img/', NO_TRAIN) + sections(999)))).toEqual(['rsl-prohibits']);
    expect(reasons(rsl(content('/', FREE) + sections(999)))).toEqual(['allow']);
    expect(reasons(rsl(`<content url="/img/">${`<license>${FREE}</license>`.repeat(99)}<license>${NO_TRAIN}</license></content>`))).toEqual(['rsl-prohibits']);
    const tokens = [...Array.from({ length: 99 }, (_, i) => `use${i}`), 'ai-train', 'ai-train'].join(' ');
    expect(reasons(rsl(content('/img/', `<prohibits type="usage">${tokens}</prohibits>`)))).toEqual(['rsl-prohibits']);
  });
});

// An absolute `<content url>` with `%25` or a non-UTF-8 escape went through decodeURI and matched
// nothing; it is now compared as written, like a path. One that cannot be read fails closed.
describe('absolute RSL content URLs with escapes', () => {
  const NO_TRAIN = '<prohibits type="usage">ai-train</prohibits>';
  const found = (url: string, img: string) => evaluateRsl(ok(rsl(content(url, NO_TRAIN))), img, AI).map((e) => e.reason ?? e.effect);

  it.each([
    ['https://site.test/fotos/caf%E9/*', 'https://site.test/fotos/caf%E9/a.jpg'],
    ['https://site.test/100%25/*', 'https://site.test/100%25/a.jpg'],
  ])('<content url="%s"> covers %s', (url, img) => {
    expect(found(url, img)).toEqual(['rsl-prohibits']);
  });

  it('a content URL that cannot be read is signal-unreadable, and benign paths are unchanged', () => {
    expect(found('https://site.test:99999/img/', 'https://site.test/img/a.jpg')).toEqual(['signal-unreadable']);
    expect(found('https://site.test/100%25/*', 'https://site.test/100/a.jpg')).toEqual(['info']);
  });
});

// A `<content url>` naming an entity its DOCTYPE declares was read as the literal path `&imgs;`
// (entities are never expanded), which covers no image: the `<prohibits>` the owner wrote for
// /img/ was lost and the site-wide free licence kept the image. Such a document is unreadable.
describe('RSL content URLs that refer to DOCTYPE entities', () => {
  const IMG = 'https://site.test/img/a.jpg';
  const FREE_ALL = '<permits type="usage">all</permits><payment type="free"/>';
  const NO_TRAIN = '<prohibits type="usage">ai-train</prohibits>';
  const dtd = '<!DOCTYPE rsl [<!ENTITY imgs "/img/">]>';

  it('a content set whose url is an entity: unreadable, not "covers nothing"', () => {
    const body = `${dtd}<rsl xmlns="https://rslstandard.org/rsl">${content('/', FREE_ALL)}${content('&imgs;', NO_TRAIN)}</rsl>`;
    expect(evaluateRsl(ok(body), IMG, AI)).toMatchObject([{ effect: 'deny', reason: 'signal-unreadable' }]);
    expect(parseRslXml(body).ok).toBe(false);
  });

  it('an entity inside an absolute url too', () => {
    const body = `<!DOCTYPE rsl [<!ENTITY h "site.test">]><rsl xmlns="https://rslstandard.org/rsl">${content('/', FREE_ALL)}${content('https://&h;/img/*', NO_TRAIN)}</rsl>`;
    expect(evaluateRsl(ok(body), IMG, AI)).toMatchObject([{ effect: 'deny', reason: 'signal-unreadable' }]);
  });

  it('a DOCTYPE alone, or an escaped ampersand without one, reads as before', () => {
    expect(evaluateRsl(ok(`${dtd}<rsl xmlns="https://rslstandard.org/rsl">${content('/', FREE_ALL)}</rsl>`), IMG, AI)).toMatchObject([{ effect: 'allow' }]);
    expect(parseRslXml(rsl(content('/a?x=1&amp;y;', FREE_ALL)))).toMatchObject({ ok: true, value: { contents: [{ url: '/a?x=1&y;' }] } });
  });
});

// An RSL licence linked with its relation written a little off (`rel='license'`, `licence`, the
// relation's IRI; link-header.test.ts › licence links whose relation is written a little off)
// was never fetched, and a prohibition in it never read. It is read now (it can only refuse).
describe('RSL licences linked with the relation written a little off', () => {
  it.each([`rel='license'`, 'rel="licence"', 'rel="http://www.w3.org/1999/xhtml/vocab#license"'])('%s is fetched', (rel) => {
    expect(readRslLinkHeader([`<https://s.test/rsl.xml>; ${rel}; type="application/rsl+xml"`], 'https://s.test/a.jpg')).toEqual(['https://s.test/rsl.xml']);
  });
  it('another relation is not', () => {
    expect(readRslLinkHeader(['<https://s.test/rsl.xml>; rel="alternate"; type="application/rsl+xml"'], 'https://s.test/a.jpg')).toEqual([]);
  });
});

// An RSL element written where RSL 1.0 does not put it was never read: a `<license>` straight
// under `<rsl>`, a `<prohibits>` straight under `<content>`, a `<content>` inside another element,
// or a `<prohibits>` whose tokens sit in child elements, left a free licence beside it granting
// what it refused.
describe('RSL elements out of place', () => {
  const FREE_ALL = '<content url="/"><license><permits type="usage">all</permits><payment type="free"/></license></content>';
  it.each<[string, string]>([
    ['a <license> straight under <rsl>', rsl(`${FREE_ALL}<license><prohibits type="usage">ai-train</prohibits></license>`)],
    ['a <prohibits> straight under <content>', rsl('<content url="/"><license><permits type="usage">all</permits><payment type="free"/></license><prohibits type="usage">all</prohibits></content>')],
    ['a <payment> straight under <content>', rsl('<content url="/"><license><permits type="usage">all</permits></license><payment type="purchase"><amount>5</amount></payment></content>')],
    ['a <content> inside a nested <rsl>', rsl(`${FREE_ALL}<rsl>${content('/img/', '<prohibits type="usage">all</prohibits>')}</rsl>`)],
    ['a <content> inside an element of no RSL meaning', rsl(`${FREE_ALL}<group>${content('/img/', '<prohibits type="usage">all</prohibits>')}</group>`)],
    ['a <prohibits> whose tokens sit in child elements', rsl(content('/', '<permits type="usage">all</permits><prohibits type="usage"><token>all</token></prohibits><payment type="free"/>'))],
  ])('%s makes the licence unreadable, never read without it', (_name, xml) => {
    for (const profile of [AI, TDM]) {
      expect(evaluateRsl(ok(xml), 'https://site.test/img/a.jpg', profile).map((e) => [e.effect, e.reason])).toEqual([['deny', 'signal-unreadable']]);
    }
  });

  it('elements in their places, and extensions of another namespace anywhere, read as before', () => {
    const xml = rsl('<content url="/"><x:note xmlns:x="urn:ext"><x:license/></x:note><license><permits type="usage">all</permits><payment type="free"><amount currency="USD">0</amount></payment><x:prohibits xmlns:x="urn:ext">all</x:prohibits></license></content>');
    expect(evaluateRsl(ok(xml), 'https://site.test/img/a.jpg', AI)).toMatchObject([{ effect: 'allow' }]);
  });
});

// A `<content url>` path written with a fragment (`/img/a.jpg#top`) matched no image (a browser
// never sends the fragment), so the prohibition it held was lost and `<content url="/">`'s free
// licence kept the image. It is also read without the fragment now, for refusals only.
describe('RSL content paths written with a fragment', () => {
  const FREE_ALL = '<permits type="usage">all</permits><payment type="free"/>';
  it('a prohibition for the path without its fragment refuses', () => {
    const xml = rsl(content('/', FREE_ALL) + content('/img/a.jpg#top', '<prohibits type="usage">ai-train</prohibits>'));
    expect(evaluateRsl(ok(xml), 'https://site.test/img/a.jpg', AI).map((e) => [e.effect, e.reason])).toEqual([['deny', 'rsl-prohibits']]);
    expect(evaluateRsl(ok(xml), 'https://site.test/img/b.jpg', AI).map((e) => e.effect)).toEqual(['allow']);
  });
  it('a permission so written never lifts a broader refusal', () => {
    const xml = rsl(content('/', '<prohibits type="usage">all</prohibits>') + content('/img/a.jpg#top', FREE_ALL));
    expect(evaluateRsl(ok(xml), 'https://site.test/img/a.jpg', AI).map((e) => [e.effect, e.reason])).toEqual([['deny', 'rsl-prohibits']]);
  });
});

// A `server` attribute written on the `<license>` or on `<rsl>` rather than on `<content>` was
// not read: the licence read as free with no licence server, and the image was kept.
describe('RSL licence servers named on another element', () => {
  const FREE_ALL = '<permits type="usage">all</permits><payment type="free"/>';
  it.each<[string, string]>([
    ['on the <license>', rsl(`<content url="/"><license server="https://lic.test/api">${FREE_ALL}</license></content>`)],
    ['on <rsl>', `<rsl xmlns="https://rslstandard.org/rsl" server="https://lic.test/api">${content('/', FREE_ALL)}</rsl>`],
  ])('a server %s must still be asked', (_name, xml) => {
    const out = evaluateRsl(ok(xml), 'https://site.test/img/a.jpg', AI);
    expect(out.map((e) => [e.effect, e.reason])).toEqual([['deny', 'rsl-prohibits']]);
    expect(out[0]!.note).toContain('https://lic.test/api');
  });
});

// An RSL element with an attribute written twice (not well-formed XML) was read by its first:
// `<content url="/nothing/" url="/img/">` holding a prohibition covered /nothing/ only, and a
// free licence for `/` kept /img/a.jpg.
describe('RSL attributes written twice', () => {
  const FREE_ALL = content('/', '<permits type="usage">all</permits><payment type="free"/>');
  it.each<[string, string]>([
    ['a <content url> given twice', rsl(`${FREE_ALL}<content url="/nothing/" url="/img/"><license><prohibits type="usage">all</prohibits></license></content>`)],
    ['a <prohibits type> given twice', rsl(content('/', '<permits type="usage">all</permits><prohibits type="geo" type="usage">ai-train</prohibits><payment type="free"/>'))],
    ['a <payment type> given twice', rsl(content('/', '<permits type="usage">all</permits><payment type="free" type="purchase"/>'))],
  ])('%s makes the licence unreadable', (_name, xml) => {
    expect(evaluateRsl(ok(xml), 'https://site.test/img/a.jpg', AI).map((e) => [e.effect, e.reason])).toEqual([['deny', 'signal-unreadable']]);
  });
});

// XML attribute names are case-sensitive, and a prefixed `r:url` is another attribute than `url`:
// `<content URL="/public/">` was read as a content set with no url, which covers every image, so a
// free licence the owner wrote for /public/ kept /private/a.jpg; `SERVER="…"` was read as no licence
// server at all. Decision (DESIGN.md §2 rules 3 and 5): which the owner meant cannot be known, so an
// attribute Heed reads written in another case or with a prefix makes the licence unreadable.
describe('RSL attributes Heed reads written in another case or with a prefix', () => {
  const FREE_ALL = '<permits type="usage">all</permits><payment type="free"/>';
  it.each<[string, string]>([
    ['<content URL>', rsl(`<content URL="/public/"><license>${FREE_ALL}</license></content>`)],
    ['<content Url>', rsl(`<content Url="/public/"><license>${FREE_ALL}</license></content>`)],
    ['<content SERVER>', rsl(`<content url="/" SERVER="https://lic.test/api"><license>${FREE_ALL}</license></content>`)],
    ['<license Server>', rsl(`<content url="/"><license Server="https://lic.test/api">${FREE_ALL}</license></content>`)],
    ['<content r:url>', `<rsl xmlns="https://rslstandard.org/rsl" xmlns:r="https://rslstandard.org/rsl"><content r:url="/public/"><license>${FREE_ALL}</license></content></rsl>`],
    ['<payment TYPE>', rsl(content('/', '<permits type="usage">all</permits><payment TYPE="free"/>'))],
  ])('%s makes the licence unreadable, never a free licence', (_name, xml) => {
    expect(evaluateRsl(ok(xml), 'https://site.test/private/a.jpg', AI).map((e) => [e.effect, e.reason])).toEqual([['deny', 'signal-unreadable']]);
  });
  it('the same licence written in lower case is read as before', () => {
    const xml = rsl(`<content url="/public/"><license>${FREE_ALL}</license></content>`);
    expect(evaluateRsl(ok(xml), 'https://site.test/public/a.jpg', AI).map((e) => e.effect)).toEqual(['allow']);
  });
});

// An RSL licence linked in a form link-header.ts reads as a licence statement it cannot read —
// `rel*=UTF-8''license` (RFC 8187's form) or a link-value without angle brackets — was never
// fetched: the response's plain licences were marked unread (a conflict only in licensed mode),
// and in opt-out mode the prohibition in the RSL document was never read, so the image was kept.
describe('RSL licences linked in a form RFC 8288 does not write', () => {
  const IMG = 'https://s.test/img/a.jpg';
  it('a link whose relation is given only as rel*= is fetched', () => {
    expect(readRslLinkHeader([`<https://s.test/rsl.xml>; rel*=UTF-8''license; type="application/rsl+xml"`], IMG)).toEqual(['https://s.test/rsl.xml']);
    expect(readRslLinkHeader([`</rsl.xml>; REL*=utf-8'en'licen%63e; type=application/rsl+xml`], IMG)).toEqual(['https://s.test/rsl.xml']);
  });
  it('a link-value without angle brackets is fetched', () => {
    expect(readRslLinkHeader([`https://s.test/rsl.xml; rel="license"; type="application/rsl+xml"`], IMG)).toEqual(['https://s.test/rsl.xml']);
    expect(readRslLinkHeader([`<https://s.test/style.css>; rel=preload, /l.xml; rel=license; type="application/rsl+xml"`], IMG)).toEqual(['https://s.test/l.xml']);
  });
  it('unchanged: such links of another relation or type are not', () => {
    expect(readRslLinkHeader([`<https://s.test/rsl.xml>; rel*=UTF-8''alternate; type="application/rsl+xml"`], IMG)).toEqual([]);
    expect(readRslLinkHeader([`https://s.test/rsl.xml; rel="license"`], IMG)).toEqual([]);
  });
});

// An RSL licence linked with a target that is not an http(s) URL (`<urn:…>`, `<ftp://…>`):
// headerLinks skips such links, so it was never listed; link-header.ts marks the plain licences
// unread (a conflict only in licensed mode), and opt-out mode kept the image.
describe('RSL licences linked with a target Heed cannot fetch', () => {
  it('a urn: or ftp: target is listed, so the shell records it unread', () => {
    expect(readRslLinkHeader(['<urn:rsl:site:1>; rel="license"; type="application/rsl+xml"'], 'https://s.test/img/a.jpg')).toEqual(['urn:rsl:site:1']);
    expect(readRslLinkHeader(['<https://s.test/x>; rel=next, <ftp://s.test/l.xml>; rel=license; type=application/rsl+xml'], 'https://s.test/img/a.jpg')).toEqual(['ftp://s.test/l.xml']);
  });
  it('unchanged: such a target of another relation or type is not', () => {
    expect(readRslLinkHeader(['<urn:rsl:site:1>; rel="alternate"; type="application/rsl+xml"', '<urn:x>; rel="license"'], 'https://s.test/img/a.jpg')).toEqual([]);
  });
});
