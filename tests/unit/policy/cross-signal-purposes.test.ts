import { describe, expect, it } from 'vitest';
import { originFiles } from './fixtures/origin-files';
import { EMPTY_RIGHTS } from './fixtures/empty-rights';
import { assessImage, assessPage, type HeaderMap, type ImageInputs, type PageInputs } from '../../../utils/policy/assess';
import type { Decision } from '../../../utils/policy/decide';
import type { ImageCandidate } from '../../../utils/policy/verdict';
import type { PageSignals } from '../../../utils/page/page-signals';
import type { EmbeddedRights } from '../../../utils/signals/xmp';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import { evaluateEmbeddedRights } from '../../../utils/signals/xmp';
import { evaluateC2pa } from '../../../utils/signals/c2pa';
import { tdmMetaFrom } from '../../../utils/signals/tdmrep';
import { parseSettings } from '../../../utils/model/settings';
import { purposeProfile } from '../../../utils/model/purposes';
import type { Evidence, Purpose } from '../../../utils/model/evidence';
import { app11Segments, cborAssertion, jpeg, manifestStore } from '../media/image-fixtures';

/*
 * Cross-signal, cross-purpose consistency: the SAME owner refusal, written in each signal Heed reads,
 * decided end to end (assessPage → assessImage) for every purpose. An image that carries an accepted
 * licence of its own (XMP CC0) and nothing else is permitted; each row adds one refusal, and every
 * purpose the refusal's words cover must then refuse. A row's `binds` names the purposes DESIGN.md §2
 * scopes the signal to (Content-Usage `train-ai` and Content-Signal `ai-train` bind the two AI
 * purposes; robots.txt tokens bind the purposes ai-tokens.ts lists them for; an AI-training-only
 * prohibition does not bind research-tdm); the others must stay permitted, so no row is a false refusal.
 */

const PURPOSES: readonly Purpose[] = ['ai-training', 'genai-training', 'research-tdm'];
const AI: readonly Purpose[] = ['ai-training', 'genai-training'];
const ALL = PURPOSES;

const ORIGIN = 'https://photos.example';
const PAGE = `${ORIGIN}/gallery/`;
const IMG = `${ORIGIN}/img/a.jpg`;
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';

/** One way of writing a refusal: what it adds to the page, its origin's files, the image response or the bytes. */
interface Refusal {
  robots?: string;
  aiTxt?: string;
  tdmrep?: string;
  rsl?: string;
  pageHeaders?: HeaderMap;
  imageHeaders?: HeaderMap;
  metas?: { name: string; content: string }[];
  rights?: Partial<EmbeddedRights>;
  c2pa?: Uint8Array;
}

const rslDoc = (usage: string) => `<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license><prohibits type="usage">${usage}</prohibits></license></content></rsl>`;
const c2paStore = (entries: Record<string, { use: string }>) => jpeg({ segments: app11Segments(manifestStore([cborAssertion('cawg.training-mining', { entries })])) });

