/**
 * Creative Commons licence URLs → SPDX ids, accepted-set matching and attribution lines
 * (DESIGN.md §2 rule 4, §3; SIGNALS.md §6.4).
 */
import { clipText } from './clip-text';

export type LicenceFamily = 'cc' | 'cc0' | 'pdm' | 'other';

export interface ParsedLicence {
  /** SPDX id; `LicenseRef-CC-…` for a real CC licence SPDX does not list; null if unrecognised. */
  id: string | null;
  /** Canonical https URL for a recognised CC URL (deed/legalcode/query dropped); else the input URL. */
  url: string;
  /** Human label for attribution strings, e.g. `CC BY-SA 4.0`, `CC0 1.0`. */
  name: string;
  family: LicenceFamily;
}

/** Default accepted set: CC0, Public Domain Mark, CC BY, CC BY-SA, any version, any port (DESIGN.md §2 rule 4). */
export const DEFAULT_ACCEPTED_LICENCES: readonly string[] = ['CC0', 'PDM', 'CC-BY', 'CC-BY-SA'];

/**
 * Jurisdiction-ported CC ids on the SPDX License List. Checked with the search tool against
 * spdx/license-list-data and the spdx-license-ids index (list 3.26/3.27 era): every `CC-*-<port>`
 * id there is below; any other port falls back to the unported id (SIGNALS.md §6.4).
 */
export const SPDX_PORTED_CC_IDS: ReadonlySet<string> = new Set([
  'CC-BY-2.5-AU', 'CC-BY-3.0-AT', 'CC-BY-3.0-AU', 'CC-BY-3.0-DE', 'CC-BY-3.0-IGO', 'CC-BY-3.0-NL',
  'CC-BY-3.0-US', 'CC-BY-NC-3.0-DE', 'CC-BY-NC-ND-3.0-DE', 'CC-BY-NC-ND-3.0-IGO', 'CC-BY-NC-SA-2.0-DE',
  'CC-BY-NC-SA-2.0-FR', 'CC-BY-NC-SA-2.0-UK', 'CC-BY-NC-SA-3.0-DE', 'CC-BY-NC-SA-3.0-IGO',
  'CC-BY-ND-3.0-DE', 'CC-BY-SA-2.0-UK', 'CC-BY-SA-2.1-JP', 'CC-BY-SA-3.0-AT', 'CC-BY-SA-3.0-DE',
  'CC-BY-SA-3.0-IGO',
]);

