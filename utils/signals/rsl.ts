/**
 * RSL — Really Simple Licensing 1.0 (RSL-SPEC-1.0, https://rslstandard.org/rsl; namespace
 * `https://rslstandard.org/rsl`, media type `application/rsl+xml`). Discovered through a
 * robots.txt `License:` record (site); on a page, through `<link rel="license"
 * type="application/rsl+xml">`, an inline `<script type="application/rsl+xml">` or the page
 * response's `Link: <…>; rel="license"; type="application/rsl+xml"` header (that page); and
 * through such a `Link` header on an image response (that image). `<content url>` uses RFC 9309 URL
 * matching; each `<license>` has `<permits|prohibits type="usage|user|geo">` token lists and a
 * `<payment type>`; a `server` attribute means a licence must be obtained from that RSL
 * License Server "even if the license is free".
 *
 * Reading (DESIGN.md §2 rule 3: "an RSL licence that does not permit the purpose without
 * payment" refuses): the licence(s) of the most specific matching `<content>` that speaks of the
 * purpose (one that says nothing of it defers to the next broader one); a prohibition
 * in any of them wins (RSL §3.1.1), and a prohibited usage token RSL 1.0 does not define counts as
 * one (it may name the purpose); otherwise a licence that permits the purpose's usage for
 * free, with no server, reporting duty or user/geo condition Heed cannot check → allow;
 * otherwise (payment, server, reporting, conditions, or usage not among those permitted —
 * RSL is read conservatively: a use not permitted is not licensed) → deny `rsl-prohibits`.
 * A licence with no usage `<permits>` restricts only what it prohibits (the spec's own
 * "prohibit AI training" template permits other uses), so it is recorded as info.
 * Parsed with the bounded XML reader (../xml/parse.ts): MV3 service workers have no DOMParser.
 * A document past a reading cap (1,000 `<content>`, 100 `<license>` in one, 100 tokens in one
 * list) is unreadable, not read from its first part (`signal-unreadable`); so is one with an RSL
 * element spelt in another case or namespace spelling (`<Prohibits>`, rejectMisspeltElements),
 * one with an RSL element where RSL 1.0 does not put it (a `<license>` under `<rsl>`, rejectMisplacedElements)
 * or with an attribute given twice (rejectRepeatedAttributes),
 * and one whose `<content url>` refers to an entity its DOCTYPE may declare (rejectDtdEntityUrls).
 */
import type { Evidence, Scope } from '../model/evidence';
import { originOf } from './origin-files';
import type { PurposeProfile } from '../model/purposes';
import { sameLicenceSite } from '../model/shared-hosting';
import { clip, type FetchedFile, isFetchedFile, neverThrow, type ParseResult, rememberingParser } from './fetched-file';
import { headerLinks, isLicenceRelationWrittenOff, type HeaderLink, linksWithUnreadTargets, unbracketedLinkValues } from './link-header';
import { matchesUrlPattern, matchesUrlPatternLoosely, pathAndQuery, patternLength, urlSlashReadings, withoutFragment } from './robots/pattern';
import { attribute, childrenNamed, DEFAULT_XML_OPTIONS, parseXml, type XmlElement } from './xml/parse';

export const RSL_NAMESPACE = 'https://rslstandard.org/rsl';

/**
 * RSL 1.0 §3.4.1.1 usage vocabulary, each token with the uses it covers: `all` covers every
 * use, `ai-all` every AI use (training, input/RAG, indexing). Source: rslstandard.org/rsl
 * (§3.4.1.1, consolidated in the 2026-01-16 erratum, rslstandard.org/rsl/errata).
 */
export const RSL_USAGE_COVERS: Readonly<Record<string, readonly string[]>> = {
  all: ['all', 'ai-all', 'ai-train', 'ai-input', 'ai-index', 'search'],
  'ai-all': ['ai-all', 'ai-train', 'ai-input', 'ai-index'],
  'ai-train': ['ai-train'],
  'ai-input': ['ai-input'],
  'ai-index': ['ai-index'],
  search: ['search'],
};

/** Spellings used by RSL's own guides (rslstandard.org/guide/getting-started writes the aipref label `train-ai`). */
export const RSL_USAGE_ALIASES: Readonly<Record<string, string>> = { 'train-ai': 'ai-train' };

/** RSL 1.0 §3.7 payment vocabulary; every type but `free` asks something of the licensee. */
export const RSL_PAYMENT_TYPES = ['purchase', 'subscription', 'training', 'crawl', 'use', 'contribution', 'attribution', 'free'] as const;

type Kind = 'usage' | 'user' | 'geo';

export interface RslLicense {
  /** Permitted tokens per type; null when that `<permits type>` is absent. */
  permits: Record<Kind, string[] | null>;
  prohibits: Record<Kind, string[]>;
  /** One entry per `<payment>`: its type (`unspecified` when omitted) and the `<amount>` text that decides (see isFreePayment). */
  payments: { type: string; amount: string | null }[];
  /** A `<reporting>` duty (RSL 1.0 §3.12): a client that cannot comply is not licensed. */
  reporting: boolean;
  /** `type`s of `<permits>` / `<prohibits>` other than usage, user and geo; absent when none. */
  otherTypes?: string[];
}