function decideUnder(purpose: Purpose, r: Refusal): Decision {
  const settings = parseSettings({ purpose });
  const profile = purposeProfile(purpose);
  const files: OriginFiles = originFiles(ORIGIN, {
    ...(r.robots !== undefined ? { robots: { url: `${ORIGIN}/robots.txt`, outcome: 'ok' as const, body: r.robots } } : {}),
    ...(r.aiTxt !== undefined ? { aiTxt: { url: `${ORIGIN}/ai.txt`, outcome: 'ok' as const, body: r.aiTxt } } : {}),
    ...(r.tdmrep !== undefined ? { tdmrep: { url: `${ORIGIN}/.well-known/tdmrep.json`, outcome: 'ok' as const, body: r.tdmrep } } : {}),
    ...(r.rsl !== undefined ? { rsl: [{ url: `${ORIGIN}/license.xml`, outcome: 'ok' as const, body: r.rsl }] } : {}),
  });
  const metas = r.metas ?? [];
  const signals: PageSignals = {
    url: PAGE, title: 'Gallery', metas, tdm: tdmMetaFrom(metas),
    licence: { pageUrl: PAGE, licences: [], rslLinks: [], imageObjects: [], unreadable: [], truncated: false }, rsl: [],
  };
  const pageInputs: PageInputs = { page: signals, headers: r.pageHeaders ?? {}, origin: files };
  const page = assessPage(pageInputs, settings);
  const xmp = evaluateEmbeddedRights({ ...EMPTY_RIGHTS, xmp: true, webStatement: CC0, ...r.rights }, profile);
  const evidence: Evidence[] = [...xmp.evidence, ...(r.c2pa ? evaluateC2pa(r.c2pa, profile) : [])];
  const image: ImageInputs = {
    url: IMG, finalUrl: IMG, headers: r.imageHeaders ?? {}, redirects: [], origins: [files],
    embedded: { evidence, licence: xmp.licence },
  };
  const candidate: ImageCandidate = { url: IMG, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [] };
  return assessImage(page, image, candidate, settings);
}

/** Each purpose's decision: `refused` for those the refusal binds, `permitted` for the others. */
function expectBinds(r: Refusal, binds: readonly Purpose[]): void {
  const got = Object.fromEntries(PURPOSES.map((p) => [p, decideUnder(p, r).decision]));
  const want = Object.fromEntries(PURPOSES.map((p) => [p, binds.includes(p) ? 'refused' : 'permitted']));
  expect(got).toEqual(want);
}

describe('cross-signal baseline: an image with its own accepted licence and no refusal', () => {
  it('is permitted under every purpose', () => {
    expectBinds({}, []);
  });
});

describe('cross-signal: robots.txt groups for the purpose’s AI tokens', () => {
  it('a Disallow for each token refuses exactly the purposes that token binds', () => {
    const tokens = new Set(PURPOSES.flatMap((p) => purposeProfile(p).robotsTokens));
    for (const token of tokens) {
      const binds = PURPOSES.filter((p) => purposeProfile(p).robotsTokens.includes(token));
      expectBinds({ robots: `User-agent: ${token}\nDisallow: /img/` }, binds);
      expectBinds({ robots: `user-agent: ${token.toUpperCase()}\ndisallow: /` }, binds);
    }
  });
  it('a Disallow for every crawler refuses every purpose', () => {
    expectBinds({ robots: 'User-agent: *\nDisallow: /' }, ALL);
  });
});

/** Content-Usage values, each with the purposes its words cover (DESIGN.md §2 rule 3; SIGNALS.md §2.1). */
const CONTENT_USAGE: [string, readonly Purpose[]][] = [
  ['train-ai=n', AI],
  ['train-ai=n, search=y', AI],
  ['train-genai=n', AI],
  ['ai=n', AI],
  ['*=n', ALL],
  ['all=n', ALL],
  ['bots=n', ALL],
  ['tdm=n', ALL],
];

describe('cross-signal: Content-Usage in robots.txt and in the response header', () => {
  it('each value refuses the purposes it covers, in a robots.txt `*` group', () => {
    for (const [value, binds] of CONTENT_USAGE) expectBinds({ robots: `User-agent: *\nAllow: /\nContent-Usage: ${value}` }, binds);
  });
  it('each value refuses the purposes it covers, on the image response', () => {
    for (const [value, binds] of CONTENT_USAGE) expectBinds({ imageHeaders: { 'content-usage': value } }, binds);
  });
  it('each value refuses the purposes it covers, on the page response', () => {
    for (const [value, binds] of CONTENT_USAGE) expectBinds({ pageHeaders: { 'content-usage': value } }, binds);
  });
});

