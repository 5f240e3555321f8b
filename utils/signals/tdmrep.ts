/**
 * TDMRep — TDM Reservation Protocol (W3C Community Group Final Report; editor's draft
 * https://w3c.github.io/tdm-reservation-protocol/spec/). Two properties: `tdm-reservation`
 * (1 = TDM rights reserved, the EU CDSM Art. 4 opt-out; 0 = not reserved) and `tdm-policy`
 * (URL of a policy for obtaining a licence; it does not lift the reservation).
 *
 * Techniques read here: `/.well-known/tdmrep.json` (an array of `{location, tdm-reservation,
 * tdm-policy}` rules; "The most specific match is the first in sequence": first matching rule
 * wins, robots.txt-style `*`/`$` patterns), the `tdm-reservation` / `tdm-policy` response
 * headers, and the HTML `<meta name="tdm-reservation|tdm-policy">` (HTML only — the spec's
 * technique note says it does not cover images the page references).
 *
 * Precedence (DESIGN.md §2 rule 3, spec "Processing priority"): the image origin's file
 * (first matching rule), superseded by the image response's headers; absence never resets a
 * value; when neither speaks, the page's header or meta applies (caller passes it only for
 * images on the page's registrable domain).
 *
 * Deviation, on purpose (DESIGN.md §2 rule 5): the spec treats a value other than 0/1 as
 * "unset"; Heed fails closed — a present but unreadable value is `signal-unreadable`.
 * A tdmrep.json that answers 404/410 is absent: the origin does not implement the file
 * technique (spec: "Failure to provide access to such a representation implies that the
 * origin server does not implement this protocol"), info only; a 200 that is an HTML page
 * (soft 404) is treated the same way. Deviation, DESIGN.md §2 rule 3: one answering 429, 5xx
 * or another 4xx, failing on the network, or larger than its cap is unreadable (rule 5) — the
 * site may well publish one, so it fails closed (`signal-unreadable`), and a later layer (the
 * image header) does not cure it.
 */
import type { Evidence, Scope } from '../model/evidence';
import { duplicateJsonKey } from '../model/json-keys';
import type { PurposeProfile } from '../model/purposes';
import { clip, type FetchedFile, isFetchedFile, neverThrow, type ParseResult, rememberingParser } from './fetched-file';
import { foldLookalikes } from './lookalikes';
import { isUnreadableUrlPattern, matchesUrlPattern, matchesUrlPatternLoosely, urlSlashReadings, withoutFragment } from './robots/pattern';

/** A reservation value as read: 0, 1, or `invalid` (present but not 0/1). */
export type TdmReservation = 0 | 1 | 'invalid';

/** One tdmrep.json rule; `problem` is set when the rule is malformed. */
export interface TdmRule {
  location: string;
  reservation: TdmReservation;
  policy: string | null;
  problem: string | null;
}

/** A TDM declaration from headers or HTML meta (raw strings; absent = undefined). */
export interface TdmDeclaration {
  reservation?: string;
  policy?: string;
}

/** Input of `resolveTdmReservation`; `wellKnown` is the image origin's tdmrep.json. */
export interface TdmInput {
  wellKnown: FetchedFile;
  imageUrl: string;
  imageHeaders: TdmDeclaration;
  /**
   * The page's header or meta, or null when the image is not on the page's registrable domain.
   * `frameUrl` is set when it is a frame document's (the frame that shows the image): the notes
   * then name that frame and its URL instead of "the page's" (document-kind.ts); scope stays `page`.
   */
  pageFallback: (TdmDeclaration & { source: string; frameUrl?: string }) | null;
}

const MAX_BODY = 512 * 1024;
const MAX_RULES = 10000;
const MAX_VALUE = 2048;

/** Read a `tdm-reservation` value: `0`/`1` (also as JSON number); a repeated identical value is fine. */
export function parseTdmReservation(value: unknown): TdmReservation | null {
  if (value === undefined || value === null) return null;
  if (value === 0 || value === 1) return value;
  if (typeof value !== 'string') return 'invalid';
  // Longer than the cap, the value was not read in full: what was cut may say 1 (rule 5).
  if (value.length > MAX_VALUE) return 'invalid';
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return null;
  if (parts.every((p) => p === '0')) return 0;
  if (parts.every((p) => p === '1')) return 1;
  return 'invalid';
}