const BY_CODES = ['by', 'by-sa', 'by-nd', 'by-nc', 'by-nc-sa', 'by-nc-nd'];
// 1.0 had by-nd-nc (SPDX calls it CC-BY-NC-ND-1.0) and licences without BY; only CC-SA-1.0 of
// those is on the SPDX list.
const V1_ONLY_CODES = ['by-nd-nc', 'nd', 'nc', 'sa', 'nc-sa', 'nd-nc'];
const VERSIONS = ['1.0', '2.0', '2.1', '2.5', '3.0', '4.0'];
// 2.1 only ever existed as ports, so SPDX has no unported 2.1 ids.
const SPDX_UNPORTED_VERSIONS = ['1.0', '2.0', '2.5', '3.0', '4.0'];
const ELEMENT_ORDER = ['BY', 'NC', 'ND', 'SA'];
const MAX_URL = 2048;
// `deed`, `deed.zh-hans`, `deed.pt_br`, `legalcode`, `legalcode.fr`, `legalcode.txt`, `rdf`: views
// of one licence. The tail is one language tag after a dot and nothing else (`deed.en.nc`,
// `deed.x-nc`, `deed..nc`, `deed.en@nc` are not views: fail closed). Bounded repeats, no nesting:
// linear time on hostile input.
const VIEW_SEGMENT = /^(?:(?:deed|legalcode)(?:\.[a-z]{2,3}(?:[-_][a-z0-9]{2,8}){0,2})?|rdf)$/;
// Anything the author meant as a view page: it must then be a clean one (VIEW_SEGMENT).
const VIEW_LIKE = /^(?:deed|legalcode)/;
// A `..` segment, literal or percent-encoded in any case, split by `/` or `\` (both path
// separators to the URL parser).
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){2}(?=[/\\?#]|$)/i;
// Licence restrictions written as words in a query or fragment: `nc`, `nd` alone or joined with
// other licence elements into one word (`bync`, `byncnd`; `ncbi` is no such word), non-commercial
// or no derivatives however they are joined (`no-commercial`, `not_for_commercial`), or the use
// answered no (`commercial=no`, `derivatives=false`). Linear: fixed-width alternatives, no nested repeats.
const RESTRICTION_WORDS = new RegExp([
  '(?:^|[^a-z0-9])(?:by|sa)*n[cd](?:by|nc|nd|sa)*(?![a-z0-9])',
  'no[nt]?[^a-z0-9]{0,3}(?:for[^a-z0-9]{0,3})?(?:commercial|deriv)',
  '(?:commercial|deriv[a-z]{0,8})(?:[^a-z0-9]{1,3}use)?[^a-z0-9]{1,3}(?:no|n|false|0)(?![a-z0-9])',
].join('|'));
const PORT_SEGMENT = /^[a-z]{2,3}$|^scotland$/;
// Licence elements are never ports (no CC jurisdiction was called nc, nd, sa or by): one in the
// port position restricts what the URL's code says, so the URL is not that licence (fail closed).
const ELEMENT_SEGMENTS = new Set(['by', 'nc', 'nd', 'sa']);

const CC0: ParsedLicence = { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0 1.0', family: 'cc0' };
// SPDX lists CC-PDM-1.0 ("Creative Commons Public Domain Mark 1.0 Universal", added in list
// 3.26.0, seeAlso https://creativecommons.org/publicdomain/mark/1.0/): verified with the
// search tool in spdx/license-list-XML src/CC-PDM-1.0.xml and license-list-data json/details.
const PDM: ParsedLicence = { id: 'CC-PDM-1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/', name: 'Public Domain Mark 1.0', family: 'pdm' };
// The retired /licenses/publicdomain/ tool: SPDX `CC-PDDC` (seeAlso that URL). It was both a
// dedication and a certification; CC replaced it with CC0 and the PDM, so it counts as PDM.
const PDDC: ParsedLicence = { id: 'CC-PDDC', url: 'https://creativecommons.org/licenses/publicdomain/', name: 'Public Domain Dedication and Certification', family: 'pdm' };

/** Canonical element order (BY, NC, ND, SA) so `by-nd-nc` and `by-nc-nd` share an id. */
function canonicalCode(code: string): string {
  const parts = code.toUpperCase().split('-');
  return [...parts].sort((a, b) => ELEMENT_ORDER.indexOf(a) - ELEMENT_ORDER.indexOf(b)).join('-');
}

function spdxForCc(code: string, version: string, port: string | null): string {
  const unported = `CC-${canonicalCode(code)}-${version}`;
  if (port) {
    const ported = `${unported}-${port.toUpperCase()}`;
    if (SPDX_PORTED_CC_IDS.has(ported)) return ported;
  }
  const listed = code.startsWith('by') ? SPDX_UNPORTED_VERSIONS.includes(version) : unported === 'CC-SA-1.0';
  return listed ? unported : `LicenseRef-${unported}`;
}

function portLabel(port: string): string {
  return port.length <= 3 ? port.toUpperCase() : port.charAt(0).toUpperCase() + port.slice(1);
}

function toUrl(input: string): URL | null {
  let s = input.trim();
  if (s.length === 0 || s.length > MAX_URL) return null;
  // Bare and protocol-relative CC URLs turn up in JSON-LD and hand-written markup.
  if (s.startsWith('//')) s = `https:${s}`;
  else if (/^(?:www\.)?creativecommons\.org\//i.test(s)) s = `https://${s}`;
  try {
    const url = new URL(s);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Percent-decoded where the text decodes. A malformed escape left the whole text as written, so
 * one bad escape (`?x=%E0%A4&n%63`) hid an escaped `nc` from RESTRICTION_WORDS: then each ASCII
 * escape is decoded on its own (the words are ASCII), the rest left as written.
 */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
}

function other(url: URL): ParsedLicence {
  return { id: null, url: url.href, name: `${url.hostname}${url.pathname}`.slice(0, 200), family: 'other' };
}

function parseCcPath(segments: string[]): ParsedLicence | null {
  const [kind, a, b, c, ...rest] = segments;
  if (rest.length > 0) return null;
  if (kind === 'publicdomain' && b === '1.0' && c === undefined) {
    if (a === 'zero') return CC0;
    if (a === 'mark') return PDM;
    return null;
  }
  if (kind !== 'licenses' || a === undefined) return null;
  if (a === 'publicdomain') return b === undefined ? PDDC : null;
  if (b === undefined || !VERSIONS.includes(b)) return null;
  const known = BY_CODES.includes(a) || (b === '1.0' && (V1_ONLY_CODES.includes(a) || a === 'by-nc-nd'));
  if (!known) return null;
  if (c !== undefined && (!PORT_SEGMENT.test(c) || ELEMENT_SEGMENTS.has(c))) return null;
  // 4.0 has no ports: a port segment there is a typo, so it maps to the international licence.
  const port = b === '4.0' ? null : (c ?? null);
  const name = `CC ${a.toUpperCase()} ${b}${port ? ` ${portLabel(port)}` : ''}`;
  const url = `https://creativecommons.org/licenses/${a}/${b}/${port ? `${port}/` : ''}`;
  return { id: spdxForCc(a, b, port), url, name, family: 'cc' };
}

/**
 * Recognise a licence URL (SIGNALS.md §6.4): any Creative Commons licence or public-domain tool
 * → SPDX id + label; another http(s) URL → family `other`, id null; not a URL → null. Never throws.
 */
export function parseLicenceUrl(url: string): ParsedLicence | null {
  if (typeof url !== 'string') return null;
  const parsed = toUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host !== 'creativecommons.org' && host !== 'www.creativecommons.org') return other(parsed);
  // `new URL` resolves dot segments: `by-nc/4.0/%2e%2e/%2e%2e/by/4.0/` would read as CC BY though
  // its text names BY-NC. The raw path (tabs and newlines dropped, as the URL parser drops them)
  // must carry none, or the URL is not recognised (fail closed).
  const rawPath = url.replace(/[\t\n\r]/g, '').split(/[?#]/, 1)[0] ?? '';
  if (DOT_SEGMENT.test(rawPath)) return other(parsed);
  const segments = parsed.pathname.toLowerCase().split('/').filter((s) => s.length > 0);
  const last = segments[segments.length - 1];
  if (last !== undefined && VIEW_LIKE.test(last)) {
    // A view tail is a language and nothing else. One that is not a language tag, or with a
    // licence element in any word (`deed.nc`, `legalcode-nd`, `deed.en.nc`, `legalcode.en-nd`),
    // restricts what the path's code says, so the URL is not that licence (as a port segment
    // naming one is not, ELEMENT_SEGMENTS; fail closed). A deed in a language whose code is one of
    // those (North Ndebele `nd`, Sanskrit `sa`) is then not recognised either: the safe side.
    if (!VIEW_SEGMENT.test(last) || last.split(/[._-]/).some((w) => ELEMENT_SEGMENTS.has(w))) return other(parsed);
    segments.pop();
  }
  // A query or fragment is dropped as a view's (`?ref=chooser-v1`, `#ref-appropriate-credit`);
  // one that names a licence restriction (`?nc`, `#non-commercial`, `?use=NoDerivatives`) says
  // the licence meant is not the one the path names, so the URL is not that licence (as a view
  // tail naming one is not, above; fail closed).
  if (RESTRICTION_WORDS.test(decoded(`${parsed.search} ${parsed.hash}`).toLowerCase())) return other(parsed);
  return parseCcPath(segments) ?? other(parsed);
}

interface IdParts {
  family: 'cc0' | 'pdm' | 'cc';
  code: string;
  version: string | null;
  port: string | null;
}

function idParts(id: string): IdParts | null {
  if (id.length > 100) return null;
  const upper = id.trim().toUpperCase().replace(/^LICENSEREF-/, '');
  if (/^CC0(?:-\d\.\d)?$/.test(upper)) return { family: 'cc0', code: 'CC0', version: upper.slice(4) || null, port: null };
  if (upper === 'CC-PDDC' || /^CC-PDM(?:-\d\.\d)?$/.test(upper)) return { family: 'pdm', code: 'PDM', version: null, port: null };
  const m = /^CC-((?:BY|NC|ND|SA)(?:-(?:BY|NC|ND|SA))*)(?:-(\d\.\d)(?:-([A-Z]+))?)?$/.exec(upper);
  if (!m?.[1]) return null;
  return { family: 'cc', code: canonicalCode(m[1]), version: m[2] ?? null, port: m[3] ?? null };
}

/**
 * Whether an SPDX id is in the accepted set. Entries are families (`CC0`, `PDM`, `CC-BY`,
 * `CC-BY-SA`, `CC-BY-NC`…: any version, any port), or a family with a version (`CC-BY-4.0`:
 * that version, any port). `CC-BY` never matches `CC-BY-SA-*`.
 */
export function isAcceptedLicence(id: string | null | undefined, accepted: readonly string[] = DEFAULT_ACCEPTED_LICENCES): boolean {
  if (typeof id !== 'string') return false;
  const have = idParts(id);
  if (!have) return false;
  return accepted.some((entry) => {
    if (typeof entry !== 'string') return false;
    const want = idParts(entry.trim().toUpperCase() === 'PDM' ? 'CC-PDM' : entry);
    if (!want || want.family !== have.family || want.code !== have.code) return false;
    if (want.version !== null && want.version !== have.version) return false;
    return want.port === null || want.port === have.port;
  });
}

/** Human label for an SPDX id (`CC-BY-SA-3.0-DE` → `CC BY-SA 3.0 DE`); the id itself if not CC. */
export function licenceLabel(id: string): string {
  const parts = idParts(id);
  if (!parts) return id;
  if (parts.family === 'cc0') return `CC0 ${parts.version ?? '1.0'}`;
  if (parts.family === 'pdm') return id.toUpperCase() === 'CC-PDDC' ? PDDC.name : PDM.name;
  const tail = [parts.version, parts.port].filter((p) => p !== null).join(' ');
  return `CC ${parts.code}${tail ? ` ${tail}` : ''}`;
}

function cleanText(s: string | null | undefined, max = 200): string {
  if (typeof s !== 'string') return '';
  // eslint-disable-next-line no-control-regex -- strip control characters from page-supplied text
  const flat = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clipText(flat, max);
}

export interface AttributionInput {
  title?: string | null;
  creator?: string | null;
  licenceId: string | null;
  licenceUrl: string;
}

/**
 * The usual CC attribution line (DESIGN.md §3): `"Title" by Creator is licensed under CC BY-SA 4.0
 * (https://…)`; public-domain tools read "is marked with CC0 1.0 (…)".
 */
export function attributionLine(input: AttributionInput): string {
  const title = cleanText(input.title);
  const creator = cleanText(input.creator);
  const parsed = parseLicenceUrl(typeof input.licenceUrl === 'string' ? input.licenceUrl : '');
  const recognised = parsed && parsed.family !== 'other' ? parsed : null;
  const idParsed = typeof input.licenceId === 'string' ? idParts(input.licenceId) : null;
  const label = recognised?.name ?? (idParsed && input.licenceId ? licenceLabel(input.licenceId) : null);
  const url = recognised?.url ?? cleanText(parsed?.url ?? input.licenceUrl, MAX_URL);
  const family = recognised?.family ?? idParsed?.family ?? 'other';

  const subject = title ? `"${title}"${creator ? ` by ${creator}` : ''}` : `This image${creator ? ` by ${creator}` : ''}`;
  const verb = family === 'cc0' || family === 'pdm' ? 'is marked with' : 'is licensed under';
  if (label) return url ? `${subject} ${verb} ${label} (${url})` : `${subject} ${verb} ${label}`;
  if (input.licenceId) return url ? `${subject} ${verb} ${cleanText(input.licenceId)} (${url})` : `${subject} ${verb} ${cleanText(input.licenceId)}`;
  return url ? `${subject} ${verb} the terms at ${url}` : `${subject} has no known licence`;
}
