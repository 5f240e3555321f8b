/**
 * A refusal stays a refusal, whatever else is said (DESIGN.md §2: an image is permitted only if
 * every rule holds). A site that wants its images taken against an owner's word can only add
 * signals: a licence, an Allow, a `y`, a `0`, an allow-list entry. Property: for any mix of such
 * permissive signals, in any purpose and mode, for an image on the page's own host, a subdomain or
 * another site, adding any opt-out that binds the purpose refuses the image, with the opt-out's
 * reason among the reasons. One decision DESIGN.md pins the other way is left out: the image
 * response's `tdm-reservation` header supersedes its origin's tdmrep.json (rule 3), and either
 * supersedes the page's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessImage, assessPage } from '../../../utils/policy/assess';
import type { Evidence, Purpose } from '../../../utils/model/evidence';
import type { PageSignals } from '../../../utils/page/page-signals';
import { parseSettings } from '../../../utils/model/settings';
import type { ImageCandidate } from '../../../utils/policy/verdict';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateEmbeddedRights, type EmbeddedRightsEvaluation } from '../../../utils/signals/xmp';
import { EMPTY_RIGHTS } from './fixtures/empty-rights';
import { originFiles } from './fixtures/origin-files';

const PAGE_ORIGIN = 'https://museum.example';
const PAGE = `${PAGE_ORIGIN}/gallery`;
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const IMAGE_ORIGINS = { page: PAGE_ORIGIN, subdomain: 'https://cdn.museum.example', other: 'https://photos.other-example.org' } as const;
type Host = keyof typeof IMAGE_ORIGINS;
const AI: Purpose[] = ['ai-training', 'genai-training'];
const ALL: Purpose[] = [...AI, 'research-tdm'];

/** Everything that makes up one page and one image on it. */
interface World {
  purpose: Purpose;
  mode: 'licensed' | 'opt-out';
  host: Host;
  pageMetas: { name: string; content: string }[];
  pageTdm: PageSignals['tdm'];
  pageHeaders: Record<string, string | string[]>;
  pageRobots: string[];
  pageLicence: boolean;
  imageHeaders: Record<string, string | string[]>;
  imageRobots: string[];
  imageTdmrep: string | null;
  imageAiTxt: string | null;
  hopHeaders: Record<string, string> | null;
  xmp: { webStatement?: string; dataMining?: string[] } | null;
  c2pa: Evidence[];
  frameMetas: { name: string; content: string }[] | null;
  userAllow: boolean;
  userBlock: boolean;
}

const empty = (purpose: Purpose, mode: World['mode'], host: Host): World => ({
  purpose, mode, host, pageMetas: [], pageTdm: {}, pageHeaders: {}, pageRobots: [], pageLicence: false, imageHeaders: {}, imageRobots: [],
  imageTdmrep: null, imageAiTxt: null, hopHeaders: null, xmp: null, c2pa: [], frameMetas: null, userAllow: false, userBlock: false,
});