export interface RslContent {
  url: string;
  server: string | null;
  licenses: RslLicense[];
}

export interface RslDocument {
  contents: RslContent[];
}

const NS = [RSL_NAMESPACE, null] as const; // lenient: a missing xmlns is a common slip
const MAX_CONTENTS = 1000;
const MAX_LICENSES = 100;
const MAX_TOKENS = 100;

/**
 * A document past one of the caps above, or a `<permits>` / `<prohibits>` whose text the XML
 * reader cut. What lies past a cap was not read and may prohibit the purpose (a `<content
 * url="/img/">` after 1,000 free ones), so the document is unreadable, never read from its first
 * part (DESIGN.md §2 rule 5): parseRslXml returns `ok: false`, which evaluateRsl fails closed.
 */
class PastCap extends Error {}

/** An RSL element spelt otherwise (see rejectMisspeltElements): the document is unreadable. */
class MisspeltElement extends Error {}

/** An RSL element where RSL 1.0 does not put it, or with an attribute given twice or misspelt (rejectMisplacedElements,
 * rejectRepeatedAttributes, rejectMisspeltAttributes): the document is unreadable. */
class MisplacedElement extends Error {}

/** RSL 1.0's elements under `<rsl>`, `<content>` and `<license>` that Heed reads. */
const RSL_ELEMENTS: ReadonlySet<string> = new Set(['content', 'license', 'permits', 'prohibits', 'payment', 'amount', 'reporting', 'standard', 'custom']);

/** The RSL namespace however spelt (`http:`, `www.`, a trailing `/` or `#`, any case), or none. */
function isRslLikeNamespace(ns: string | null): boolean {
  return ns === null || ns.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[/#]+$/, '') === 'rslstandard.org/rsl';
}

/**
 * Throw when `el` has a child that is one of RSL's elements spelt otherwise: `<Prohibits>`,
 * `<LICENSE>`, or `<prohibits>` in `http://rslstandard.org/rsl/`. XML names are case-sensitive,
 * so a strict reader skips it; but its author meant the RSL element, and a skipped `<Prohibits>`
 * would leave the licence's `<permits>` granting what it refused. Decision (DESIGN.md §2 rule 5):
 * the document is unreadable (`signal-unreadable`), never read without it. An element of a
 * foreign namespace (`<x:permits xmlns:x="urn:ext">`) is an extension and is still ignored.
 */
function rejectMisspeltElements(el: XmlElement): void {
  for (const c of el.children) {
    const local = c.local.toLowerCase();
    if (!RSL_ELEMENTS.has(local) || !isRslLikeNamespace(c.ns)) continue;
    if (c.local !== local || !NS.includes(c.ns as never)) {
      throw new MisspeltElement(`<${clip(c.local, 50)}>${c.ns === null ? '' : ` in namespace ${clip(c.ns, 100)}`} is not an RSL 1.0 element as written (<${local} xmlns="${RSL_NAMESPACE}">)`);
    }
  }
}

/** Where RSL 1.0 puts each element Heed reads: the element it sits directly under. */
const RSL_PARENT: Readonly<Record<string, string | null>> = {
  rsl: null,
  content: 'rsl',
  license: 'content',
  permits: 'license',
  prohibits: 'license',
  payment: 'license',
  reporting: 'license',
  amount: 'payment',
  standard: 'payment',
  custom: 'payment',
};

/**
 * Throw when an RSL element stands where RSL 1.0 does not put it: a `<license>` straight under
 * `<rsl>`, a `<prohibits>` or `<payment>` straight under `<content>`, a `<content>` inside a nested
 * `<rsl>` or an element of no RSL meaning, or a `<prohibits>` whose tokens sit in child elements.
 * A reader that looks only in the right places skipped them, and a free licence beside them
 * granted what they refused. Decision (DESIGN.md §2 rule 5, the reading that cannot keep what the
 * owner refused): where the author meant it to apply cannot be known, so the document is
 * unreadable. Elements of a foreign namespace (extensions) are not RSL's and may stand anywhere.
 */
function rejectMisplacedElements(root: XmlElement): void {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const parentIsRsl = NS.includes(parent.ns as never);
    for (const c of parent.children) {
      stack.push(c);
      const local = c.local.toLowerCase();
      if (!isRslLikeNamespace(c.ns)) continue;
      if (local === 'prohibits' && c.children.length > 0) {
        throw new MisplacedElement(`a <prohibits> holds the element <${clip(c.children[0]!.local, 50)}>, which Heed cannot read as its tokens`);
      }
      if (!Object.prototype.hasOwnProperty.call(RSL_PARENT, local)) continue;
      const expected = RSL_PARENT[local];
      if (expected === null || !parentIsRsl || parent.local !== expected) {
        throw new MisplacedElement(`<${clip(c.local, 50)}> stands inside <${clip(parent.local, 50)}>${expected === null ? '' : `, not inside <${expected}>`}, where RSL 1.0 does not put it`);
      }
    }
  }
}

