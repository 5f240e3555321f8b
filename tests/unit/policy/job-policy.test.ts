import { describe, expect, it } from 'vitest';
import { nextPolicyStep } from '../../../utils/policy/job-policy';
import { SETTINGS_VERSION, SettingsSchema, settingsForDeciding } from '../../../utils/model/settings';

const defaults = SettingsSchema.parse({});

describe('nextPolicyStep (DESIGN.md §2 "One job, one policy, one page")', () => {
  it('keeps the job’s settings while the stored ones are the same (whatever their key order)', () => {
    const reordered = Object.fromEntries(Object.entries(defaults).reverse());
    expect(nextPolicyStep(defaults, settingsForDeciding(reordered))).toEqual({ kind: 'keep' });
  });

  it.each([
    ['a domain blocked mid-collect', { userBlock: ['museum.example'] }],
    ['another purpose', { purpose: 'research-tdm' }],
    ['another mode', { mode: 'opt-out' }],
    ['another accepted licence set', { acceptedLicences: ['CC0'] }],
  ])('re-assesses the site before deciding another image after %s', (_, change) => {
    const changed = SettingsSchema.parse({ ...defaults, ...change });
    expect(nextPolicyStep(defaults, settingsForDeciding(changed))).toEqual({ kind: 'reassess', settings: changed });
  });

  it('re-assesses a job stored without its settings (started by an earlier Heed)', () => {
    expect(nextPolicyStep(undefined, settingsForDeciding(defaults))).toEqual({ kind: 'reassess', settings: defaults });
  });

  it('stops the job when the stored settings became unusable, with the reason', () => {
    const step = nextPolicyStep(defaults, settingsForDeciding({ version: SETTINGS_VERSION + 1, userBlock: ['x.example'] }));
    expect(step.kind).toBe('stop');
    if (step.kind === 'stop') expect(step.message).toMatch(/newer Heed/);
  });
});
