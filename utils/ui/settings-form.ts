import { PurposeSchema, ModeSchema } from '../model/evidence';
import { bareHost, hostMatchesDomain, isPublicSuffix, registrableDomain } from '../model/registrable-domain';
import { SettingsSchema, type Settings } from '../model/settings';
import { PeopleSettingSchema } from '../model/people';

/** Licence families offered as checkboxes (ids as `isAcceptedLicence` reads them: any version, any port). */
export const COMMON_LICENCES: readonly { id: string; label: string }[] = [
  { id: 'CC0', label: 'CC0 (public-domain dedication)' },
  { id: 'PDM', label: 'Public Domain Mark' },
  { id: 'CC-BY', label: 'CC BY' },
  { id: 'CC-BY-SA', label: 'CC BY-SA' },
  { id: 'CC-BY-NC', label: 'CC BY-NC (non-commercial)' },
  { id: 'CC-BY-NC-SA', label: 'CC BY-NC-SA' },
  { id: 'CC-BY-ND', label: 'CC BY-ND (no derivatives)' },
  { id: 'CC-BY-NC-ND', label: 'CC BY-NC-ND' },
];

/** The settings form as the user edits it: text where the user types, parsed only on save. */
export interface SettingsForm {
  purpose: string;
  mode: string;
  licences: string[];
  otherLicences: string;
  userAllow: string;
  userBlock: string;
  maxImageMb: string;
  perOriginConcurrency: string;
  minImageSide: string;
  inPageNotice: boolean;
  /** '' = the purpose's default (rule 6), else refuse | flag | off. */
  people: string;
  minFacePx: string;
}

export type SettingsFormErrors = Partial<Record<keyof SettingsForm, string>>;

const MB = 1024 * 1024;

/** Form values for stored settings. */
export function settingsToForm(s: Settings): SettingsForm {
  const common = new Set(COMMON_LICENCES.map((l) => l.id));
  return {
    purpose: s.purpose,
    mode: s.mode,
    licences: s.acceptedLicences.filter((id) => common.has(id)),
    otherLicences: s.acceptedLicences.filter((id) => !common.has(id)).join(', '),
    userAllow: s.userAllow.join('\n'),
    userBlock: s.userBlock.join('\n'),
    maxImageMb: String(Math.round((s.maxImageBytes / MB) * 100) / 100),
    perOriginConcurrency: String(s.perOriginConcurrency),
    minImageSide: String(s.minImageSide),
    inPageNotice: s.inPageNotice,
    people: s.people ?? '',
    minFacePx: String(s.minFacePx),
  };
}

/** Split on newlines, commas and spaces; drop empties. */
function tokens(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * Registrable domains from free text (one per line; URLs and subdomains are reduced to their
 * domain). `names: 'host'` (the allow list) keeps each entry's host as written, a leading `www.`
 * dropped. Decision (DESIGN.md §2 rule 1: the allow list overrides the registry for the sites it
 * names): reduced to its registrable domain, an allow entry for one host (`help.medium.com`)
 * lifted the registry for every host of the domain, and `shop.example.com.uk` (no `com.uk` suffix
 * in the list) was stored as `com.uk`. `www.` alone is read as the site itself, as people write it.
 * The block list is still reduced: a wider block only refuses more.
 */
export function parseDomainList(text: string, { names = 'domain' }: { names?: 'domain' | 'host' } = {}): { domains: string[]; invalid: string[] } {
  const domains: string[] = [];
  const invalid: string[] = [];
  for (const raw of tokens(text)) {
    const stripped = raw.replace(/^\*\./, '');
    // A bare IPv6 address (two colons or more) is written in brackets in a URL.
    const token = /^[0-9a-f:.]+$/i.test(stripped) && stripped.split(':').length > 2 ? `[${stripped}]` : stripped;
    let host: string;
    try {
      // The URL parser lower-cases and punycodes, matching how page URLs are compared later.
      host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(token) ? token : `http://${token}`).hostname;
    } catch {
      invalid.push(raw);
      continue;
    }
    // An IPv6 host stays as the URL parser writes it, bracketed (the block list compares it with
    // a URL's host); read through registrableDomain it lost its brackets and was refused below.
    const domain = host.startsWith('[') ? host : names === 'host' ? bareHost(host).replace(/^\.+/, '').replace(/^www\./, '') : registrableDomain(host);
    const plausible = /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(domain) || /^\[[0-9a-f:.]+\]$/.test(domain);
    if (!plausible) invalid.push(raw);
    else if (!domains.includes(domain)) domains.push(domain);
  }
  return { domains, invalid };
}

