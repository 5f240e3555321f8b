import { describe, expect, it } from 'vitest';
import type { Evidence, Purpose } from '../../../utils/model/evidence';
import { AI_TOKENS, HEED_TOKEN } from '../../../utils/model/ai-tokens';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateAiTxt } from '../../../utils/signals/ai-txt';
import { evaluateContentSignalHeader, evaluateContentUsageHeader } from '../../../utils/signals/content-usage';
import { evaluateMetaRobots } from '../../../utils/signals/meta-robots';
import { evaluateRobots } from '../../../utils/signals/robots-txt';
import { evaluateRsl } from '../../../utils/signals/rsl';
import { resolveTdmReservation } from '../../../utils/signals/tdmrep';
import { evaluateXRobotsTag } from '../../../utils/signals/x-robots-tag';

/*
 * The purpose matrix: for every purpose Heed offers, each site-level signal's plainest refusal
 * of that purpose — and of a broader category that contains it (every AI use, every automated
 * use, the `*` user agent) — must refuse. A hole here is a false permit: the owner refused, and
 * the image would be kept. Built from the profile, so a purpose or token added later is covered.
 */

const PURPOSES: Purpose[] = ['ai-training', 'genai-training', 'research-tdm'];
const IMG = 'https://site.test/img/photo.jpg';
const PAGE = 'https://site.test/gallery/';
const refuses = (ev: Evidence[]) => ev.some((e) => e.effect === 'deny');
const robotsFor = (body: string, purpose: Purpose) => evaluateRobots({ url: 'https://site.test/robots.txt', outcome: 'ok', body }, IMG, 'image', purposeProfile(purpose));
const aiTxtFor = (body: string, purpose: Purpose) => evaluateAiTxt({ url: 'https://site.test/ai.txt', outcome: 'ok', body }, IMG, purposeProfile(purpose), 'image/jpeg');
const rsl = (license: string) => `<rsl xmlns="https://rslstandard.org/rsl"><content url="/"><license>${license}</license></content></rsl>`;
const rslFor = (license: string, purpose: Purpose) => evaluateRsl({ url: 'https://site.test/license.xml', outcome: 'ok', body: rsl(license) }, IMG, purposeProfile(purpose));
const tokensOf = (purpose: Purpose) => [HEED_TOKEN, ...AI_TOKENS.filter((t) => t.purposes.includes(purpose)).map((t) => t.token)];