/**
 * Throw when an RSL element gives an attribute twice (`<content url="/nothing/" url="/img/">`,
 * `<payment type="free" type="purchase">`; also `url` beside `URL` or a prefixed `r:url`). XML
 * forbids it (XML 1.0 §3.1, WFC: Unique Att Spec), and the lenient reader keeps both, so the first
 * was read and the other lost: a prohibition for /img/ covered /nothing/ only. Decision (DESIGN.md
 * §2 rule 5): which the owner meant cannot be known, so the document is unreadable.
 */
function rejectRepeatedAttributes(root: XmlElement): void {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    stack.push(...el.children);
    if (!isRslLikeNamespace(el.ns)) continue;
    const seen = new Set<string>();
    for (const a of el.attrs) {
      if (a.ns !== null && !isRslLikeNamespace(a.ns)) continue; // an extension's attribute
      const local = a.local.toLowerCase();
      if (seen.has(local)) throw new MisplacedElement(`<${clip(el.local, 50)}> gives the attribute ${clip(a.local, 50)} twice`);
      seen.add(local);
    }
  }
}

/** The attributes Heed reads on RSL elements (`attribute(el, …)` below), as RSL 1.0 writes them. */
const READ_ATTRIBUTES: ReadonlySet<string> = new Set(['url', 'server', 'type']);

/**
 * Throw when an RSL element gives an attribute Heed reads in another case or with a prefix
 * (`<content URL="/public/">`, `SERVER="…"`, `r:url` with `r` bound to RSL's namespace). XML names
 * are case-sensitive and a prefixed attribute is another one, so `attribute()` did not see it: the
 * content set read as having no url (covering every image, so a free licence for /public/ kept
 * /private/a.jpg), and a licence server read as none. Decision (DESIGN.md §2 rules 3 and 5): read
 * either way it may drop what the owner wrote, so the document is unreadable. An extension's
 * attribute (another namespace) is left alone.
 */
function rejectMisspeltAttributes(root: XmlElement): void {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    stack.push(...el.children);
    if (!isRslLikeNamespace(el.ns)) continue;
    for (const a of el.attrs) {
      if (a.ns !== null && !isRslLikeNamespace(a.ns)) continue;
      if (READ_ATTRIBUTES.has(a.local.toLowerCase()) && !READ_ATTRIBUTES.has(a.name)) {
        throw new MisplacedElement(`<${clip(el.local, 50)}> writes the attribute ${clip(a.name, 50)}, which RSL writes ${a.local.toLowerCase()}`);
      }
    }
  }
}

/** An entity reference other than XML's five, as the lenient reader leaves it: `&name;`. */
const ENTITY_REFERENCE = /&[A-Za-z_:][A-Za-z0-9_.:-]*;/;

/**
 * Throw when a `<content url>` holds an entity reference a DOCTYPE may declare. The reader never
 * expands DTD entities (billion laughs), so `url="&imgs;"` was read as the literal path `&imgs;`,
 * which covers no image: the licence the owner wrote for `/img/` (its `<prohibits>`) was lost and
 * a broader free licence kept the images. Decision (DESIGN.md §2 rule 5): which content such a
 * set covers cannot be known, so the document is unreadable. Tokens and types are safe as read:
 * an unknown token or type already fails closed. Without a DOCTYPE no entity can be declared.
 */
function rejectDtdEntityUrls(contents: readonly RslContent[], xml: string): void {
  if (!/<!DOCTYPE/i.test(xml)) return;
  const c = contents.find((content) => ENTITY_REFERENCE.test(content.url));
  if (c) throw new Error(`<content url="${clip(c.url, 100)}"> refers to an entity its DOCTYPE may declare, which Heed does not expand`);
}

/** Parse an RSL XML document (no DOMParser; see ../xml/parse.ts). */
export function parseRslXml(xml: string): ParseResult<RslDocument> {
  return neverThrow<ParseResult<RslDocument>>(
    () => {
      const parsed = parseXml(xml);
      if (!parsed.ok) return parsed;
      const root = parsed.value;
      if (root.local !== 'rsl' || !NS.includes(root.ns as never)) {
        return { ok: false, error: `root element is <${clip(root.local, 50)}>, not <rsl xmlns="${RSL_NAMESPACE}">` };
      }
      rejectMisspeltElements(root);
      rejectMisplacedElements(root);
      rejectRepeatedAttributes(root);
      rejectMisspeltAttributes(root);
      const elements = childrenNamed(root, 'content', NS);
      if (elements.length > MAX_CONTENTS) return { ok: false, error: `more than ${MAX_CONTENTS} <content> elements` };
      const contents = elements.map((el) => readContent(el, root));
      if (contents.length === 0) return { ok: false, error: 'no <content> element' };
      rejectDtdEntityUrls(contents, xml);
      return { ok: true, value: { contents } };
    },
    (message) => ({ ok: false, error: message }),
  );
}

