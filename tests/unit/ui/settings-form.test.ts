import { describe, expect, it } from 'vitest';
import { evaluateSiteRegistry } from '../../../utils/policy/site-registry';
import { formToSettings, parseDomainList, settingsToForm, type SettingsForm } from '../../../utils/ui/settings-form';
import { SettingsSchema } from '../../../utils/model/settings';

const defaults = SettingsSchema.parse({});
const form = (over: Partial<SettingsForm> = {}): SettingsForm => ({ ...settingsToForm(defaults), ...over });

describe('parseDomainList', () => {
  it.each<[string, string[], string[]]>([
    ['', [], []],
    ['museum.example', ['museum.example'], []],
    ['Museum.Example\n\nwww.museum.example', ['museum.example'], []],
    ['https://www.flickr.com/photos/x, images.example.co.uk', ['flickr.com', 'example.co.uk'], []],
    ['*.getty.example', ['getty.example'], []],
    ['bücher.de', ['xn--bcher-kva.de'], []],
    ['not-a-domain <script>alert(1)</script>', [], ['not-a-domain', '<script>alert(1)</script>']],
    ['foo..bar http://', [], ['foo..bar', 'http://']],
  ])('%j', (text, domains, invalid) => expect(parseDomainList(text)).toEqual({ domains, invalid }));
});

describe('settings form', () => {
  it('round-trips the defaults', () => {
    expect(formToSettings(settingsToForm(defaults))).toEqual({ ok: true, settings: defaults });
  });

  it('splits accepted licences into checkboxes and free text', () => {
    const f = settingsToForm({ ...defaults, acceptedLicences: ['CC0', 'CC-BY', 'CC-BY-NC-4.0', 'CC-BY-2.0-UK'] });
    expect(f.licences).toEqual(['CC0', 'CC-BY']);
    expect(f.otherLicences).toBe('CC-BY-NC-4.0, CC-BY-2.0-UK');
    const back = formToSettings(f);
    expect(back.ok && back.settings.acceptedLicences).toEqual(['CC0', 'CC-BY', 'CC-BY-NC-4.0', 'CC-BY-2.0-UK']);
  });

  it('converts every field', () => {
    const r = formToSettings(
      form({ purpose: 'research-tdm', mode: 'opt-out', licences: [], userAllow: 'www.a.example', userBlock: 'b.example\nc.example', maxImageMb: '2.5', perOriginConcurrency: '4', minImageSide: '0', inPageNotice: false }),
    );
    expect(r).toEqual({
      ok: true,
      settings: { ...defaults, purpose: 'research-tdm', mode: 'opt-out', acceptedLicences: [], userAllow: ['a.example'], userBlock: ['b.example', 'c.example'], maxImageBytes: 2.5 * 1024 * 1024, perOriginConcurrency: 4, minImageSide: 0, inPageNotice: false },
    });
  });

  it.each<[string, Partial<SettingsForm>, keyof SettingsForm]>([
    ['unknown purpose', { purpose: 'marketing' }, 'purpose'],
    ['unknown mode', { mode: 'anything-goes' }, 'mode'],
    ['no licence in licensed mode', { licences: [], otherLicences: '' }, 'licences'],
    ['bad licence id', { otherLicences: 'CC BY<b>' }, 'otherLicences'],
    ['bad allow entry', { userAllow: 'http://' }, 'userAllow'],
    ['bad block entry', { userBlock: '###' }, 'userBlock'],
    ['domain on both lists', { userAllow: 'x.example', userBlock: 'www.x.example' }, 'userAllow'],
    // A public suffix names no site: allowed, `co.uk` lifted the registry entry of every site under
    // it (amazon.co.uk, google.co.uk…). Blocking one stays possible (it only refuses more).
    ['an allow entry that is a public suffix (co.uk)', { userAllow: 'co.uk' }, 'userAllow'],
    ['an allow entry that is a public suffix (*.com.au)', { userAllow: '*.com.au' }, 'userAllow'],
    ['size zero', { maxImageMb: '0' }, 'maxImageMb'],
    ['size text', { maxImageMb: 'big' }, 'maxImageMb'],
    ['size negative', { maxImageMb: '-3' }, 'maxImageMb'],
    ['concurrency 0', { perOriginConcurrency: '0' }, 'perOriginConcurrency'],
    ['concurrency 17', { perOriginConcurrency: '17' }, 'perOriginConcurrency'],
    ['concurrency fraction', { perOriginConcurrency: '1.5' }, 'perOriginConcurrency'],
    ['min side empty', { minImageSide: '' }, 'minImageSide'],
    ['min side huge', { minImageSide: '1e9' }, 'minImageSide'],
  ])('rejects %s', (_name, over, field) => {
    const r = formToSettings(form(over));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[field]).toBeTruthy();
  });
});

