import { describe, expect, it } from 'vitest';
import type { DecisionPolicy } from '../../../utils/policy/decide';
import type { Evidence, Licence } from '../../../utils/model/evidence';
import { siteStatus } from '../../../utils/policy/site-status';

const policy: DecisionPolicy = { purpose: 'ai-training', mode: 'licensed', acceptedLicences: ['CC0', 'CC-BY'] };
const ev = (reason: Evidence['reason'], effect: Evidence['effect'] = 'deny'): Evidence => ({ kind: 'meta-robots', scope: 'page', source: 'html', value: 'noai', effect, reason });
const page = (id: string): Licence => ({ id, url: 'u', source: 'page', attribution: null });

describe('siteStatus', () => {
  it.each<[string, Evidence[], Licence[], string, string[]]>([
    ['nothing decisive', [], [], 'unknown', []],
    ['accepted page licence', [], [page('CC-BY-4.0')], 'permitted', []],
    ['non-accepted page licence', [], [page('CC-BY-NC-4.0')], 'unknown', []],
    ['two different page licences, one accepted (each image is licence-conflict)', [], [page('CC-BY-4.0'), page('CC-BY-NC-4.0')], 'unknown', []],
    ['the same page licence twice', [], [page('CC-BY-4.0'), page('CC-BY-4.0')], 'permitted', []],
    ['page-level opt-out blocks despite a licence', [ev('meta-robots')], [page('CC0-1.0')], 'blocked', ['meta-robots']],
    ['registry restriction binding this purpose', [ev('site-restricted')], [], 'restricted', ['site-restricted']],
    ['registry restriction for another purpose', [ev('site-restricted', 'info')], [page('CC0-1.0')], 'restricted', ['site-restricted']],
    ['registry restriction plus an opt-out', [ev('site-restricted'), ev('robots-disallow')], [], 'blocked', ['site-restricted', 'robots-disallow']],
    ['partial opt-out', [ev('robots-disallow', 'info')], [page('CC0-1.0')], 'restricted', ['robots-disallow']],
    ['info without a reason is neutral', [{ ...ev(undefined, 'info') }], [page('CC0-1.0')], 'permitted', []],
  ])('%s → %s', (_n, evidence, licences, status, reasons) => {
    const r = siteStatus(evidence, licences, policy);
    expect(r.status).toBe(status);
    expect(r.reasons).toEqual(reasons);
  });
});