/** Parse a tdmrep.json body into its rules (malformed rules are kept, flagged, in order). */
export function parseTdmrepJson(body: string): ParseResult<TdmRule[]> {
  return neverThrow<ParseResult<TdmRule[]>>(
    () => {
      if (typeof body !== 'string') return { ok: false, error: 'not text' };
      if (body.length > MAX_BODY) return { ok: false, error: `larger than ${MAX_BODY} bytes` };
      let data: unknown;
      try {
        data = JSON.parse(body.replace(/^\uFEFF/, ''));
      } catch {
        return { ok: false, error: 'not valid JSON' };
      }
      if (!Array.isArray(data)) return { ok: false, error: 'not a JSON array of rules' };
      // JSON.parse keeps the last of duplicate keys, so `"tdm-reservation": 1, "tdm-reservation": 0`
      // would read as 0: which the owner meant cannot be known, so the file is unreadable (rule 5).
      const twice = duplicateJsonKey(body);
      if (twice !== null) return { ok: false, error: `a rule gives ${clip(JSON.stringify(twice), 60)} twice` };
      if (data.length > MAX_RULES) return { ok: false, error: `more than ${MAX_RULES} rules` };
      // A location longer than the cap is not read in full, and cut it matches more addresses: a
      // `tdm-reservation: 0` rule could shadow a later reservation. The file is unreadable (rule 5).
      const long = data.findIndex((item: unknown) => {
        const location = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).location : undefined;
        return typeof location === 'string' && location.length > MAX_VALUE;
      });
      if (long >= 0) return { ok: false, error: `rule ${long + 1} has a location longer than ${MAX_VALUE} characters` };
      return { ok: true, value: data.map(readRule) };
    },
    (message) => ({ ok: false, error: message }),
  );
}

/** parseTdmrepJson, remembered by text: the page and each image of a collect read the same file. */
const parsedTdmrepJson = rememberingParser(parseTdmrepJson);

function readRule(item: unknown): TdmRule {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { location: '', reservation: 'invalid', policy: null, problem: 'rule is not an object' };
  }
  const r = item as Record<string, unknown>;
  const location = typeof r.location === 'string' ? r.location : ''; // at most MAX_VALUE (parseTdmrepJson)
  const stated = parseTdmReservation(r['tdm-reservation']) ?? 'invalid';
  // Decision (DESIGN.md §2 rule 5, fail closed): `"TDM-Reservation": 1` or `"tdm_reservation": 1`
  // beside `"tdm-reservation": 0` is the property spelt another way (JSON keys are case-sensitive,
  // so strictly another key, and the rule read 0). One that says something else makes the rule
  // unreadable; alone it is not read as the property (the rule has no tdm-reservation: unreadable).
  const otherSpellings = Object.keys(r).filter((k) => k !== 'tdm-reservation' && tdmPropertyNamed(k) === 'tdm-reservation');
  const reservation = otherSpellings.some((k) => parseTdmReservation(r[k]) !== stated) ? 'invalid' : stated;
  const policy = typeof r['tdm-policy'] === 'string' ? r['tdm-policy'].slice(0, MAX_VALUE) : null;
  const problem =
    location.trim() === ''
      ? 'rule has no location'
      : isUnreadableUrlPattern(location)
        ? `location ${clip(JSON.stringify(location), 80)} cannot be read as a URL`
        : reservation === 'invalid' && stated !== 'invalid'
        ? `tdm-reservation is spelt ${clip(JSON.stringify(otherSpellings[0]), 40)} too, with another value`
        : reservation === 'invalid'
        ? `tdm-reservation is ${clip(JSON.stringify(r['tdm-reservation']) ?? 'missing', 40)}, not 0 or 1`
        : null;
  return { location, reservation, policy, problem };
}

/**
 * Whether a rule's `location` covers the URL (path pattern, or an absolute URL on the same
 * origin). `loosely`: an absolute location also covers the URL when it differs only by scheme,
 * a leading `www.` or a trailing dot on the host — the file lives on this origin and names its own content, often under the
 * site's other spelling (`http://site/images/*` served over https). The caller reads both ways
 * and keeps the stricter answer (DESIGN.md §2 rule 3; fail closed).
 */