describe('cross-signal: Cloudflare Content-Signal in robots.txt and in the response header', () => {
  const values: [string, readonly Purpose[]][] = [
    ['search=yes, ai-train=no', AI],
    ['AI-Train=No', AI],
    ['train-ai=no', AI],
    ['ai_train=no', AI],
  ];
  it('each value refuses the purposes it covers, in robots.txt and on the image response', () => {
    for (const [value, binds] of values) {
      expectBinds({ robots: `User-agent: *\nAllow: /\nContent-Signal: ${value}` }, binds);
      expectBinds({ imageHeaders: { 'content-signal': value } }, binds);
    }
  });
  it('an ordinary search=yes, ai-input=yes, ai-train=yes still permits every purpose', () => {
    expectBinds({ robots: 'User-agent: *\nAllow: /\nContent-Signal: search=yes, ai-input=yes, ai-train=yes' }, []);
    expectBinds({ imageHeaders: { 'content-signal': 'search=yes, ai-input=yes, ai-train=yes' } }, []);
  });
});

describe('cross-signal: X-Robots-Tag and robots metas', () => {
  const words = ['noai', 'noimageai', 'NOAI', 'no-ai', 'noai, noimageai', 'noindex', 'none'];
  it('each opt-out word refuses every purpose, on the image response, the page response and in a robots meta', () => {
    for (const w of words) {
      expectBinds({ imageHeaders: { 'x-robots-tag': w } }, ALL);
      expectBinds({ pageHeaders: { 'x-robots-tag': w } }, ALL);
      expectBinds({ metas: [{ name: 'robots', content: w }] }, ALL);
    }
  });
  it('addressed to a crawler, it refuses the purposes that crawler’s token binds', () => {
    expectBinds({ imageHeaders: { 'x-robots-tag': 'CCBot: noai' } }, ALL);
    expectBinds({ imageHeaders: { 'x-robots-tag': 'GPTBot: noimageai' } }, AI);
    expectBinds({ metas: [{ name: 'GPTBot', content: 'noai' }] }, AI);
    expectBinds({ metas: [{ name: 'heed', content: 'noimageai' }] }, ALL);
  });
});

describe('cross-signal: TDMRep in the header, the meta and tdmrep.json', () => {
  it('tdm-reservation 1 refuses every purpose wherever it is written', () => {
    expectBinds({ imageHeaders: { 'tdm-reservation': '1' } }, ALL);
    expectBinds({ pageHeaders: { 'tdm-reservation': '1' } }, ALL);
    expectBinds({ metas: [{ name: 'tdm-reservation', content: '1' }] }, ALL);
    expectBinds({ tdmrep: '[{"location":"/img/*","tdm-reservation":1}]' }, ALL);
  });
});

describe('cross-signal: ai.txt and RSL', () => {
  it('an ai.txt Disallow for every agent, or for the image type, refuses every purpose', () => {
    expectBinds({ aiTxt: 'User-Agent: *\nDisallow: /' }, ALL);
    expectBinds({ aiTxt: 'User-Agent: *\nDisallow: *.jpg' }, ALL);
    expectBinds({ aiTxt: 'User-Agent: GPTBot\nDisallow: /' }, AI);
  });
  it('an RSL prohibition refuses the purposes its usage covers', () => {
    expectBinds({ rsl: rslDoc('all') }, ALL);
    expectBinds({ rsl: rslDoc('ai-train') }, AI);
    expectBinds({ rsl: rslDoc('ai-all') }, AI);
    expectBinds({ rsl: rslDoc('train-ai') }, AI);
  });
});