/**
 * The licence server an element's `server` attribute names; undefined when it has none. RSL 1.0:
 * a `server` means a licence is obtained from that server. One written but blank still says a
 * server is required (the reading that keeps no refusal): it is not no server.
 */
function serverOf(el: XmlElement): string | undefined {
  const written = attribute(el, 'server');
  return written === undefined ? undefined : written.trim() === '' ? 'a licence server it does not name' : written.trim();
}

function readContent(el: XmlElement, root: XmlElement): RslContent {
  rejectMisspeltElements(el);
  const licenses = childrenNamed(el, 'license', NS);
  // RSL 1.0 puts `server` on `<content>`. Decision (DESIGN.md §2 rule 3, the reading that cannot
  // keep what the owner refused): one written on a `<license>` or on `<rsl>` says as plainly that a
  // licence must be obtained from that server, so it counts for the whole content set too.
  const server = serverOf(el) ?? licenses.map(serverOf).find((s) => s !== undefined) ?? serverOf(root) ?? null;
  if (licenses.length > MAX_LICENSES) throw new PastCap(`a <content> has more than ${MAX_LICENSES} <license> elements`);
  return {
    url: (attribute(el, 'url') ?? '').trim(),
    server,
    licenses: licenses.map(readLicense),
  };
}

function tokens(text: string, semicolons: boolean, element: string): string[] {
  // Commas or blanks separate tokens. In a prohibition a semicolon (`search;ai-train`) is read as
  // one too, so a prohibited use is never hidden; never in a permission, where it could only grant.
  const list = text.toLowerCase().split(semicolons ? /[\s,;]+/ : /[\s,]+/).filter((t) => t !== '');
  const distinct = [...new Set(list.map((t) => RSL_USAGE_ALIASES[t] ?? t))];
  if (distinct.length > MAX_TOKENS) throw new PastCap(`a <${element}> lists more than ${MAX_TOKENS} tokens`);
  return distinct;
}

function readLicense(el: XmlElement): RslLicense {
  const permits: Record<Kind, string[] | null> = { usage: null, user: null, geo: null };
  const prohibits: Record<Kind, string[]> = { usage: [], user: [], geo: [] };
  const otherTypes: string[] = [];
  rejectMisspeltElements(el);
  for (const c of childrenNamed(el, 'payment', NS)) rejectMisspeltElements(c);
  for (const [name, into] of [['permits', permits], ['prohibits', prohibits]] as const) {
    for (const p of childrenNamed(el, name, NS)) {
      const kind = (attribute(p, 'type') ?? 'usage').trim().toLowerCase(); // `type` is required; a missing one is read as usage
      // The XML reader keeps an element's first maxText characters: a list that long was cut.
      if (p.text.length >= DEFAULT_XML_OPTIONS.limits.maxText) throw new PastCap(`a <${name}> longer than ${DEFAULT_XML_OPTIONS.limits.maxText} characters`);
      if (kind !== 'usage' && kind !== 'user' && kind !== 'geo') {
        // A term of a kind RSL 1.0 does not define restricts in a way Heed cannot check (judge).
        if (p.text.trim() !== '' && otherTypes.length < 20) otherTypes.push(clip(kind, 50));
        continue;
      }
      (into[kind] ??= []).push(...tokens(p.text, name === 'prohibits', name));
    }
  }
  const payments = childrenNamed(el, 'payment', NS).map((p) => {
    const amounts = childrenNamed(p, 'amount', NS).map((a) => a.text.trim());
    // A `<standard>` or `<custom>` rate card (RSL 1.0: where the licence's prices are) states a
    // price Heed cannot read, even under `type="free"`: it counts as an amount asked, never as none.
    const rateCards = [...childrenNamed(p, 'standard', NS), ...childrenNamed(p, 'custom', NS)];
    if (rateCards.length > 0) amounts.push(`rate card ${clip(rateCards[0]!.text.trim() || `<${rateCards[0]!.local}>`, 200)}`);
    return {
      type: (attribute(p, 'type') ?? '').trim().toLowerCase() || UNSPECIFIED_PAYMENT,
      // The amount that decides (see isFreePayment): the first that is not a plain number ≤ 0, so a
      // second, real price after a `0` is never hidden; else the first; null when none.
      amount: amounts.find((a) => !isZeroOrNoPrice(a)) ?? amounts[0] ?? null,
    };
  });
  return { permits, prohibits, payments, reporting: childrenNamed(el, 'reporting', NS).length > 0, ...(otherTypes.length > 0 ? { otherTypes } : {}) };
}

/**
 * parseRslXml, remembered for the last few documents: a collect evaluates the same licence for
 * the page and for every image, and a 500 KB document takes ~200 ms to parse.
 */