describe.each(PURPOSES)('purpose %s: every plain refusal refuses', (purpose) => {
  const profile = purposeProfile(purpose);

  it('the profile honours heed and every AI token listed for the purpose', () => {
    expect(profile.robotsTokens).toEqual(tokensOf(purpose));
    expect(profile.robotsTokens.length).toBeGreaterThan(1);
  });

  describe('robots.txt', () => {
    it.each(['*', ...tokensOf(purpose)])('User-agent: %s / Disallow: / (as written, lower-cased, with a version)', (token) => {
      for (const agent of [token, token.toLowerCase(), token === '*' ? '*' : `${token}/1.1`]) {
        expect(refuses(robotsFor(`User-agent: ${agent}\nDisallow: /`, purpose))).toBe(true);
        // The image path only (the page may be open).
        expect(refuses(robotsFor(`User-agent: ${agent}\nDisallow: /img/`, purpose))).toBe(true);
      }
    });

    it('a `*` group that disallows the images refuses although a token group allows everything', () => {
      const [, someToken] = tokensOf(purpose);
      expect(refuses(robotsFor(`User-agent: *\nDisallow: /img/\n\nUser-agent: ${someToken}\nAllow: /`, purpose))).toBe(true);
    });

    it.each<[string, boolean]>([
      ['Content-Usage: train-ai=n', purposeProfile(purpose).contentUsageCategory === 'train-ai'],
      ['Content-Usage: all=n', true], // vocab-02: every automated use
      ['Content-Usage: bots=n', true], // vocab-03/-04
      ['Content-Usage: tdm=n', true], // vocab-01: text and data mining, which every purpose is
      ['Content-Signal: ai-train=no', purposeProfile(purpose).contentSignalKeys.includes('ai-train')],
    ])('a `*` group saying %s (crawling allowed) refuses: %s', (rule, expected) => {
      expect(refuses(robotsFor(`User-agent: *\nAllow: /\n${rule}`, purpose))).toBe(expected);
    });
  });

  describe('ai.txt', () => {
    it.each(['Disallow: /', 'Disallow: *.jpg', 'Disallow: *.JPG', 'Disallow: /img/'])('User-Agent: * / %s', (rule) => {
      expect(refuses(aiTxtFor(`User-Agent: *\n${rule}`, purpose))).toBe(true);
    });
    it.each(tokensOf(purpose))('User-Agent: %s / Disallow: /', (token) => {
      expect(refuses(aiTxtFor(`User-Agent: ${token}\nDisallow: /`, purpose))).toBe(true);
    });
  });

  describe('RSL', () => {
    // The purpose's own usage tokens, `all` (every use), and a token RSL 1.0 does not define.
    it.each([...profile.rslUsages, 'all', 'ai-training'])('<prohibits type="usage">%s</prohibits> beside <permits>all</permits>', (usage) => {
      expect(refuses(rslFor(`<permits type="usage">all</permits><prohibits type="usage">${usage}</prohibits>`, purpose))).toBe(true);
    });
    it.each([
      '<permits type="usage">search</permits>', // permits another use only
      '<permits type="usage"></permits>', // permits nothing
      '<permits type="usage">all</permits><payment type="purchase"><amount currency="USD">10</amount></payment>', // paid
      '<permits type="usage">all</permits><payment type="free"><amount currency="USD">5</amount></payment>', // "free" with a price
      '<permits type="usage">all</permits><payment/>', // a payment of no stated type
    ])('%s', (license) => {
      expect(refuses(rslFor(license, purpose))).toBe(true);
    });
    it('a licence server refuses even a free licence', () => {
      const body = '<rsl xmlns="https://rslstandard.org/rsl"><content url="/" server="https://rsl.test/api"><license><permits type="usage">all</permits></license></content></rsl>';
      expect(refuses(evaluateRsl({ url: 'https://site.test/license.xml', outcome: 'ok', body }, IMG, profile))).toBe(true);
    });
  });

  describe('TDMRep', () => {
    const tdm = (wellKnown: string | null, reservation?: string, policy?: string) =>
      resolveTdmReservation({
        wellKnown: wellKnown === null ? { url: 'https://site.test/.well-known/tdmrep.json', outcome: 'absent' } : { url: 'https://site.test/.well-known/tdmrep.json', outcome: 'ok', body: wellKnown },
        imageUrl: IMG,
        imageHeaders: reservation === undefined ? {} : { reservation, ...(policy ? { policy } : {}) },
        pageFallback: null,
      }, profile);
    it('tdm-reservation: 1 on the image, with or without a policy that offers a licence', () => {
      expect(refuses(tdm(null, '1'))).toBe(true);
      expect(refuses(tdm(null, '1', 'https://site.test/tdm-policy.json'))).toBe(true);
    });
    it('a tdmrep.json rule reserving the path, with a policy', () => {
      expect(refuses(tdm('[{"location":"/img/*","tdm-reservation":1,"tdm-policy":"https://site.test/p.json"}]'))).toBe(true);
    });
  });

  describe('response headers and page metas', () => {
    it.each(['train-ai=n', 'all=n', 'bots=n'].filter((v) => v !== 'train-ai=n' || profile.contentUsageCategory === 'train-ai'))('Content-Usage: %s on the image', (value) => {
      expect(refuses(evaluateContentUsageHeader([value], IMG, 'image', profile))).toBe(true);
    });
    it.each(profile.contentSignalKeys)('Content-Signal: %s=no on the image', (key) => {
      expect(refuses(evaluateContentSignalHeader([`${key}=no`], IMG, 'image', profile))).toBe(true);
    });
    it.each(['noai', 'noimageai', 'noindex', 'noimageindex', 'none', 'NoAI'])('X-Robots-Tag: %s, and addressed to each token of the purpose', (word) => {
      expect(refuses(evaluateXRobotsTag([word], IMG, 'image', profile))).toBe(true);
      for (const token of tokensOf(purpose)) expect(refuses(evaluateXRobotsTag([`${token}: ${word}`], IMG, 'image', profile))).toBe(true);
    });
    it.each(['noai', 'noimageai', 'noindex', 'noimageindex', 'none'])('<meta name="robots" | name="<token>" content="%s">', (word) => {
      for (const name of ['robots', ...tokensOf(purpose)]) expect(refuses(evaluateMetaRobots([{ name, content: word }], PAGE, profile))).toBe(true);
    });
  });
});

// Crawler names owners block that Heed did not honour: Anthropic's legacy `Claude-Web` (SIGNALS.md
// §1.6; 8 of the saved real-world robots.txt files disallow it), and training / dataset crawlers
// of the community list. A robots.txt or ai.txt refusing only them let the image be kept.
describe('AI tokens owners block', () => {
  it.each<[string, Purpose[]]>([
    ['Claude-Web', ['ai-training', 'genai-training']],
    ['DeepSeekBot', ['ai-training', 'genai-training']],
    ['Cotoyogi', ['ai-training', 'genai-training']],
    ['Factset_spyderbot', ['ai-training', 'genai-training']],
    ['LAIONDownloader', PURPOSES],
    ['ICC-Crawler', PURPOSES],
    ['FriendlyCrawler', PURPOSES],
    // Listed in SIGNALS.md §1.6 and not honoured: Google's research fetcher, its Vertex AI agent
    // crawler, and Amazonbot (whose data "may be used to train Amazon AI models"; 3 of the saved
    // real-world robots.txt files disallow it beside the AI crawlers).
    ['GoogleOther', PURPOSES],
    ['Google-CloudVertexBot', ['ai-training', 'genai-training']],
    ['Amazonbot', ['ai-training', 'genai-training']],
  ])('a Disallow for %s refuses %j', (token, bound) => {
    for (const purpose of PURPOSES) {
      const expected = bound.includes(purpose);
      expect(refuses(robotsFor(`User-agent: ${token}\nDisallow: /`, purpose))).toBe(expected);
      expect(refuses(aiTxtFor(`User-Agent: ${token}\nDisallow: /`, purpose))).toBe(expected);
      expect(refuses(evaluateXRobotsTag([`${token}: noai`], IMG, 'image', purposeProfile(purpose)))).toBe(expected);
    }
  });
});