// An IPv6 host (`[2001:db8::1]`, or a URL on it) was rejected as "Not a domain": the domain read
// from it lost its brackets and failed the form's own check for a bracketed address, so the user
// could not block a site served from one. It is kept as the bracketed host, which the block list
// matches (policy/site-registry.ts compares it with the URL's host).
describe('settings form: an IPv6 host', () => {
  it('is taken on the block list, bracketed, and blocks that host', () => {
    const r = formToSettings(form({ userBlock: '[2001:db8::1]\nhttp://[2001:DB8::1]:8080/x\n2001:db8::2' }));
    expect(r.ok && r.settings.userBlock).toEqual(['[2001:db8::1]', '[2001:db8::2]']);
    const settings = r.ok ? r.settings : null;
    expect(evaluateSiteRegistry('http://[2001:db8::1]:8080/a.png', 'image', 'ai-training', settings!)[0]).toMatchObject({ effect: 'deny', reason: 'user-blocked' });
  });
});

describe('settings form: a public suffix', () => {
  it('may be blocked (every site under it), not allowed', () => {
    const r = formToSettings(form({ userBlock: 'co.uk' }));
    expect(r.ok && r.settings.userBlock).toEqual(['co.uk']);
    expect(formToSettings(form({ userAllow: 'amazon.co.uk' })).ok).toBe(true);
  });
});

describe('settings form: people (DESIGN.md §2 rule 6)', () => {
  it('offers the purpose default, refuse, flag and off, and the smallest recognisable face', () => {
    const form = settingsToForm(SettingsSchema.parse({}));
    expect(form.people).toBe('');
    expect(form.minFacePx).toBe('32');
    const saved = formToSettings({ ...form, people: 'flag', minFacePx: '48' });
    expect(saved).toMatchObject({ ok: true, settings: { people: 'flag', minFacePx: 48 } });
    expect(formToSettings({ ...form, people: '' })).toMatchObject({ ok: true, settings: { people: null } });
    expect(formToSettings({ ...form, people: 'maybe' })).toMatchObject({ ok: false, errors: { people: expect.any(String) } });
    expect(formToSettings({ ...form, minFacePx: '0' })).toMatchObject({ ok: false, errors: { minFacePx: expect.any(String) } });
  });
});

// An allow entry lifts the registry for the site it names and no more. The form reduced every
// entry to its registrable domain, so allowing one host (`help.medium.com`) lifted Medium's
// registry entry for all of medium.com, and `shop.example.com.uk` (tldts knows no `com.uk`
// suffix) was stored as `com.uk`, lifting it for every site under that name. A leading `www.` is
// still the site itself; the block list still widens (it only refuses more).
describe('settings form: an allow entry naming one host', () => {
  it.each<[string, string, string]>([
    ['help.medium.com', 'help.medium.com', 'https://medium.com/@someone/a.png'],
    ['https://shop.example.com.uk/about', 'shop.example.com.uk', 'https://other.com.uk/a.png'],
  ])('%s is kept as %s and does not lift the registry for %s', (entry, kept, url) => {
    const r = formToSettings(form({ userAllow: entry }));
    expect(r.ok && r.settings.userAllow).toEqual([kept]);
    const settings = r.ok ? r.settings : defaults;
    const registry = { version: 1, checked: '', note: '', sites: [{ domains: ['medium.com', 'com.uk'], name: 'Listed', status: 'blocked' as const, forbids: [], licence: null, summary: '', source: 's', clause: '', evidence: '' }] };
    expect(evaluateSiteRegistry(url, 'image', 'ai-training', settings, registry).map((e) => e.reason ?? e.effect)).toEqual(['site-blocked']);
  });
  it('still lifts it for the host it names, and a leading www. names the site', () => {
    const r = formToSettings(form({ userAllow: 'help.medium.com\nwww.museum.example' }));
    expect(r.ok && r.settings.userAllow).toEqual(['help.medium.com', 'museum.example']);
    expect(evaluateSiteRegistry('https://help.medium.com/a.png', 'image', 'ai-training', r.ok ? r.settings : defaults)[0]).toMatchObject({ kind: 'user-list', effect: 'info' });
  });
  it('an allow entry inside a blocked domain is on both lists', () => {
    const r = formToSettings(form({ userAllow: 'cdn.x.example', userBlock: 'x.example' }));
    expect(!r.ok && r.errors.userAllow).toMatch(/both lists/);
  });
});