export const parsedRsl = rememberingParser(parseRslXml);

/** Whether `<content url>` covers the image: empty (scope set by discovery), absolute URL, or RFC 9309 path. */
export function rslContentMatches(pattern: string, imageUrl: string, loosely = false): boolean {
  if (pattern === '') return pathAndQuery(imageUrl) !== null;
  return loosely ? matchesUrlPatternLoosely(pattern, imageUrl) : matchesUrlPattern(pattern, imageUrl);
}

function specificity(pattern: string): number {
  if (pattern === '') return 0;
  const m = /^https?:\/\/[^/]+(.*)$/i.exec(pattern);
  return patternLength(m ? m[1] || '/' : pattern);
}

/** The type recorded for a `<payment>` without one. */
const UNSPECIFIED_PAYMENT = 'unspecified';

/** An `<amount>` that asks nothing: empty, or a plain decimal number ≤ 0 (`0`, `0.00`, `-0`). */
function isZeroOrNoPrice(amount: string): boolean {
  if (amount === '') return true;
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(amount) && Number(amount) <= 0;
}

/**
 * Decision (DESIGN.md §2 rule 3, "where a rule can be read two ways, take the reading that cannot
 * keep what the owner refused"): a `<payment>` is free only if its `type` is explicitly `free` and
 * its `<amount>`s are absent, empty or plain decimal numbers ≤ 0. Any other amount text (`$5`,
 * `5 USD`, `1,50`, `0x10`, `5.00 per image`) is a price Heed cannot read, so it is read as a price
 * asked, like a paid type (`rsl-prohibits`), never as free. A `<payment>` without `type` is not
 * free either: secondary summaries of the RSL drafts give `free` as the default, but SIGNALS.md
 * §5.2 does not confirm it from the spec text, and a compensation model left unnamed is unclear.
 */
function isFreePayment(p: RslLicense['payments'][number]): boolean {
  return p.type === 'free' && (p.amount === null || isZeroOrNoPrice(p.amount));
}

const covers = (token: string, need: string): boolean => RSL_USAGE_COVERS[token]?.includes(need) ?? false;

type Verdict =
  | { kind: 'prohibits'; detail: string }
  | { kind: 'permits-free' }
  | { kind: 'conditional'; detail: string }
  | { kind: 'silent' };

/** A usage token of the RSL 1.0 vocabulary (RSL_USAGE_COVERS), after aliases. */
const isKnownUsage = (token: string): boolean => Object.prototype.hasOwnProperty.call(RSL_USAGE_COVERS, token);

function judge(c: RslContent, l: RslLicense, needs: readonly string[]): Verdict {
  const banned = l.prohibits.usage.filter((t) => needs.some((n) => covers(t, n)));
  if (banned.length > 0) return { kind: 'prohibits', detail: `prohibits ${banned.join(', ')}` };
  // Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): a
  // prohibited usage token RSL 1.0 does not define (`ai-training`, `genai`, `tdm`, a later
  // version's term, an extension's `acme:ai-train`) may name this purpose; Heed cannot tell that
  // it does not, so it refuses as a prohibition would, whatever the licence permits beside it.
  // Only a permission is read strictly (an unknown permitted token grants nothing, below).
  const unknown = l.prohibits.usage.filter((t) => !isKnownUsage(t));
  if (unknown.length > 0) return { kind: 'prohibits', detail: `prohibits ${unknown.map((t) => clip(t, 50)).join(', ')} (a use RSL 1.0 does not define: it may be this purpose)` };
  const specific = needs.filter((n) => n !== 'all');
  const wanted = specific.length > 0 ? specific : ['all'];
  const explicit = l.permits.usage !== null;
  if (explicit && !wanted.every((n) => l.permits.usage!.some((t) => covers(t, n)))) {
    return { kind: 'conditional', detail: `permits only ${l.permits.usage!.join(', ') || 'nothing'}` };
  }
  const conditions: string[] = [];
  if (c.server) conditions.push(`a licence must be obtained from ${clip(c.server, 200)}`);
  const paid = l.payments.filter((p) => !isFreePayment(p));
  if (paid.length > 0) conditions.push(`payment: ${paid.map((p) => p.type).join(', ')}`);
  if (l.reporting) conditions.push('usage reporting required');
  if (l.permits.user) conditions.push(`only for users: ${l.permits.user.join(', ')}`);
  if (l.permits.geo) conditions.push(`only in: ${l.permits.geo.join(', ')}`);
  // Decision (DESIGN.md §2 rule 3, the reading that keeps no refusal): a licence closed to some
  // users or places (`<prohibits type="user">commercial</prohibits>`) is open to Heed's user only
  // if they are not among them, which Heed cannot know — as with `<permits type="user|geo">`,
  // it grants nothing; nor does one with terms of a type RSL 1.0 does not define.
  if (l.prohibits.user.length > 0) conditions.push(`not for users: ${l.prohibits.user.join(', ')}`);
  if (l.prohibits.geo.length > 0) conditions.push(`not in: ${l.prohibits.geo.join(', ')}`);
  if (l.otherTypes) conditions.push(`terms of a type Heed does not know: ${l.otherTypes.join(', ')}`);
  if (conditions.length > 0) return { kind: 'conditional', detail: conditions.join('; ') };
  return explicit ? { kind: 'permits-free' } : { kind: 'silent' };
}

