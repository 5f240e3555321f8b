import { describe, expect, it } from 'vitest';
import { nextPolicyStep } from '../../../utils/policy/job-policy';
import { SETTINGS_VERSION, SettingsSchema, settingsForDeciding } from '../../../utils/model/settings';
import { assessImage, assessPage, type PageAssessment } from '../../../utils/policy/assess';
import type { OriginFiles } from '../../../utils/signals/origin-files';
import type { PageSignals } from '../../../utils/page/page-signals';
import { originFiles } from './fixtures/origin-files';

const defaults = SettingsSchema.parse({});

const PAGE = 'https://museum.example/gallery';
const pageSignals: PageSignals = {
  url: PAGE, title: 'Gallery', metas: [], tdm: {}, rsl: [],
  licence: { pageUrl: PAGE, licences: [{ via: 'rel', url: 'https://creativecommons.org/licenses/by/4.0/' }], rslLinks: [], imageObjects: [], unreadable: [], truncated: false },
};
/** The job's site assessment as this Heed stores it. */
const site = assessPage({ page: pageSignals, headers: {}, origin: originFiles('https://museum.example') }, defaults);

describe('nextPolicyStep (DESIGN.md §2 "One job, one policy, one page")', () => {
  it('keeps the job’s settings while the stored ones are the same (whatever their key order)', () => {
    const reordered = Object.fromEntries(Object.entries(defaults).reverse());
    expect(nextPolicyStep(defaults, settingsForDeciding(reordered), site)).toEqual({ kind: 'keep' });
  });

  it.each([
    ['a domain blocked mid-collect', { userBlock: ['museum.example'] }],
    ['another purpose', { purpose: 'research-tdm' }],
    ['another mode', { mode: 'opt-out' }],
    ['another accepted licence set', { acceptedLicences: ['CC0'] }],
  ])('re-assesses the site before deciding another image after %s', (_, change) => {
    const changed = SettingsSchema.parse({ ...defaults, ...change });
    expect(nextPolicyStep(defaults, settingsForDeciding(changed), site)).toEqual({ kind: 'reassess', settings: changed });
  });

  it('re-assesses a job stored without its settings (started by an earlier Heed)', () => {
    expect(nextPolicyStep(undefined, settingsForDeciding(defaults), site)).toEqual({ kind: 'reassess', settings: defaults });
  });

  it('stops the job when the stored settings became unusable, with the reason', () => {
    const step = nextPolicyStep(defaults, settingsForDeciding({ version: SETTINGS_VERSION + 1, userBlock: ['x.example'] }), site);
    expect(step.kind).toBe('stop');
    if (step.kind === 'stop') expect(step.message).toMatch(/newer Heed/);
  });
});

// A job's site assessment is read back from IndexedDB as it was stored: a job an earlier Heed
// started (before the assessment carried the page site’s ai.txt and RSL licences) or a damaged
// record lacks what the judge reads to refuse. Kept while the settings were unchanged, it decided
// the job’s remaining images without those refusals.
describe('nextPolicyStep with the job’s stored site assessment', () => {
  const IMG = 'https://img.museum.example/a.png';
  const aiTxtDisallowingPng: OriginFiles = originFiles('https://museum.example', { aiTxt: { url: 'https://museum.example/ai.txt', outcome: 'ok', body: 'User-Agent: *\nDisallow: *.png' } });
  const whole = assessPage({ page: pageSignals, headers: {}, origin: aiTxtDisallowingPng }, defaults);
  const { siteAiTxt: _dropped, ...storedBeforeAiTxt } = whole;
  const decide = (site: PageAssessment) => assessImage(
    site,
    { url: IMG, finalUrl: IMG, headers: {}, redirects: [], origins: [originFiles('https://img.museum.example')], embedded: { evidence: [], licence: { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'xmp', attribution: null } } },
    { url: IMG, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [] },
    defaults,
  );

  it('re-assesses a job whose stored assessment lacks the page site’s ai.txt (an earlier Heed’s)', () => {
    expect(decide(whole).reasons).toEqual(['ai-txt-disallow']);
    // What the stale assessment would decide: the site’s refusal is not read.
    expect(decide(storedBeforeAiTxt as PageAssessment).decision).toBe('permitted');
    expect(nextPolicyStep(defaults, settingsForDeciding(defaults), storedBeforeAiTxt)).toEqual({ kind: 'reassess', settings: defaults });
  });

  it('re-assesses a job whose stored assessment is damaged or missing', () => {
    for (const site of [
      undefined,
      'blocked',
      { status: 'unknown', reasons: [], evidence: [] },
      { ...whole, imageEvidence: null },
      { ...whole, status: 'fine' },
      { ...whole, pageRsl: [{ url: PAGE }] },
    ]) {
      expect(nextPolicyStep(defaults, settingsForDeciding(defaults), site)).toEqual({ kind: 'reassess', settings: defaults });
    }
  });

  it('keeps a whole assessment this Heed made, as stored and read back', () => {
    expect(nextPolicyStep(defaults, settingsForDeciding(defaults), structuredClone(whole))).toEqual({ kind: 'keep' });
  });
});

// A job keeps the site assessment it made at its start (its page origin's robots.txt, ai.txt and
// RSL readings): a job resumed a day later (the browser closed mid-collect), or a watch left running
// past a day, decided its images under readings older than the 24 h DESIGN.md §2 rule 2 allows, and
// a Disallow the page's site had published since was never read.
describe('nextPolicyStep with the age of the job’s site assessment', () => {
  const HOUR = 3_600_000;
  const now = Date.UTC(2026, 5, 2, 12);

  it('re-assesses a job whose site assessment is older than 24 h, with the same settings', () => {
    expect(nextPolicyStep(defaults, settingsForDeciding(defaults), site, { assessedAt: now - 25 * HOUR, now })).toMatchObject({ kind: 'reassess', settings: defaults });
  });

  it('re-assesses a job whose site assessment is dated after now (the clock was set back) or has no usable time', () => {
    expect(nextPolicyStep(defaults, settingsForDeciding(defaults), site, { assessedAt: now + HOUR, now })).toMatchObject({ kind: 'reassess' });
    expect(nextPolicyStep(defaults, settingsForDeciding(defaults), site, { assessedAt: Number.NaN, now })).toMatchObject({ kind: 'reassess' });
  });

  it('unchanged: keeps a whole site assessment younger than 24 h under the same settings', () => {
    expect(nextPolicyStep(defaults, settingsForDeciding(defaults), site, { assessedAt: now - 23 * HOUR, now })).toEqual({ kind: 'keep' });
  });
});