export function tdmLocationMatches(location: string, url: string, loosely = false): boolean {
  return loosely ? matchesUrlPatternLoosely(location, url) : matchesUrlPattern(location, url);
}

/**
 * The tdmrep.json rule for `url`: the first whose location matches (`loosely`: see
 * tdmLocationMatches). A malformed rule before (or at) that point makes the answer unknowable
 * (it might have been meant to match).
 */
export function findTdmRule(rules: readonly TdmRule[], url: string, loosely = false): { rule: TdmRule; index: number } | null {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    // A location that cannot be read (empty, or an unreadable URL) might have been meant to match.
    if (rule.location.trim() === '' || isUnreadableUrlPattern(rule.location) || tdmLocationMatches(rule.location, url, loosely)) return { rule, index: i };
    const bare = withoutFragment(rule.location);
    if (bare !== null && reservesOrUnreadable(rule) && tdmLocationMatches(bare, url, loosely)) return { rule, index: i };
  }
  return null;
}

// A location written with a fragment (robots/pattern.ts withoutFragment). Decision (DESIGN.md §2
// rule 3, the reading that cannot keep what the owner reserved): a rule that reserves (or cannot
// be read) also covers its location without the fragment; a rule that does not reserve does not,
// as it could only lift a reservation a later rule makes.
const reservesOrUnreadable = (rule: TdmRule): boolean => rule.problem !== null || rule.reservation !== 0;

/** The header-style text of a declaration: `tdm-reservation: 1; tdm-policy: <url>`. */
function declText(reservation: string, policy: string | null | undefined): string {
  const p = policy && policy.trim() !== '' ? `; tdm-policy: ${clip(policy.trim(), 500)}` : '';
  return `tdm-reservation: ${clip(reservation.trim(), 100)}${p}`;
}

interface Layer {
  scope: Scope;
  source: string;
  value: string;
  reservation: TdmReservation | null;
  policy: string | null;
  label: string;
}

/** Resolve TDMRep for one image by the protocol's own precedence; evidence for each layer read. */
export function resolveTdmReservation(input: TdmInput, profile: PurposeProfile): Evidence[] {
  void profile; // every purpose honours TDMRep (DESIGN.md §2 rule 3)
  return neverThrow(
    () => resolve(input),
    (message) => [
      { kind: 'tdmrep', scope: 'image', source: input?.imageUrl ?? '', value: 'unreadable', effect: 'deny', reason: 'signal-unreadable', note: `TDMRep could not be read: ${message}` },
    ],
  );
}

function resolve(input: TdmInput): Evidence[] {
  const evidence: Evidence[] = [];
  const file = fileLayer(input.wellKnown, input.imageUrl, evidence);
  const header = declLayer(input.imageHeaders, 'image', input.imageUrl, "image's TDMRep header");

  // Positional override: the header supersedes the file; absence does not reset.
  let effective: Layer | null = header ?? file;
  // Fail closed: an unreadable file rule for this image is not cured by a later layer.
  if (file && header) evidence.push(file.reservation === 'invalid' ? decisive(file) : superseded(file, header));

  const fallback = input.pageFallback;
  const page = fallback ? declLayer(fallback, 'page', fallback.source, fallback.frameUrl === undefined ? "page's TDMRep header or meta" : `frame's TDMRep header or meta (${fallback.frameUrl})`) : null;
  if (page) {
    if (effective) evidence.push(superseded(page, effective));
    else effective = page;
  }
  if (effective) evidence.push(decisive(effective));
  else {
    const pointer = policyOnly(input.imageHeaders, 'image', input.imageUrl, "image's TDMRep header") ?? (fallback ? policyOnly(fallback, 'page', fallback.source, fallback.frameUrl === undefined ? "page's TDMRep header or meta" : `frame's TDMRep header or meta (${fallback.frameUrl})`) : null);
    if (pointer) evidence.push(pointer);
  }
  return evidence;
}