/**
 * How the licences that apply read together (RSL §3.1.1): any prohibition wins; else a free
 * permission; else the conditions (payment, a server, …); else they say nothing of the purpose.
 * `which`: the licences that decide.
 */
function combined<T extends { v: Verdict }>(judged: T[]): { kind: Verdict['kind']; which: T[] } {
  const prohibits = judged.filter((j) => j.v.kind === 'prohibits');
  if (prohibits.length > 0) return { kind: 'prohibits', which: prohibits };
  const free = judged.find((j) => j.v.kind === 'permits-free');
  if (free) return { kind: 'permits-free', which: [free] };
  const conditional = judged.filter((j) => j.v.kind === 'conditional');
  if (conditional.length > 0) return { kind: 'conditional', which: conditional };
  return { kind: 'silent', which: judged.slice(0, 1) };
}

/** Compact text of one licence for evidence values. */
function describe(c: RslContent, l: RslLicense): string {
  const parts = [`content "${clip(c.url, 200)}"`];
  for (const k of ['usage', 'user', 'geo'] as const) {
    if (l.permits[k]) parts.push(`permits ${k}=${l.permits[k]!.join(',')}`);
    if (l.prohibits[k].length > 0) parts.push(`prohibits ${k}=${l.prohibits[k].join(',')}`);
  }
  parts.push(`payment=${l.payments.map((p) => p.type).join(',') || 'free'}`);
  if (c.server) parts.push(`server=${clip(c.server, 200)}`);
  return clip(parts.join('; '), 1000);
}

/**
 * Evaluate a parsed RSL document for one image (see the module comment for the reading).
 * `declaredOn`: the page that declared it (inline `<script>`, `<link rel="license">` or the
 * page's `Link` header). Its path patterns (and an empty `url`, "this content") then cover the
 * page's own origin only; a `<content url>` naming a full URL covers that URL wherever it is.
 */
export function evaluateRslDocument(doc: RslDocument, source: string, imageUrl: string, profile: PurposeProfile, scope: Scope = 'site', declaredOn?: string): Evidence[] {
  // Full `<content url>`s are also read loosely (their site's other scheme or www host,
  // matchesUrlPatternLoosely), and the image path is also read in its other readings (runs of
  // slashes merged, `%2F` decoded, path parameters dropped: urlSlashReadings; DESIGN.md §2 rule
  // 2, as for robots.txt, ai.txt and tdmrep.json: `//images/a.jpg` meets `<content url="/images/">`).
  // `<content url>` paths written with a fragment are also read without it (withoutFragments).
  // The stricter answer wins (rule 3): another reading can only add a refusal, never lift one nor
  // grant a permission the path as written does not get.
  const strict = evaluateRslDocumentAs(doc, source, imageUrl, profile, scope, declaredOn, false);
  if (strict.some((e) => e.effect === 'deny')) return strict;
  const others = urlSlashReadings(imageUrl);
  const readings: Array<[string, boolean]> = [[imageUrl, false], ...others.map((u): [string, boolean] => [u, false]), [imageUrl, true], ...others.map((u): [string, boolean] => [u, true])];
  const unfragmented = withoutFragments(doc);
  for (const d of unfragmented === null ? [doc] : [doc, unfragmented]) {
    for (const [url, loosely] of readings) {
      if (d === doc && url === imageUrl && !loosely) continue; // `strict`, read above
      const other = evaluateRslDocumentAs(d, source, url, profile, scope, declaredOn, loosely);
      if (other.some((e) => e.effect === 'deny')) return other;
    }
  }
  return strict;
}

/**
 * The document with each `<content url>` path cut at its fragment (`/img/a.jpg#top` →
 * `/img/a.jpg`), or null when none has one. A browser never sends a fragment, so as written such a
 * path covers no image, and a prohibition it holds was lost. Decision (DESIGN.md §2 rule 3, the
 * reading that cannot keep what the owner refused): evaluateRslDocument reads it for refusals
 * only, like the other readings, so a permission so written never lifts a broader refusal. A
 * `url` that is only a fragment is left as written (cut, it would cover the whole scope).
 */
function withoutFragments(doc: RslDocument): RslDocument | null {
  const cut = (url: string) => withoutFragment(url) ?? url;
  if (!doc.contents.some((c) => cut(c.url) !== c.url)) return null;
  return { contents: doc.contents.map((c) => ({ ...c, url: cut(c.url) })) };
}