function numberIn(text: string, min: number, max: number, integer: boolean): number | null {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return null;
  return n;
}

const quote = (list: string[]) => list.slice(0, 5).map((s) => `“${s.slice(0, 60)}”`).join(', ') + (list.length > 5 ? '…' : '');

/** Validate the form into settings, or per-field messages; never throws. */
export function formToSettings(form: SettingsForm): { ok: true; settings: Settings } | { ok: false; errors: SettingsFormErrors } {
  const errors: SettingsFormErrors = {};
  const purpose = PurposeSchema.safeParse(form.purpose);
  if (!purpose.success) errors.purpose = 'Choose a purpose.';
  const mode = ModeSchema.safeParse(form.mode);
  if (!mode.success) errors.mode = 'Choose a mode.';

  const other = tokens(form.otherLicences);
  const badIds = other.filter((id) => !/^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(id) || id.length > 64);
  if (badIds.length) errors.otherLicences = `Not a licence id: ${quote(badIds)}. Use SPDX ids such as CC-BY-NC-4.0.`;
  const accepted = [...new Set([...form.licences, ...other])];
  if (mode.success && mode.data === 'licensed' && accepted.length === 0) errors.licences = 'In licensed mode, accept at least one licence (otherwise every image is refused).';

  const allow = parseDomainList(form.userAllow, { names: 'host' });
  const block = parseDomainList(form.userBlock);
  if (allow.invalid.length) errors.userAllow = `Not a domain: ${quote(allow.invalid)}.`;
  if (block.invalid.length) errors.userBlock = `Not a domain: ${quote(block.invalid)}.`;
  // A public suffix names no site: allowing it would lift the registry for every site under it
  // (site-registry.ts ignores such an entry). Blocking one is kept: it only refuses more.
  const suffixes = allow.domains.filter(isPublicSuffix);
  if (suffixes.length && !errors.userAllow) errors.userAllow = `Not one site: ${quote(suffixes)} is an ending many sites share (a public suffix). List each site you allow.`;
  // An allow entry for a host inside a blocked domain is on both lists too (the block wins).
  const both = allow.domains.filter((d) => block.domains.some((b) => hostMatchesDomain(d, b)));
  if (both.length && !errors.userAllow) errors.userAllow = `On both lists: ${quote(both)}. Remove it from one.`;

  const maxMb = numberIn(form.maxImageMb, 0.01, 4096, false);
  if (maxMb === null) errors.maxImageMb = 'Enter a size between 0.01 and 4096 MB.';
  const concurrency = numberIn(form.perOriginConcurrency, 1, 16, true);
  if (concurrency === null) errors.perOriginConcurrency = 'Enter a whole number from 1 to 16.';
  const minSide = numberIn(form.minImageSide, 0, 10_000, true);
  if (minSide === null) errors.minImageSide = 'Enter a whole number of pixels from 0 to 10000.';

  const people = form.people === '' ? null : PeopleSettingSchema.safeParse(form.people).data ?? undefined;
  if (people === undefined) errors.people = 'Choose refuse, flag, off or the purpose’s default.';
  const minFace = numberIn(form.minFacePx, 1, 10_000, true);
  if (minFace === null) errors.minFacePx = 'Enter a whole number of pixels from 1 to 10000.';

  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = SettingsSchema.safeParse({
    purpose: purpose.data,
    mode: mode.data,
    acceptedLicences: accepted,
    userAllow: allow.domains,
    userBlock: block.domains,
    maxImageBytes: Math.round(maxMb! * MB),
    perOriginConcurrency: concurrency,
    minImageSide: minSide,
    inPageNotice: form.inPageNotice === true,
    people,
    minFacePx: minFace,
  });
  // The checks above mirror the schema; this is the schema having the last word.
  return parsed.success ? { ok: true, settings: parsed.data } : { ok: false, errors: { purpose: parsed.error.issues[0]?.message ?? 'Invalid settings' } };
}