/**
 * A declaration that gives a `tdm-policy` but no `tdm-reservation`, when no layer states one.
 * Decision (DESIGN.md §2 rules 3 and 5, the reading that cannot keep what the owner reserved):
 * TDMRep defines a policy only beside a reservation (with 1 it says how to obtain a licence; with
 * 0 it is not processed), so a policy alone is a declaration whose value is missing — as a
 * tdmrep.json rule written so is (readRule: `tdm-reservation is missing`). Read as no TDMRep at
 * all, the owner who pointed at the terms on which mining is licensed had the image kept in
 * opt-out mode; it now fails closed (`signal-unreadable`). Heed does not fetch the policy: an
 * ODRL offer it does not evaluate could not lift a reservation anyway (SIGNALS.md §4.1). Where a
 * layer does state a value (a file's 0 or 1, a page's meta), absence does not reset it and the
 * policy is read as TDMRep reads it beside that value.
 */
function policyOnly(decl: TdmDeclaration, scope: Scope, source: string, label: string): Evidence | null {
  if (typeof decl !== 'object' || decl === null || parseTdmReservation(decl.reservation) !== null) return null;
  if (typeof decl.policy !== 'string' || decl.policy.trim() === '') return null;
  return {
    kind: 'tdmrep', scope, source, value: `tdm-policy: ${clip(decl.policy.trim(), 500)} (no tdm-reservation)`, effect: 'deny', reason: 'signal-unreadable',
    note: `The ${label} gives a TDM policy but no tdm-reservation: whether text and data mining rights are reserved cannot be read, so Heed fails closed.`,
  };
}

function fileLayer(wellKnown: FetchedFile, imageUrl: string, evidence: Evidence[]): Layer | null {
  const base = { kind: 'tdmrep', scope: 'site', source: wellKnown.url } as const;
  if (wellKnown.outcome === 'absent') {
    evidence.push({ ...base, value: 'absent', effect: 'info', note: 'No /.well-known/tdmrep.json: the site does not use a TDMRep file.' });
    return null;
  }
  if (wellKnown.outcome === 'error') {
    return { scope: 'site', source: wellKnown.url, value: `unavailable: ${clip(wellKnown.detail, 200)}`, reservation: 'invalid', policy: null, label: 'tdmrep.json' };
  }
  const body = wellKnown.body.replace(/^\uFEFF/, '').trimStart();
  if (body === '' || body.startsWith('<')) {
    evidence.push({ ...base, value: 'not a tdmrep.json (HTML or empty page)', effect: 'info', note: 'tdmrep.json answered with a web page, not rules (a "soft 404"): treated as absent.' });
    return null;
  }
  const parsed = parsedTdmrepJson(body);
  if (!parsed.ok) {
    return { scope: 'site', source: wellKnown.url, value: `unreadable: ${parsed.error}`, reservation: 'invalid', policy: null, label: 'tdmrep.json' };
  }
  // The path as written, with repeated slashes merged and with `%2F` decoded (urlSlashReadings):
  // the stricter answer wins (DESIGN.md §2 rule 2's reading, for these robots.txt-style
  // locations), so `//gallery/a.jpg` and `/gallery%2Fa.jpg` meet a reservation for `/gallery/`.
  // Absolute locations are also read loosely (tdmLocationMatches): again the stricter answer wins.
  const asWritten = findTdmRule(parsed.value, imageUrl);
  const slashUrls = urlSlashReadings(imageUrl);
  const binds = (f: typeof asWritten) => f !== null && (f.rule.problem !== null || f.rule.reservation !== 0);
  const others = [
    ...slashUrls.map((u) => findTdmRule(parsed.value, u)),
    findTdmRule(parsed.value, imageUrl, true),
    ...slashUrls.map((u) => findTdmRule(parsed.value, u, true)),
  ];
  // A `$`-anchored location also anchors at the end of the path: `/*.jpg$` reserves /a.jpg?x=1,
  // which the server serves as /a.jpg (robots/match.ts anchoredWithoutQuery, the same decision).
  const anchored = (f: typeof asWritten) => binds(f) && f!.rule.location.trim().endsWith('$');
  const withoutQuery = [imageUrl, ...slashUrls].flatMap((u) => {
    const bare = urlWithoutQuery(u);
    return bare === null ? [] : [findTdmRule(parsed.value, bare), findTdmRule(parsed.value, bare, true)];
  });
  const found = binds(asWritten) ? asWritten : (others.find(binds) ?? withoutQuery.find(anchored) ?? asWritten ?? others.find((f) => f !== null) ?? null);
  if (!found) {
    evidence.push({ ...base, value: 'no rule matches this image', effect: 'info', note: 'tdmrep.json has no rule for this image path.' });
    return null;
  }
  // A rule that does not reserve (0) speaks for the image only if every reading of its path meets
  // a rule. `/public/..%2Fprivate/a.jpg` meets `/public/*: 0` as written, but the server may serve
  // /private/a.jpg, for which the file is silent and the page's reservation (the fallback) would
  // apply. Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner reserved):
  // the file is then silent for the image, so its 0 does not supersede the page's 1.
  const silentFor = [imageUrl, ...slashUrls].find((u) => findTdmRule(parsed.value, u) === null && findTdmRule(parsed.value, u, true) === null);
  if (!binds(found) && silentFor !== undefined) {
    const note = `tdmrep.json rule ${found.index + 1} ("${clip(found.rule.location, 200)}") says not reserved for this path as written, but no rule covers it read as ${clip(pathOf(silentFor), 200)}, which the server may serve: the file is treated as silent for this image.`;
    evidence.push({ ...base, value: `rule ${found.index + 1} covers one reading only`, effect: 'info', note });
    return null;
  }
  const { rule, index } = found;
  const value = rule.problem
    ? `rule ${index + 1} unreadable: ${rule.problem}`
    : `rule ${index + 1} "${clip(rule.location, 200)}": ${declText(String(rule.reservation), rule.policy)}`;
  return { scope: 'site', source: wellKnown.url, value, reservation: rule.problem ? 'invalid' : rule.reservation, policy: rule.policy, label: 'tdmrep.json' };
}