describe('cross-signal: embedded XMP, C2PA and plain-language rights text', () => {
  it('plus:DataMining refuses the purposes its ID covers', () => {
    expectBinds({ rights: { dataMining: ['http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED'] } }, ALL);
    expectBinds({ rights: { dataMining: ['DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING'] } }, ALL);
    expectBinds({ rights: { dataMining: ['DMI-PROHIBITED-AIMLTRAINING'] } }, AI);
    expectBinds({ rights: { dataMining: ['DMI-PROHIBITED-GENAIMLTRAINING'] } }, AI);
  });
  it('a C2PA or CAWG training-mining entry refuses the purposes its key covers', () => {
    expectBinds({ c2pa: c2paStore({ 'cawg.data_mining': { use: 'notAllowed' } }) }, ALL);
    expectBinds({ c2pa: c2paStore({ 'cawg.ai_training': { use: 'notAllowed' } }) }, AI);
    expectBinds({ c2pa: c2paStore({ 'cawg.ai_generative_training': { use: 'constrained' } }) }, AI);
  });
  it('a refusal in words in IPTC or EXIF refuses the purposes its words cover', () => {
    expectBinds({ rights: { plainRefusals: [{ source: 'iptc', field: 'IPTC Copyright Notice', text: '© Ann. No text and data mining.' }] } }, ALL);
    expectBinds({ rights: { plainRefusals: [{ source: 'exif', field: 'EXIF Copyright', text: '© Ann. No AI training.' }] } }, AI);
  });
});

// Content-Signal reads `train_ai=no` as `train-ai=no`, and RSL reads `train-ai` as `ai-train`; Content-Usage read
// `train_ai=n` as an unknown label, so the image was kept.
describe('cross-signal: a Content-Usage label written with an underscore', () => {
  it('train_ai=n and train_genai=n refuse the AI purposes, in robots.txt and in the header', () => {
    for (const value of ['train_ai=n', 'train_genai=n', 'search=y, train_ai=n']) {
      expectBinds({ robots: `User-agent: *\nAllow: /\nContent-Usage: ${value}` }, AI);
      expectBinds({ imageHeaders: { 'content-usage': value } }, AI);
    }
  });
  it('unchanged: train-ai=y beside search=y still permits every purpose', () => {
    expectBinds({ imageHeaders: { 'content-usage': 'train-ai=y, search=y' } }, []);
    expectBinds({ robots: 'User-agent: *\nAllow: /\nContent-Usage: train-ai=y' }, []);
  });
});

// Content-Usage `*=n`, `all=n`, `bots=n` and `tdm=n` refuse every purpose; the same words in Content-Signal syntax
// refused the AI purposes at most, and research-tdm (which has no Content-Signal key) kept the image.
describe('cross-signal: Content-Signal refusing every use, or text and data mining', () => {
  it('*=no, all=no, bots=no and tdm=no refuse every purpose, in robots.txt and in the header', () => {
    for (const value of ['*=no', 'all=no', 'bots=no', 'tdm=no', 'search=yes, tdm=no']) {
      expectBinds({ robots: `User-agent: *\nAllow: /\nContent-Signal: ${value}` }, ALL);
      expectBinds({ imageHeaders: { 'content-signal': value } }, ALL);
      expectBinds({ pageHeaders: { 'content-signal': value } }, ALL);
    }
  });
  it('the purpose’s own stated key decides for the AI purposes, as in Content-Usage: ai-train=yes, tdm=no refuses research-tdm only', () => {
    expectBinds({ imageHeaders: { 'content-signal': 'ai-train=yes, tdm=no' } }, ['research-tdm']);
    expectBinds({ robots: 'User-agent: *\nAllow: /\nContent-Signal: ai-train=yes, *=no' }, ['research-tdm']);
  });
  it('unchanged: all=yes or tdm=yes grants nothing and refuses nothing, and ai-train=no still binds the AI purposes only', () => {
    expectBinds({ imageHeaders: { 'content-signal': 'all=yes, tdm=yes' } }, []);
    expectBinds({ imageHeaders: { 'content-signal': 'tdm=yes, ai-train=no' } }, AI);
  });
});