function evaluateRslDocumentAs(doc: RslDocument, source: string, imageUrl: string, profile: PurposeProfile, scope: Scope, declaredOn: string | undefined, loosely: boolean): Evidence[] {
  return neverThrow(() => {
    const base = { kind: 'rsl', scope, source } as const;
    // Decision (DESIGN.md §2 rule 3, the reading that keeps no refusal): a page's path patterns and
    // its "this content" reach the images of its own site (its own tenant on shared hosting,
    // model/shared-hosting.ts), not only its origin — a site serves its images from another host
    // of its own (img.site.test), and its page's TDMRep meta speaks for those too.
    const ownSite = declaredOn === undefined || originOf(declaredOn) === originOf(imageUrl) || sameLicenceSite(declaredOn, imageUrl);
    const reaches = (pattern: string) => ownSite || /^https?:\/\//i.test(pattern);
    const matching = doc.contents.filter((c) => reaches(c.url) && rslContentMatches(c.url, imageUrl, loosely));
    if (matching.length === 0) return [{ ...base, value: 'no <content> matches this image', effect: 'info', note: 'The RSL licence does not cover this image.' }];
    // The most specific matching `<content>` decides. Decision (DESIGN.md §2 rule 3, the reading
    // that cannot keep what the owner refused): one that says nothing of the purpose (no
    // `<license>`, or licences that neither prohibit nor permit it) does not lift what a broader
    // `<content>` says — `<content url="/img/">` holding only `<prohibits>search</prohibits>` leaves
    // `<content url="/">`'s `<prohibits>all</prohibits>` standing for /img/a.jpg. The next level
    // down is read until one speaks; a specific permission still overrides a broader refusal.
    const levels = [...new Set(matching.map((c) => specificity(c.url)))].sort((a, b) => b - a);
    let chosen: RslContent[] = [];
    let verdict: ReturnType<typeof combined<{ value: string; v: Verdict }>> | null = null;
    for (const level of levels) {
      const here = matching.filter((c) => specificity(c.url) === level);
      const said = combined(here.flatMap((c) => c.licenses.map((l) => ({ value: describe(c, l), v: judge(c, l, profile.rslUsages) }))));
      if (verdict === null || said.kind !== 'silent') [chosen, verdict] = [here, said];
      if (said.kind !== 'silent') break;
    }
    const deny = (value: string, note: string): Evidence => ({ ...base, value, effect: 'deny', reason: 'rsl-prohibits', note });
    const { kind, which } = verdict!;
    if (kind === 'prohibits') return which.map((j) => deny(j.value, `The RSL licence ${(j.v as { detail: string }).detail} for this image.`));
    if (kind === 'permits-free') return [{ ...base, value: which[0]!.value, effect: 'allow', note: 'The RSL licence permits this use for free, with no licence server.' }];
    if (kind === 'conditional') return which.map((j) => deny(j.value, `The RSL licence does not permit this purpose for free: ${(j.v as { detail: string }).detail}.`));
    const value = which[0]?.value ?? `content "${clip(chosen[0]!.url, 200)}" (no <license>)`;
    return [{ ...base, value, effect: 'info', note: 'The RSL licence neither prohibits nor explicitly permits this use.' }];
  }, (message) => [{ kind: 'rsl', scope, source, value: 'unreadable', effect: 'deny', reason: 'signal-unreadable', note: `The RSL licence could not be evaluated: ${message}` }]);
}

/**
 * Evaluate a fetched RSL document for one image. The caller passes documents declared for
 * the image's origin (its robots.txt `License:`), or by the page the image is on (`declaredOn`:
 * inline, linked, or in the page's `Link` header; scope 'page'). A declared licence that cannot
 * be fetched (429, 5xx, a 4xx other than 404/410, too large) or read fails closed
 * (`signal-unreadable`, DESIGN.md §2 rule 3); 404 or 410 means there is no licence.
 */
export function evaluateRsl(fetched: FetchedFile, imageUrl: string, profile: PurposeProfile, scope: Scope = 'site', declaredOn?: string): Evidence[] {
  return neverThrow(() => {
    // Not a file as Heed fetches them (a bug, or a damaged record): it fails closed, never reads as no licence.
    if (!isFetchedFile(fetched)) return [{ kind: 'rsl', scope, source: '', value: 'unreadable', effect: 'deny', reason: 'signal-unreadable', note: 'An RSL licence was not read in a form Heed knows; Heed fails closed.' }];
    const base = { kind: 'rsl', scope, source: fetched.url } as const;
    if (fetched.outcome === 'absent') return [{ ...base, value: 'absent', effect: 'info', note: 'The declared RSL licence does not exist (404 or 410): no licence terms.' }];
    const unreadable = (value: string, note: string): Evidence[] => [{ ...base, value, effect: 'deny', reason: 'signal-unreadable', note }];
    if (fetched.outcome === 'error') return unreadable(`unavailable: ${clip(fetched.detail, 200)}`, 'The site declares an RSL licence that could not be fetched; Heed fails closed.');
    const parsed = parsedRsl(fetched.body);
    if (!parsed.ok) return unreadable(`unreadable: ${clip(parsed.error, 200)}`, 'The site declares an RSL licence that could not be read; Heed fails closed.');
    return evaluateRslDocument(parsed.value, fetched.url, imageUrl, profile, scope, declaredOn);
  }, (message) => [{ kind: 'rsl', scope, source: String(fetched?.url ?? ''), value: 'unreadable', effect: 'deny', reason: 'signal-unreadable', note: message }]);
}