/** The path and query of a URL, for notes. */
function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** The URL without its query (an empty `?` too), or null when it has none or does not parse. */
function urlWithoutQuery(url: string): string | null {
  try {
    const u = new URL(url);
    u.hash = '';
    if (!u.href.includes('?')) return null;
    u.search = '';
    return u.href;
  } catch {
    return null;
  }
}

function declLayer(decl: TdmDeclaration, scope: Scope, source: string, label: string): Layer | null {
  if (typeof decl !== 'object' || decl === null) return null;
  const raw = typeof decl.reservation === 'string' ? decl.reservation : undefined;
  const reservation = parseTdmReservation(raw);
  if (reservation === null) return null;
  const policy = typeof decl.policy === 'string' ? decl.policy : null;
  return { scope, source, value: declText(raw ?? '', policy), reservation, policy, label };
}

function superseded(layer: Layer, by: Layer): Evidence {
  return { kind: 'tdmrep', scope: layer.scope, source: layer.source, value: layer.value, effect: 'info', note: `Superseded by the ${by.label} (TDMRep processing priority).` };
}

function decisive(layer: Layer): Evidence {
  const base = { kind: 'tdmrep', scope: layer.scope, source: layer.source, value: layer.value } as const;
  if (layer.reservation === 'invalid') {
    return { ...base, effect: 'deny', reason: 'signal-unreadable', note: `The ${layer.label} is present but unreadable; Heed fails closed.` };
  }
  if (layer.reservation === 1) {
    const policy = layer.policy ? ' A TDM policy explains how to ask for a licence; it does not lift the reservation.' : '';
    return { ...base, effect: 'deny', reason: 'tdm-reserved', note: `The ${layer.label} reserves text and data mining rights (EU CDSM Art. 4 opt-out).${policy}` };
  }
  return { ...base, effect: 'allow', note: `The ${layer.label} says text and data mining rights are not reserved.` };
}

// A location that matches every path: rules after it never apply (first match wins).
const MATCHES_ALL = new Set(['/', '/*', '*', '/**']);

/**
 * tdmrep.json rules that reserve TDM rights (or cannot be read) for some paths other than the
 * page's: `info` evidence naming `tdm-reserved` (or `signal-unreadable`), so the site status
 * reads `restricted` (DESIGN.md §2 "Site status": "… tdmrep.json rules for some paths"). The
 * rule that answers for the page itself is resolveTdmReservation's; rules after one that
 * matches every path can never apply and are skipped.
 */