const addHeader = (h: Record<string, string | string[]>, name: string, value: string) => {
  const had = h[name];
  h[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
};

/** What a site can add to have its images taken: each is a signal that allows, or says nothing against. */
const PERMISSIVE: Record<string, (w: World) => void> = {
  'page licence CC BY': (w) => { w.pageLicence = true; },
  'image XMP CC0': (w) => { w.xmp = { ...w.xmp, webStatement: CC0 }; },
  'C2PA allowed': (w) => { w.c2pa.push({ kind: 'c2pa', scope: 'image', source: 'c2pa', value: 'c2pa.ai_training=allowed; c2pa.data_mining=allowed', effect: 'allow' }); },
  'ai.txt Allow: /': (w) => { w.imageAiTxt = `${w.imageAiTxt ?? ''}\nUser-Agent: *\nAllow: /\n`; },
  'robots.txt Allow: / for heed and GPTBot': (w) => { w.imageRobots.push('User-agent: heed\nAllow: /', 'User-agent: GPTBot\nAllow: /'); w.pageRobots.push('User-agent: heed\nAllow: /'); },
  'robots.txt Content-Usage y': (w) => { w.imageRobots.push('User-agent: *\nContent-Usage: train-ai=y'); },
  'robots.txt Content-Signal yes': (w) => { w.imageRobots.push('User-agent: *\nContent-Signal: ai-train=yes, search=yes'); },
  'image Content-Usage y': (w) => addHeader(w.imageHeaders, 'content-usage', 'train-ai=y'),
  'image tdm-reservation 0': (w) => addHeader(w.imageHeaders, 'tdm-reservation', '0'),
  'tdmrep.json 0 for /': (w) => { w.imageTdmrep ??= '[{"location":"/","tdm-reservation":0}]'; },
  'page meta robots all': (w) => { w.pageMetas.push({ name: 'robots', content: 'all' }); },
  'page meta heed all': (w) => { w.pageMetas.push({ name: 'heed', content: 'index, follow' }); },
  'image X-Robots-Tag all': (w) => addHeader(w.imageHeaders, 'x-robots-tag', 'all'),
  'page tdm-reservation meta 0': (w) => { w.pageTdm = { reservation: '0' } as PageSignals['tdm']; },
  'user allow list': (w) => { w.userAllow = true; },
};

interface Refusal {
  reason: string;
  /** The purposes the opt-out speaks for. */
  binds: Purpose[];
  /** What may be said in its place: a robots.txt preference is not read for a path the file disallows (aipref attach §3). */
  orElse?: string;
  /** Left out where DESIGN.md gives another signal precedence (see the file comment). */
  supersededIn?: (w: World) => boolean;
  add: (w: World) => void;
}

const tdmSpokenCloser = (w: World) => w.imageHeaders['tdm-reservation'] !== undefined || w.imageTdmrep !== null;

/** What an owner says to refuse: each binds the purposes listed. */
const REFUSALS: Record<string, Refusal> = {
  'page meta robots noai': { reason: 'meta-robots', binds: AI, add: (w) => { w.pageMetas.push({ name: 'robots', content: 'noai' }); } },
  'page meta robots noimageindex': { reason: 'meta-robots', binds: ALL, add: (w) => { w.pageMetas.push({ name: 'robots', content: 'noimageindex' }); } },
  'page meta heed none': { reason: 'meta-robots', binds: ALL, add: (w) => { w.pageMetas.push({ name: 'heed', content: 'none' }); } },
  'page X-Robots-Tag noimageai': { reason: 'x-robots-tag', binds: AI, add: (w) => addHeader(w.pageHeaders, 'x-robots-tag', 'noimageai') },
  'page X-Robots-Tag GPTBot: noai': { reason: 'x-robots-tag', binds: AI, add: (w) => addHeader(w.pageHeaders, 'x-robots-tag', 'GPTBot: noai') },
  'image X-Robots-Tag noindex': { reason: 'x-robots-tag', binds: ALL, add: (w) => addHeader(w.imageHeaders, 'x-robots-tag', 'noindex') },
  'image X-Robots-Tag heed: noai, all on one line': { reason: 'x-robots-tag', binds: AI, add: (w) => addHeader(w.imageHeaders, 'x-robots-tag', 'all, heed: noai') },
  'image robots.txt heed Disallow /photos/': { reason: 'robots-disallow', binds: ALL, add: (w) => { w.imageRobots.push('User-agent: heed\nDisallow: /photos/'); } },
  'image robots.txt GPTBot Disallow /photos/': { reason: 'robots-disallow', binds: AI, add: (w) => { w.imageRobots.push('User-agent: GPTBot\nDisallow: /photos/'); } },
  'image robots.txt * Disallow /photos/': { reason: 'robots-disallow', binds: ALL, add: (w) => { w.imageRobots.push('User-agent: *\nDisallow: /photos/'); } },
  'page robots.txt heed Disallow the page': { reason: 'robots-disallow', binds: ALL, add: (w) => { w.pageRobots.push('User-agent: heed\nDisallow: /gallery'); } },
  'robots.txt Content-Usage n for /photos/': { reason: 'content-usage-n', orElse: 'robots-disallow', binds: AI, add: (w) => { w.imageRobots.push('User-agent: *\nContent-Usage: /photos/ train-ai=n'); } },
  'robots.txt Content-Signal ai-train=no': { reason: 'content-usage-n', orElse: 'robots-disallow', binds: AI, add: (w) => { w.imageRobots.push('User-agent: *\nContent-Signal: ai-train=no'); } },
  'image Content-Usage n': { reason: 'content-usage-n', binds: AI, add: (w) => addHeader(w.imageHeaders, 'content-usage', 'train-ai=n') },
  'tdmrep.json 1 for /photos/': {
    reason: 'tdm-reserved', binds: ALL, supersededIn: (w) => w.imageHeaders['tdm-reservation'] !== undefined,
    add: (w) => { w.imageTdmrep = '[{"location":"/photos/","tdm-reservation":1},{"location":"/","tdm-reservation":0}]'; },
  },
  'image tdm-reservation 1': { reason: 'tdm-reserved', binds: ALL, add: (w) => addHeader(w.imageHeaders, 'tdm-reservation', '1') },
  'page tdm-reservation header 1': {
    reason: 'tdm-reserved', binds: ALL, supersededIn: (w) => tdmSpokenCloser(w) || w.host === 'other',
    add: (w) => addHeader(w.pageHeaders, 'tdm-reservation', '1'),
  },
  'ai.txt Disallow *.png': { reason: 'ai-txt-disallow', binds: ALL, add: (w) => { w.imageAiTxt = `User-Agent: *\nDisallow: *.png\n${w.imageAiTxt ?? ''}`; } },
  'XMP DataMining prohibited': { reason: 'xmp-data-mining', binds: ALL, add: (w) => { w.xmp = { ...w.xmp, dataMining: ['http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED'] }; } },
  'C2PA notAllowed': {
    reason: 'c2pa-not-allowed', binds: ALL,
    add: (w) => { w.c2pa.push({ kind: 'c2pa', scope: 'image', source: 'c2pa', value: 'c2pa.data_mining=notAllowed', effect: 'deny', reason: 'c2pa-not-allowed' }); },
  },
  'a redirect hop saying X-Robots-Tag noai': { reason: 'x-robots-tag', binds: AI, add: (w) => { w.hopHeaders = { 'x-robots-tag': 'noai' }; } },
  'its frame’s meta robots noimageai': { reason: 'meta-robots', binds: AI, add: (w) => { w.frameMetas = [{ name: 'robots', content: 'noimageai' }]; } },
  // The same opt-outs as sites write them: other case, spacing and forms.
  'page meta ROBOTS NoImageAI': { reason: 'meta-robots', binds: AI, add: (w) => { w.pageMetas.push({ name: 'ROBOTS', content: ' NoImageAI ' }); } },
  'image X-Robots-Tag HEED: NOAI': { reason: 'x-robots-tag', binds: AI, add: (w) => addHeader(w.imageHeaders, 'x-robots-tag', 'HEED: NOAI') },
  'image robots.txt gptbot disallow /photos (lower case, no slash)': { reason: 'robots-disallow', binds: AI, add: (w) => { w.imageRobots.push('user-agent: gptbot\ndisallow: /photos'); } },
  'image robots.txt heed Disallow /*.png$': { reason: 'robots-disallow', binds: ALL, add: (w) => { w.imageRobots.push('User-agent: Heed\nDisallow: /*.png$'); } },
  'ai.txt disallow /photos/ (lower case)': { reason: 'ai-txt-disallow', binds: ALL, add: (w) => { w.imageAiTxt = `user-agent: *\ndisallow: /photos/\n${w.imageAiTxt ?? ''}`; } },
  'tdmrep.json 1 for /photos/*': {
    reason: 'tdm-reserved', binds: ALL, supersededIn: (w) => w.imageHeaders['tdm-reservation'] !== undefined,
    add: (w) => { w.imageTdmrep = '[{"location":"/photos/*","tdm-reservation":1}]'; },
  },
  'user block list': { reason: 'user-blocked', binds: ALL, add: (w) => { w.userBlock = true; } },
  'tdmrep.json unreadable': {
    reason: 'signal-unreadable', binds: ALL, supersededIn: (w) => w.imageTdmrep !== null,
    add: (w) => { w.imageTdmrep = '\u0000unreadable'; },
  },
  'robots.txt unreachable': { reason: 'robots-unreachable', binds: ALL, add: (w) => { w.imageRobots.push('\u0000unreachable'); } },
};

const IMG_PATH = '/photos/a.png';

function judge(w: World) {
  const imageOrigin = IMAGE_ORIGINS[w.host];
  const img = `${imageOrigin}${IMG_PATH}`;
  const settings = parseSettings({
    purpose: w.purpose,
    mode: w.mode,
    userAllow: w.userAllow ? ['museum.example', 'other-example.org'] : [],
    userBlock: w.userBlock ? ['museum.example', 'other-example.org'] : [],
  });
  const robotsFile = (origin: string, groups: string[]) =>
    groups.includes('\u0000unreachable')
      ? { robots: { url: `${origin}/robots.txt`, outcome: 'unreachable' as const, detail: 'HTTP 503' } }
      : groups.length ? { robots: { url: `${origin}/robots.txt`, outcome: 'ok' as const, body: groups.join('\n\n') } } : {};
  const textFile = (url: string, body: string | null) =>
    body === null ? undefined : body === '\u0000unreadable' ? { url, outcome: 'error' as const, detail: 'HTTP 503' } : { url, outcome: 'ok' as const, body };
  const filesOf = (origin: string, own: boolean) => {
    const robots = [...(origin === PAGE_ORIGIN ? w.pageRobots : []), ...(own ? w.imageRobots : [])];
    const tdmrep = own ? textFile(`${origin}/.well-known/tdmrep.json`, w.imageTdmrep) : undefined;
    const aiTxt = own ? textFile(`${origin}/ai.txt`, w.imageAiTxt) : undefined;
    return originFiles(origin, { ...robotsFile(origin, robots), ...(tdmrep ? { tdmrep } : {}), ...(aiTxt ? { aiTxt } : {}) });
  };
  const page: PageSignals = {
    url: PAGE, title: 'Gallery', metas: w.pageMetas, tdm: w.pageTdm,
    licence: { pageUrl: PAGE, licences: w.pageLicence ? [{ via: 'rel', url: CC_BY }] : [], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
    rsl: [],
  };
  const assessed = assessPage({ page, headers: w.pageHeaders, origin: filesOf(PAGE_ORIGIN, w.host === 'page') }, settings);
  const embedded: EmbeddedRightsEvaluation = w.xmp
    ? evaluateEmbeddedRights({ ...EMPTY_RIGHTS, xmp: true, webStatement: w.xmp.webStatement ?? null, dataMining: w.xmp.dataMining ?? [] }, purposeProfile(w.purpose))
    : { evidence: [], licence: null, synthetic: null };
  // A redirect hop, when one speaks, is on the image's own origin (`/r/…` → the file).
  const hopUrl = `${imageOrigin}/r/a`;
  const candidate: ImageCandidate = {
    url: w.hopHeaders ? hopUrl : img, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [],
    ...(w.frameMetas ? { frames: [{ url: `${PAGE_ORIGIN}/embed/frame.html`, metas: w.frameMetas, tdm: {} }] } : {}),
  };
  return assessImage(assessed, {
    url: candidate.url,
    finalUrl: img,
    headers: w.imageHeaders,
    redirects: w.hopHeaders ? [{ url: hopUrl, location: img, headers: w.hopHeaders }] : [],
    origins: [filesOf(imageOrigin, true)],
    embedded: { evidence: [...w.c2pa, ...embedded.evidence], licence: embedded.licence, ...(embedded.licences ? { licences: embedded.licences } : {}) },
    mime: 'image/png',
  }, candidate, settings);
}

const arbitraryWorld = fc.record({
  purpose: fc.constantFrom<Purpose>(...ALL),
  mode: fc.constantFrom<World['mode']>('licensed', 'opt-out'),
  host: fc.constantFrom<Host>('page', 'subdomain', 'other'),
  permissive: fc.subarray(Object.keys(PERMISSIVE)),
  refusals: fc.subarray(Object.keys(REFUSALS), { minLength: 1, maxLength: 3 }),
});

function build(purpose: Purpose, mode: World['mode'], host: Host, permissive: readonly string[], refusals: readonly string[]) {
  const w = empty(purpose, mode, host);
  for (const p of permissive) PERMISSIVE[p]!(w);
  // Which refusals bind is read before they are added: one does not supersede another.
  const binding = refusals.filter((r) => REFUSALS[r]!.binds.includes(purpose) && !REFUSALS[r]!.supersededIn?.(w));
  for (const r of refusals) REFUSALS[r]!.add(w);
  return { w, binding };
}

describe('a refusal stays a refusal, whatever a site adds to have its images taken', () => {
  it('every permissive signal together, with nothing refusing, does permit (the property below is not vacuous)', () => {
    for (const purpose of ALL) {
      for (const host of ['page', 'subdomain'] as const) {
        const { w } = build(purpose, 'licensed', host, Object.keys(PERMISSIVE).filter((p) => p !== 'page tdm-reservation meta 0'), []);
        expect(judge(w), `${purpose}, image on the ${host}`).toMatchObject({ decision: 'permitted' });
      }
    }
  });

  it.each(Object.keys(REFUSALS))('%s refuses the image on its own, with its reason', (name) => {
    const refusal = REFUSALS[name]!;
    for (const purpose of refusal.binds) {
      const { w } = build(purpose, 'opt-out', 'page', ['image XMP CC0'], [name]);
      const decision = judge(w);
      expect(decision.decision, `${purpose}`).toBe('refused');
      expect(decision.reasons, `${purpose}`).toContain(refusal.reason);
    }
  });

  it('any opt-out that binds the purpose refuses the image, with its reason, under any mix of permissive signals', () => {
    fc.assert(
      fc.property(arbitraryWorld, ({ purpose, mode, host, permissive, refusals }) => {
        const { w, binding } = build(purpose, mode, host, permissive, refusals);
        const decision = judge(w);
        if (binding.length === 0) return;
        expect(decision.decision).toBe('refused');
        // A header the site also sent the other way (tdm-reservation 0 and 1) is unreadable, and an
        // unreachable robots.txt says none of its rules: still refused, for that reason.
        const unread = ['signal-unreadable', ...(refusals.includes('robots.txt unreachable') ? ['robots-unreachable'] : [])];
        for (const r of binding) expect(decision.reasons).toSatisfy((reasons: string[]) => reasons.includes(REFUSALS[r]!.reason) || reasons.includes(REFUSALS[r]!.orElse ?? REFUSALS[r]!.reason) || unread.some((u) => reasons.includes(u)));
      }),
      // HEED_PROPERTY_RUNS=30000 searches further, from a new seed each time.
      { numRuns: Number(process.env.HEED_PROPERTY_RUNS ?? 1000), seed: process.env.HEED_PROPERTY_RUNS ? Date.now() : 17 },
    );
  }, 120_000);
});