/**
 * The `<content>` sets of a site's or page's RSL licence that refuse the purpose, other than
 * one covering the page itself (`evaluateRsl` on the page URL answers for that): info evidence
 * naming `rsl-prohibits`, so the site status reads `restricted` (images there will be refused).
 */
export function rslPartialRestrictions(fetched: FetchedFile, pageUrl: string, profile: PurposeProfile, scope: Scope = 'site'): Evidence[] {
  return neverThrow(() => {
    if (!isFetchedFile(fetched) || fetched.outcome !== 'ok') return [];
    const parsed = parsedRsl(fetched.body);
    if (!parsed.ok) return [];
    const out: Evidence[] = [];
    for (const c of parsed.value.contents) {
      if (out.length >= 10) break;
      if (rslContentMatches(c.url, pageUrl)) continue;
      const { kind, which } = combined(c.licenses.map((l) => ({ l, v: judge(c, l, profile.rslUsages) })));
      if (kind !== 'prohibits' && kind !== 'conditional') continue;
      const refusing = which[0]!.l;
      out.push({
        kind: 'rsl',
        scope,
        source: fetched.url,
        value: describe(c, refusing),
        effect: 'info',
        reason: 'rsl-prohibits',
        note: `The RSL licence does not let "${clip(c.url, 200)}" be used for this purpose for free; images there will be refused`,
      });
    }
    return out;
  }, () => []);
}

/**
 * The links of `Link` header values written without angle brackets (`https://s/l.xml;
 * rel="license"; type="application/rsl+xml"`: link-header.ts unbracketedLinkValues), read as if
 * their target had them. Decision (DESIGN.md §2 rules 3 and 5): RFC 8288 requires the brackets,
 * but the owner who wrote such a link declared an RSL licence all the same; read strictly, its
 * prohibition was never fetched (link-header.ts only marks the header's plain licences unread).
 */
function* unbracketedLinks(values: readonly string[], baseUrl: string): Generator<HeaderLink> {
  for (const value of values) {
    for (const piece of unbracketedLinkValues(String(value))) {
      const semi = piece.indexOf(';');
      if (semi <= 0) continue;
      yield* headerLinks([`<${piece.slice(0, semi).trim().replace(/[<>]/g, '')}>${piece.slice(semi)}`], baseUrl, true);
    }
  }
}

/**
 * RSL licence URLs from `Link` header values (`rel` containing `license` and type
 * `application/rsl+xml`; a bare rel=license is usually a CC licence, SIGNALS.md §6.1).
 * robots.txt `License:` records are read by robots-txt.ts (`robotsLicenceUrls`).
 */
export function readRslLinkHeader(values: readonly string[], baseUrl: string): string[] {
  return neverThrow(() => {
    const urls: string[] = [];
    // Every link of every value, in full, is looked at (not only parseLinkHeader's first 64, nor
    // the first 16 KB of a value): an RSL licence late in a long header still counts (rule 3).
    // A licence whose target is not an http(s) URL (`<urn:…>`) is listed as written: the shell
    // cannot fetch it and records it unread (origin-signals.ts fetchRsl), which fails closed.
    // Skipped, link-header.ts only marked the plain licences unread and opt-out mode kept the image.
    const unfetchable = values.flatMap((v) => [...linksWithUnreadTargets(String(v), baseUrl)].map((l) => ({ ...l, url: l.target })));
    for (const { url, rels, type, extendedRel } of [...headerLinks(values, baseUrl, true), ...unbracketedLinks(values, baseUrl), ...unfetchable]) {
      // A licence relation written a little off links it too (link-header.ts): unread, its prohibition was lost.
      // Decision (DESIGN.md §2 rules 3 and 5, the reading that cannot keep what the owner refused):
      // so does one given only as `rel*=UTF-8''license` (RFC 8187's form, which RFC 8288 does not
      // define for rel). link-header.ts reads it as a licence statement it cannot read, which only
      // refuses in licensed mode (a conflict); left unfetched, the RSL document's prohibition was
      // never read and opt-out mode kept the image. Fetched, it is read like any RSL link (same
      // site only, size-capped: origin-signals.ts fetchRsl), and fails closed when it cannot be.
      const relWords = [...rels, ...(extendedRel ?? '').split(/\s+/).filter(Boolean)];
      const licence = relWords.includes('license') || relWords.some(isLicenceRelationWrittenOff);
      if (licence && type === 'application/rsl+xml' && !urls.includes(url)) urls.push(url);
      if (urls.length >= 16) break;
    }
    return urls;
  }, () => []);
}