export function tdmrepPartialRestrictions(wellKnown: FetchedFile, pageUrl: string): Evidence[] {
  return neverThrow(() => {
    if (!isFetchedFile(wellKnown) || wellKnown.outcome !== 'ok') return [];
    const body = wellKnown.body.replace(/^\uFEFF/, '').trimStart();
    if (body === '' || body.startsWith('<')) return [];
    const parsed = parsedTdmrepJson(body);
    if (!parsed.ok) return [];
    const pageRule = findTdmRule(parsed.value, pageUrl)?.index ?? -1;
    const out: Evidence[] = [];
    for (let i = 0; i < parsed.value.length && out.length < 10; i++) {
      const rule = parsed.value[i]!;
      if (i !== pageRule && (rule.problem || rule.reservation === 1)) {
        const base = { kind: 'tdmrep', scope: 'site', source: wellKnown.url, effect: 'info' } as const;
        out.push(rule.problem
          ? { ...base, value: `rule ${i + 1} unreadable: ${rule.problem}`, reason: 'signal-unreadable', note: `tdmrep.json has a rule Heed cannot read (rule ${i + 1}); images it may cover will be refused` }
          : { ...base, value: `rule ${i + 1} "${clip(rule.location, 200)}": ${declText('1', rule.policy)}`, reason: 'tdm-reserved', note: `tdmrep.json reserves text and data mining rights for some paths ("${clip(rule.location, 200)}"); images there will be refused` });
      }
      if (MATCHES_ALL.has(rule.location.trim())) break;
    }
    return out;
  }, () => []);
}

/**
 * The TDMRep property a meta name or JSON key names, however its words are separated: `tdm_reservation`,
 * `TDM Reservation`, the EPUB spelling `tdm:reservation` (SIGNALS.md §4.2), and, read as its reader
 * sees it (lookalikes.ts), `tdm<soft hyphen>reservation`, `tdm‐reservation` (U+2010), full-width
 * letters, `tdm.reservation`, `tdmreservation`. Decision (DESIGN.md §2 rule 3, the reading that
 * cannot keep what the owner reserved): each of those was not read, and the reservation was lost.
 */
function tdmPropertyNamed(name: string): 'tdm-reservation' | 'tdm-policy' | null {
  const words = foldLookalikes(name).toLowerCase().replace(/[^a-z0-9]+/g, '');
  return words === 'tdmreservation' ? 'tdm-reservation' : words === 'tdmpolicy' ? 'tdm-policy' : null;
}

/** The TDMRep declaration among raw `<meta name content>` pairs (distinct values joined). */
export function tdmMetaFrom(pairs: readonly { name: string; content: string }[]): TdmDeclaration {
  return neverThrow(() => {
    const found: Record<'tdm-reservation' | 'tdm-policy', string[]> = { 'tdm-reservation': [], 'tdm-policy': [] };
    let moreReservations = false;
    for (const pair of pairs) {
      const name = tdmPropertyNamed(String(pair.name));
      if (name === null) continue;
      // One character past the cap is kept: parseTdmReservation then knows the value was cut.
      const content = String(pair.content).trim().slice(0, name === 'tdm-reservation' ? MAX_VALUE + 1 : MAX_VALUE);
      if (content === '' || found[name].includes(content)) continue;
      if (found[name].length < 8) found[name].push(content);
      else if (name === 'tdm-reservation') moreReservations = true;
    }
    // Distinct reservations past the eighth were not kept: one of them may say 1, so the joined
    // value is made unreadable rather than read from the first eight (DESIGN.md §2 rule 5).
    if (moreReservations) found['tdm-reservation'].push('(more values not read)');
    const out: TdmDeclaration = {};
    // Conflicting reservations join to e.g. "0, 1", which parseTdmReservation reads as invalid.
    const reservation = found['tdm-reservation'].join(', ');
    // Messages carry at most MAX_VALUE characters: a longer join is sent as what it reads as.
    if (found['tdm-reservation'].length > 0) out.reservation = reservation.length > MAX_VALUE ? '(unreadable: too long)' : reservation;
    if (found['tdm-policy'].length > 0) out.policy = found['tdm-policy'][0]!;
    return out;
  }, () => ({}));
}
