import { describe, expect, it } from 'vitest';
import { decide, type DecisionPolicy } from '../../../utils/policy/decide';
import type { Evidence, Licence } from '../../../utils/model/evidence';

const licensed: DecisionPolicy = { purpose: 'ai-training', mode: 'licensed', acceptedLicences: ['CC0', 'PDM', 'CC-BY', 'CC-BY-SA'] };
const optOut: DecisionPolicy = { ...licensed, mode: 'opt-out' };

const lic = (id: string | null, source: Licence['source'], url = `https://example/${id}`): Licence => ({ id, url, source, attribution: null });
const deny = (reason: Evidence['reason'], kind: Evidence['kind'] = 'robots-txt'): Evidence => ({
  kind,
  scope: 'image',
  source: 'https://img.example/robots.txt',
  value: 'x',
  effect: 'deny',
  reason,
});

describe('decide', () => {
  it.each<[string, Evidence[], Licence[], DecisionPolicy, string, string[], string | null]>([
    ['page CC BY, nothing else', [], [lic('CC-BY-4.0', 'page')], licensed, 'permitted', [], 'CC-BY-4.0'],
    ['no licence in licensed mode', [], [], licensed, 'refused', ['no-licence'], null],
    ['no licence in opt-out mode', [], [], optOut, 'permitted', [], null],
    ['NC licence not accepted', [], [lic('CC-BY-NC-4.0', 'page')], licensed, 'refused', ['licence-not-accepted'], 'CC-BY-NC-4.0'],
    ['unrecognised licence URL', [], [lic(null, 'page', 'https://ex.com/terms')], licensed, 'refused', ['licence-not-accepted'], null],
    ['NC licence in opt-out mode is recorded, not refused', [], [lic('CC-BY-NC-4.0', 'page')], optOut, 'permitted', [], 'CC-BY-NC-4.0'],
    ['xmp beats page', [], [lic('CC0-1.0', 'xmp'), lic('CC-BY-NC-4.0', 'page')], licensed, 'permitted', [], 'CC0-1.0'],
    ['element beats page', [], [lic('CC-BY-NC-4.0', 'element'), lic('CC-BY-4.0', 'page')], licensed, 'refused', ['licence-not-accepted'], 'CC-BY-NC-4.0'],
    ['conflict at the most specific level', [], [lic('CC-BY-4.0', 'element'), lic('CC-BY-SA-4.0', 'element')], licensed, 'refused', ['licence-conflict'], null],
    ['same licence twice is no conflict', [], [lic('CC-BY-4.0', 'element', 'a'), lic('CC-BY-4.0', 'element', 'b')], licensed, 'permitted', [], 'CC-BY-4.0'],
    ['opt-out denies even with a licence', [deny('robots-disallow')], [lic('CC-BY-4.0', 'page')], licensed, 'refused', ['robots-disallow'], 'CC-BY-4.0'],
    ['every reason, not just the first', [deny('robots-disallow'), deny('tdm-reserved', 'tdmrep'), deny('robots-disallow')], [], licensed, 'refused', ['robots-disallow', 'tdm-reserved', 'no-licence'], null],
    ['opt-out mode still honours opt-outs', [deny('x-robots-tag', 'x-robots-tag')], [], optOut, 'refused', ['x-robots-tag'], null],
    ['info and allow evidence do not refuse', [{ ...deny(undefined), effect: 'info' }, { ...deny(undefined), effect: 'allow' }], [lic('CC0-1.0', 'page')], licensed, 'permitted', [], 'CC0-1.0'],
  ])('%s', (_name, evidence, licences, policy, decision, reasons, licenceId) => {
    const d = decide({ evidence, licences }, policy);
    expect(d.decision).toBe(decision);
    expect(d.reasons).toEqual(reasons);
    expect(d.licence?.id ?? null).toBe(licenceId);
    // Every decision carries its evidence: the input plus the licence outcome.
    expect(d.evidence.length).toBeGreaterThanOrEqual(evidence.length);
  });

  it('records the licence evidence with its scope', () => {
    const d = decide({ evidence: [], licences: [lic('CC0-1.0', 'xmp')] }, licensed);
    expect(d.evidence).toContainEqual(expect.objectContaining({ kind: 'licence', scope: 'image', source: 'xmp', value: 'CC0-1.0', effect: 'allow' }));
  });

  it('names where a licence was read in DESIGN.md §2 terms ("xmp" or "html", not the level), with the licence URL in its note', () => {
    for (const source of ['element', 'page'] as const) {
      const d = decide({ evidence: [], licences: [lic('CC-BY-4.0', source, 'https://creativecommons.org/licenses/by/4.0/')] }, licensed);
      const e = d.evidence.find((x) => x.kind === 'licence')!;
      expect(e).toMatchObject({ source: 'html', scope: source === 'page' ? 'page' : 'image', value: 'CC-BY-4.0', effect: 'allow' });
      expect(e.note).toContain('https://creativecommons.org/licenses/by/4.0/');
      expect(e.note).toContain(source);
    }
    const conflict = decide({ evidence: [], licences: [lic('CC-BY-4.0', 'element'), lic('CC0-1.0', 'element')] }, licensed);
    expect(conflict.evidence).toContainEqual(expect.objectContaining({ kind: 'licence', source: 'html', reason: 'licence-conflict' }));
  });

  it('opt-out mode: a permitted image without a licence says so in its evidence (none found, none required)', () => {
    const d = decide({ evidence: [], licences: [] }, optOut);
    expect(d.decision).toBe('permitted');
    expect(d.evidence).toContainEqual(expect.objectContaining({ kind: 'licence', scope: 'image', value: 'none', effect: 'info' }));
    expect(d.evidence.find((e) => e.kind === 'licence')!.note).toMatch(/opt-out mode/);
  });
});