// robots.txt reads `User agent` and `Useragent` as `User-agent`; `Content Usage`, `ContentUsage`, `Content_Usage` and
// `Content-Signals` were no field it knew, so their refusal was ignored and the image kept.
describe('cross-signal: robots.txt preference fields written another way', () => {
  it('Content Usage, ContentUsage, Content_Usage and Content-Usages refuse as Content-Usage does', () => {
    for (const field of ['Content Usage', 'ContentUsage', 'Content_Usage', 'content-usages']) {
      expectBinds({ robots: `User-agent: *\nAllow: /\n${field}: train-ai=n` }, AI);
      expectBinds({ robots: `User-agent: *\nAllow: /\n${field}: bots=n` }, ALL);
    }
  });
  it('Content-Signals, Content Signal, ContentSignal, Content_Signal refuse as Content-Signal does', () => {
    for (const field of ['Content-Signals', 'Content Signal', 'ContentSignal', 'Content_Signal']) {
      expectBinds({ robots: `User-agent: *\nAllow: /\n${field}: search=yes, ai-train=no` }, AI);
    }
  });
  it('read for their refusals only: ContentUsage: train-ai=y does not set aside a Content-Usage: bots=n', () => {
    expectBinds({ robots: 'User-agent: *\nAllow: /\nContent-Usage: bots=n\nContentUsage: train-ai=y' }, ALL);
  });
  it('such a line between User-agent lines splits no group: GPTBot keeps the Disallow it shares with another crawler', () => {
    expectBinds({ robots: 'User-agent: GPTBot\nContent-Signals: search=yes\nUser-agent: SomeOtherBot\nDisallow: /' }, AI);
  });
  it('unchanged: Cloudflare’s managed search=yes, ai-train=yes under any of these spellings permits every purpose', () => {
    expectBinds({ robots: 'User-agent: *\nAllow: /\nContent-Signals: search=yes, ai-train=yes' }, []);
    expectBinds({ robots: 'User-agent: *\nAllow: /\nContentUsage: train-ai=y' }, []);
  });
});

// The tdm-reservation header, meta and tdmrep.json read a value other than 0 or 1 as unreadable (DESIGN.md §2 rule 5:
// it fails closed); the image’s own XMP tdm:reservation read `true` or `yes` as unset, and the image was kept.
describe('cross-signal: a TDMRep reservation value other than 0 or 1 in the image’s XMP', () => {
  it('tdm:reservation true, yes or 1.0 refuses every purpose, as the header with that value does', () => {
    for (const value of ['true', 'yes', '1.0']) {
      expectBinds({ imageHeaders: { 'tdm-reservation': value } }, ALL);
      expectBinds({ rights: { tdmReservations: [value] } }, ALL);
    }
  });
  it('unchanged: tdm:reservation 1 refuses, 0 or an empty value permits', () => {
    expectBinds({ rights: { tdmReservations: [' 1 '] } }, ALL);
    expectBinds({ rights: { tdmReservations: ['0'] } }, []);
    expectBinds({ rights: { tdmReservations: [''] } }, []);
  });
});

// X-Robots-Tag reads `"noai, noimageai"` (quotes a server configuration left around the value) as its words, and
// Content-Usage `"train-ai=n"` fails closed; a Content-Signal whose one pair was quoted or bracketed as a whole read as no
// pair at all, and the image was kept.
describe('cross-signal: a Content-Signal pair in quotes or brackets', () => {
  it('"ai-train=no", ’ai-train=no’ in single quotes, “ai-train=no” and (ai-train=no) refuse the AI purposes', () => {
    for (const value of ['"ai-train=no"', "'ai-train=no'", '“ai-train=no”', '(ai-train=no)', '[ai-train=no]']) {
      expectBinds({ imageHeaders: { 'content-signal': value } }, AI);
      expectBinds({ robots: `User-agent: *\nAllow: /\nContent-Signal: ${value}` }, AI);
    }
  });
  it('unchanged: "search=yes, ai-train=yes" in quotes still permits every purpose', () => {
    expectBinds({ imageHeaders: { 'content-signal': '"search=yes, ai-train=yes"' } }, []);
    expectBinds({ imageHeaders: { 'content-signal': '(ai-train=yes)' } }, []);
  });
});
