/**
 * X-Robots-Tag HTTP header (Google's "Robots meta tag, data-nosnippet and X-Robots-Tag
 * specifications", developers.google.com/search/docs/crawling-indexing/robots-meta-tag):
 * comma-separated directives, case-insensitive, optionally addressed to one crawler with a
 * `botname:` prefix; several headers combine. `noai` / `noimageai` are DeviantArt's
 * non-standard words (SIGNALS.md §3). DESIGN.md §2 rule 3: any of `noai`, `noimageai`,
 * `noindex`, `noimageindex`, `none` addressed to everyone, to `heed` or to an AI token of the
 * purpose is an opt-out (`x-robots-tag`); words addressed to other crawlers are recorded only.
 */
import { foldLookalikes } from './lookalikes';
import { namesEveryAgent } from './robots/parse';
import type { Evidence } from '../model/evidence';
import type { Purpose } from '../model/evidence';
import { purposeProfile, type PurposeProfile } from '../model/purposes';
import { namedByUrl, scopeOf, type DocumentKind } from './document-kind';
import { clip, neverThrow, stripQuotes } from './fetched-file';
import type { HeaderValue } from './header-lines';

/** One directive: lower-cased name, and the value of `name: value` directives. */
export interface RobotsDirective {
  name: string;
  value: string | null;
}

/** The directives addressed to one crawler (`addressee`, lower-cased) or to all (null). */
export interface RobotsGroup {
  addressee: string | null;
  directives: RobotsDirective[];
}

/** The words that opt out under DESIGN.md §2 rule 3 (besides the profile's `optOutWords`). */
export const OPT_OUT_DIRECTIVES = ['noai', 'noimageai', 'noindex', 'noimageindex', 'none'] as const;

/**
 * Names that address every crawler: `robots` (SIGNALS.md §3.1), the header's own name pasted in
 * (`X-Robots-Tag: X-Robots-Tag: noai`, `<meta name="X-Robots-Tag">`), and `robot` in the singular.
 * Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): read as one
 * crawler's name, `robot: noai` and `<meta name="robot" content="noai">` bound no one.
 */
export const EVERY_CRAWLER_NAMES: ReadonlySet<string> = new Set(['robots', 'robot', 'x-robots-tag', 'x-robots']);

/** Directives that take a value after a colon (so `max-snippet: 20` is not a bot prefix). */
const VALUE_DIRECTIVES = new Set(['unavailable_after', 'max-snippet', 'max-image-preview', 'max-video-preview']);
/** Directive words crawlers document (Google, Bing) plus DeviantArt's two. */
export const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set([
  'all', 'index', 'follow', 'noindex', 'nofollow', 'none', 'noarchive', 'nocache', 'nosnippet',
  'notranslate', 'noimageindex', 'indexifembedded', 'noodp', 'noydir', 'noai', 'noimageai',
  ...VALUE_DIRECTIVES,
]);

const OPT_OUT: ReadonlySet<string> = new Set(OPT_OUT_DIRECTIVES);
const MAX_VALUES = 256;
const MAX_VALUE_LENGTH = 16384;
const MAX_DIRECTIVES = 512;
const BOT_PREFIX = /^([A-Za-z0-9_.-]{1,100})\s*:\s*([\s\S]*)$/;
/** What separates the words of a piece that is not one directive: anything a directive name cannot hold. */
const NOT_A_WORD = /[^A-Za-z0-9_.:-]+/;
const DIRECTIVE = /^([A-Za-z0-9_.-]+)\s*(?::\s*([\s\S]*))?$/;



/**
 * A header value `fetch` handed over: its bytes, one character each (Latin-1). A value that is
 * UTF-8 (`noａi`, `no\u00adai` sent as UTF-8) is read as such, so foldLookalikes sees its characters
 * rather than their bytes; any other value is kept as it came. Never throws.
 */
function fromHeaderBytes(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(value, (c) => c.charCodeAt(0)));
  } catch {
    return value;
  }
}

/**
 * Parse a directive list (one header value or one meta `content`). `botPrefix` enables the
 * X-Robots-Tag `botname:` form; the addressee then holds until the end of the value — unless
 * `joined`: where the platform may have joined header lines with ", ", any comma may have been
 * a line break, so the addressee holds only for the directive in the same comma-separated
 * piece (DESIGN.md §2 rule 3: `googlebot: noindex, noai` → `noai` applies to everyone).
 */
// Decision (DESIGN.md §2 rule 3, the reading that cannot keep a refusal): `ＮＯＡＩ` (full-width)
// and `no\u00adai` show the word `noai`, and were read as no directive or as the words `no` and
// `ai`: the list as its reader sees it (lookalikes.ts) counts beside the one as written.
export function parseDirectiveList(value: string, botPrefix: boolean, joined = false): RobotsGroup[] {
  const asWritten = readDirectiveList(value, botPrefix, joined);
  const folded = foldLookalikes(value);
  if (folded === value) return asWritten;
  // Both readings count: folded, `ｎｏａｉ` is `noai`; as written, `otherbot\u200b: noai` is not
  // addressed to otherbot (no crawler is named so) and binds everyone.
  const merged = new Map<string | null, RobotsDirective[]>(asWritten.map((g) => [g.addressee, [...g.directives]]));
  for (const g of readDirectiveList(folded, botPrefix, joined)) {
    const list = merged.get(g.addressee) ?? [];
    for (const d of g.directives) if (!list.some((x) => x.name === d.name && x.value === d.value)) list.push(d);
    merged.set(g.addressee, list);
  }
  return [...merged].map(([addressee, directives]) => ({ addressee, directives }));
}

function readDirectiveList(value: string, botPrefix: boolean, joined: boolean): RobotsGroup[] {
  const groups = new Map<string | null, RobotsDirective[]>();
  let addressee: string | null = null;
  let pendingDate: RobotsDirective | null = null;
  let count = 0;
  const pastCap = new Set<string>();
  for (const raw of value.split(',')) {
    // Quotes a server configuration left inside the value (`"noai, noimageai"`) are not part
    // of any directive: read the words inside them (fail closed, DESIGN.md §2 rule 3).
    let seg = stripQuotes(raw.trim()).trim();
    if (seg === '') continue;
    const first = DIRECTIVE.exec(seg);
    const firstName = first ? first[1]!.toLowerCase() : null;
    const prefix = botPrefix ? BOT_PREFIX.exec(seg) : null;
    const isBotPrefix = prefix !== null && !KNOWN_DIRECTIVES.has(prefix[1]!.toLowerCase());
    // `unavailable_after: Friday, 25-Jun-2010 15:00:00 PST`: dates (RFC 850 / RFC 1123)
    // contain commas; a segment that is neither a directive nor a bot prefix continues it.
    if (pendingDate && !isBotPrefix && !(firstName && KNOWN_DIRECTIVES.has(firstName))) {
      pendingDate.value = `${pendingDate.value ?? ''}, ${seg}`;
      // No date has an opt-out word in it: one in a continuation piece (`…, noai; noimageai`,
      // `…, noindex nofollow`) is a mis-separated directive, and still counts (fail closed).
      const words = seg.split(NOT_A_WORD).map((w) => w.toLowerCase()).filter((w) => OPT_OUT.has(w));
      if (words.length > 0) {
        const list = groups.get(addressee) ?? [];
        for (const w of words) if (!list.some((x) => x.name === w)) list.push({ name: w, value: null });
        groups.set(addressee, list);
      }
      continue;
    }
    pendingDate = null;
    if (joined) addressee = null;
    // `AI: no`, `ai-training: no` (and, in a meta, `ai: no`): see negatedUse.
    const negated = first && first[2] !== undefined ? negatedUse(first[1]!, first[2]) : null;
    if (isBotPrefix) {
      // `robots:` names every crawler, as `<meta name="robots">` does (SIGNALS.md §3.1:
      // un-prefixed and `robots` rules apply to all); read it so, not as one crawler's name.
      // So does the header's own name pasted into its value (`X-Robots-Tag: X-Robots-Tag: noai`,
      // a configuration slip): read as a crawler's name, its `noai` bound no one (fail closed).
      const name = prefix[1]!.toLowerCase();
      addressee = EVERY_CRAWLER_NAMES.has(name) ? null : name;
      seg = prefix[2]!.trim();
      if (seg === '') continue;
    }
    const written = DIRECTIVE.exec(seg);
    // `googlebot: GPTBot: noai` read as googlebot's directive `gptbot` (value `noai`) bound no one:
    // a name no crawler defines as a directive, with a value, is read as the words it holds, so its
    // `GPTBot:` is also a prefix (prefixesWithin; DESIGN.md §2 rule 3, both readings count).
    const m = written && botPrefix && written[2] !== undefined && !KNOWN_DIRECTIVES.has(written[1]!.toLowerCase()) ? null : written;
    // Not the documented syntax (`noindex nofollow`, `noai; noimageai`, `index|noai`): read each
    // word, so a mis-separated opt-out still counts (fail closed).
    const words = m ? [] : seg.split(NOT_A_WORD).filter(Boolean);
    // `no ai`, `No Image AI`, `no ai training`: a refusal written as separate words was read as
    // the words `no` and `ai`, none a directive. Decision (DESIGN.md §2 rule 3, the reading that
    // cannot keep what the owner refused): from each `no` / `not` / `dont`, the next words glued
    // (up to four in all) are read too, where that is an opt-out word or a made-up refusal.
    const glued = gluedRefusals(words);
    // A crawler's `name:` inside a directive's value (`googlebot: max-snippet: -1 GPTBot: noai`)
    // addresses the words after it too, as inside a piece of words.
    const within = !botPrefix ? null : !m ? prefixesWithin(words) : m[2] !== undefined ? prefixesWithin(m[2].split(NOT_A_WORD).filter(Boolean)) : null;
    const found: RobotsDirective[] = m
      ? [{ name: m[1]!.toLowerCase(), value: m[2] === undefined ? null : m[2].trim() }]
      : [...words, ...(within?.afterColons ?? []), ...glued].map((w) => ({ name: w.toLowerCase(), value: null }));
    if (m) within?.byCrawler.delete(addressee); // the directive's own part reads its value (wordsAmong)
    const entries: [string | null, RobotsDirective][] = found.map((d) => [addressee, d]);
    if (negated !== null) entries.push([null, { name: negated, value: null }]);
    for (const [bot, botWords] of within?.byCrawler ?? []) for (const w of botWords) entries.push([bot, { name: w, value: null }]);
    for (const [to, d] of entries) {
      // Past the cap only the directives that may opt out are kept (once each, see mayOptOut):
      // a hostile list cannot hide one, however it is spelt (`no-ai`, `GPTBot: noai`).
      if (++count > MAX_DIRECTIVES) {
        const id = `${to ?? ''}\n${formatDirectives([d])}`;
        if (pastCap.has(id) || !mayOptOut(d)) continue;
        pastCap.add(id);
      }
      const list = groups.get(to) ?? [];
      list.push(d);
      groups.set(to, list);
      if (to === addressee && d.name === 'unavailable_after') pendingDate = d;
    }
  }
  return [...groups].map(([a, directives]) => ({ addressee: a, directives }));
}

/** Words that start a refusal written as separate words (gluedRefusals). */
const SEPARATE_LEADS: ReadonlySet<string> = new Set(['no', 'not', 'dont', 'donot']);

/** What says "no" after the name of a use (negatedUse). */
const NEGATIVES: ReadonlySet<string> = new Set(['no', 'n', 'false', '0', 'off', 'disallow', 'disallowed', 'deny', 'denied', 'never']);

/**
 * The opt-out word a name and a "no" spell (`ai=no`, `AI: no`, `train-ai=n`, `ai-training: no`:
 * `noai`, `notrainai`, `noaitraining`), or null. Content-Signal writes `ai-train=no`; in a robots
 * directive list such a pair was read as the words `ai` and `no`, or as `no` addressed to a crawler
 * named `ai`, and refused nothing. Decision (DESIGN.md §2 rule 3, the reading that cannot keep what
 * the owner refused): it is read as `no` + the name where that is an opt-out word (OPT_OUT) or a
 * made-up refusal (madeUpRefusal), addressed to everyone. A "yes" grants nothing.
 */
function negatedUse(name: string, value: string): string | null {
  if (!NEGATIVES.has(value.trim().toLowerCase())) return null;
  const word = `no${name.toLowerCase().replace(/[^a-z]/g, '')}`;
  return OPT_OUT.has(word) || madeUpRefusal(word) !== null ? word : null;
}

/** The opt-out words a run of separate words spells glued (`no`, `ai` → `noai`; `ai`, `no` → `noai`): see readDirectiveList. */
function gluedRefusals(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const negated = i + 1 < words.length ? negatedUse(words[i]!, words[i + 1]!) : null;
    if (negated !== null && !out.includes(negated)) out.push(negated);
    if (!SEPARATE_LEADS.has(words[i]!.toLowerCase())) continue;
    let word = words[i]!.toLowerCase();
    for (let j = i + 1; j < Math.min(words.length, i + 4); j++) {
      word += words[j]!.toLowerCase().replace(/[^a-z]/g, '');
      if ((OPT_OUT.has(word) || madeUpRefusal(word) !== null) && !out.includes(word)) out.push(word);
    }
  }
  return out;
}

/**
 * The crawler prefixes inside a piece of words that is not one directive (`googlebot: noindex
 * GPTBot:noai`, with no comma before `GPTBot`): each crawler named with `name:` or `name :` and the
 * words after it in the piece (lower-cased; `robots:` is everyone), and the words written glued after
 * a colon (`noai` of `GPTBot:noai`). Decision (DESIGN.md §2 rule 3): such a piece can be read as the
 * part it stands in holding `GPTBot:noai`, or as GPTBot's `noai`; both readings count, so the words
 * stay in that part too (read, `noai` there binds whom the part binds) and nothing a prefix hides is lost.
 */
function prefixesWithin(words: readonly string[]): { byCrawler: Map<string | null, Set<string>>; afterColons: string[] } {
  const byCrawler = new Map<string | null, Set<string>>();
  const afterColons: string[] = [];
  // The crawlers the words read now belong to: the last prefix, or a run of prefixes with no word
  // between them (`GPTBot: CCBot: noai`, as robots.txt groups User-agent lines). A run longer than
  // MAX_PREFIX_RUN is read as addressed to everyone (hostile; and the work stays linear).
  let current: (string | null)[] = [];
  let afterPrefix = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const colon = w.indexOf(':');
    let rest = w;
    if (colon >= 0) {
      // `GPTBot:noai`, `GPTBot:`, or a lone `:` after `GPTBot`.
      let name = (colon === 0 ? (words[i - 1] ?? '') : w.slice(0, colon)).toLowerCase();
      // `GPTBot/1.1:` is split as `GPTBot`, `1.1:`: the version's crawler is the word before it.
      if (/^[0-9.]+$/.test(name) && colon > 0 && i > 0) name = words[i - 1]!.toLowerCase();
      rest = w.slice(colon + 1).replace(/^:+/, '');
      // A crawler's name starts with a letter: `2099 15:00:00` in a date names no crawler.
      if (/^[a-z][a-z0-9_.-]{0,99}$/.test(name) && !KNOWN_DIRECTIVES.has(name)) {
        const bot = EVERY_CRAWLER_NAMES.has(name) ? null : name;
        if (!afterPrefix) current = [];
        afterPrefix = true;
        if (current.length >= MAX_PREFIX_RUN) current = [null];
        else if (!current.includes(bot)) current.push(bot);
        for (const b of current) if (!byCrawler.has(b)) byCrawler.set(b, new Set());
      }
      if (rest === '') continue;
      afterColons.push(rest);
    } else if ((words[i + 1] ?? '').startsWith(':')) continue; // the name of a `name :` prefix
    afterPrefix = false;
    for (const bot of current) byCrawler.get(bot)!.add(rest.toLowerCase());
  }
  return { byCrawler, afterColons };
}
const MAX_PREFIX_RUN = 16;

/**
 * Parse X-Robots-Tag header lines (`string[]`, read apart) or a value the platform may have
 * joined (`string`, see parseDirectiveList) into groups merged per addressee.
 */
export function parseXRobotsTag(header: HeaderValue): RobotsGroup[] {
  return neverThrow(() => {
    const joined = typeof header === 'string';
    const values = joined ? [header] : header;
    const merged = new Map<string | null, RobotsDirective[]>();
    for (const v of values.slice(0, MAX_VALUES)) {
      if (typeof v !== 'string') continue;
      for (const g of parseDirectiveList(fromHeaderBytes(v.slice(0, MAX_VALUE_LENGTH)), true, joined)) {
        merged.set(g.addressee, [...(merged.get(g.addressee) ?? []), ...g.directives]);
      }
    }
    return [...merged].map(([addressee, directives]) => ({ addressee, directives }));
  }, () => []);
}

/** `noindex`, `max-snippet: 20`, … joined back into a directive list. */
export function formatDirectives(directives: readonly RobotsDirective[]): string {
  return directives.map((d) => (d.value === null ? d.name : `${d.name}: ${d.value}`)).join(', ');
}

/**
 * The opt-out words among `directives` for this profile, deduplicated, in order. Decisions
 * (DESIGN.md §2 rule 3, the reading that cannot keep a refusal):
 * - a word written with hyphens, underscores or stray punctuation (`no-ai`, `No_Image_Index`,
 *   `none.`) is that word;
 * - words in the value of a directive that takes none (`all: noai`, `index: noimageai`) count:
 *   no crawler defines such a value, and the owner wrote the word;
 * - `unavailable_after` whose date has passed says what `noindex` says from then on (Google:
 *   "do not show this page in search results after the specified date"), so it counts as an
 *   opt-out; a date Heed cannot read counts as passed (rule 5: fail closed).
 */
export function optOutWords(directives: readonly RobotsDirective[], profile: PurposeProfile, now = Date.now()): string[] {
  const words = new Set<string>([...OPT_OUT_DIRECTIVES, ...profile.optOutWords.map((w) => w.toLowerCase())]);
  const training = profile.contentUsageCategory === 'train-ai';
  return wordsAmong(directives, (w) => words.has(w) || refusesMadeUp(madeUpRefusal(w), training), now);
}

/** Whether a made-up refusal (madeUpRefusal) binds a purpose that trains models (`training`) or not. */
const refusesMadeUp = (kind: MadeUpRefusal, training: boolean) => kind === 'any' || (kind === 'training' && training);

/** What a made-up refusal names: AI use of any kind (`noml`, `notdm`, `nodataset`), or training (`notrain`, `nogenai`). */
type MadeUpRefusal = 'any' | 'training' | null;

/** How a made-up refusal word starts: `no`, `not`, `dont`, `donot`, `disallow`, `deny`, `block`. */
const REFUSAL_LEADS = ['no', 'not', 'dont', 'donot', 'disallow', 'deny', 'block'] as const;
/**
 * The parts the rest of such a word is made of: what it refuses (`any`: AI, machine learning,
 * datasets, data mining, scraping; `training`: training, generative AI, LLMs) and what it
 * speaks of (`object`: images, content, use). A word is a refusal only when its rest is made of
 * these parts alone and names at least one use, so `noarchive`, `nosnippet`, `notranslate` and
 * `noimageindex` are none.
 */
const MADE_UP_PARTS: ReadonlyMap<string, 'any' | 'training' | 'object'> = new Map<string, 'any' | 'training' | 'object'>([
  ...['ai', 'ml', 'machinelearning', 'dataset', 'datasets', 'tdm', 'mining', 'datamining', 'scrape', 'scraping', 'scraper', 'scrapers'].map((w) => [w, 'any'] as const),
  ...['train', 'training', 'trained', 'genai', 'generative', 'llm', 'llms'].map((w) => [w, 'training'] as const),
  ...['image', 'images', 'img', 'imgs', 'photo', 'photos', 'content', 'data', 'media', 'art', 'use', 'usage', 'for', 'in', 'of'].map((w) => [w, 'object'] as const),
]);
const MAX_MADE_UP_LENGTH = 64;

/**
 * Whether a directive word (letters only, lower case) is a made-up refusal of AI use: a lead
 * (REFUSAL_LEADS) then parts (MADE_UP_PARTS) — `noml`, `notrain`, `noaitraining` (`no-ai-training`
 * read as its letters), `nogenai`, `noimageml`, `nodatasets`, `notdm`, `disallowai`. No crawler
 * defines these, and read as unknown directives they were ignored and the image kept. Decision
 * (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused; SIGNALS.md §3.2
 * `noai`): each is an opt-out like `noai`. One naming training (`training`) binds the purposes that
 * train models; one naming AI, machine learning, datasets, mining or scraping without training
 * (`any`) binds every purpose, as `noai` does (research-tdm builds datasets and mines data).
 */
export function madeUpRefusal(word: string): MadeUpRefusal {
  if (word.length > MAX_MADE_UP_LENGTH) return null;
  let found: MadeUpRefusal = null;
  for (const lead of REFUSAL_LEADS) {
    if (!word.startsWith(lead) || word.length === lead.length) continue;
    const rest = word.slice(lead.length);
    // reach[i]: the kinds of use the parts read so far name (bit 1: any, bit 2: training), per way of reading them.
    const reach: Set<number>[] = Array.from({ length: rest.length + 1 }, () => new Set<number>());
    reach[0]!.add(0);
    for (let i = 0; i < rest.length; i++) {
      if (reach[i]!.size === 0) continue;
      for (const [part, kind] of MADE_UP_PARTS) {
        if (!rest.startsWith(part, i)) continue;
        const bit = kind === 'any' ? 1 : kind === 'training' ? 2 : 0;
        for (const mask of reach[i]!) reach[i + part.length]!.add(mask | bit);
      }
    }
    for (const mask of reach[rest.length]!) {
      // A reading naming AI use without training refuses every purpose: the stricter one wins.
      if (mask === 1) return 'any';
      if (mask & 2) found = 'training';
    }
  }
  return found;
}

/** Every purpose, so that a cap kept for all of them (mayOptOut) misses none's words. */
const EVERY_PURPOSE: Record<Purpose, null> = { 'ai-training': null, 'genai-training': null, 'research-tdm': null };
const ANY_PURPOSE_WORDS: ReadonlySet<string> = new Set([
  ...OPT_OUT_DIRECTIVES,
  ...(Object.keys(EVERY_PURPOSE) as Purpose[]).flatMap((p) => purposeProfile(p).optOutWords.map((w) => w.toLowerCase())),
]);

/**
 * Whether a directive can opt out for some purpose, read as optOutWords reads it: an opt-out
 * word however spelt (`no-ai`, `NoImage_AI`), one in its value (`all: noai`, and `GPTBot: noai`,
 * which a meta reads as addressed to GPTBot), or any `unavailable_after` (its date passes).
 * What a cap keeps past its count: the reading that cannot cut a refusal (DESIGN.md §2 rule 3).
 */
export function mayOptOut(d: RobotsDirective): boolean {
  return d.name === 'unavailable_after' || wordsAmong([d], (w) => ANY_PURPOSE_WORDS.has(w) || madeUpRefusal(w) !== null, 0).length > 0;
}

function wordsAmong(directives: readonly RobotsDirective[], refuses: (word: string) => boolean, now: number): string[] {
  const found: string[] = [];
  const letters = (w: string) => w.toLowerCase().replace(/[^a-z]/g, '');
  for (const d of directives) {
    const word = letters(d.name);
    if (refuses(word)) found.push(word);
    else if (d.name === 'unavailable_after' && expired(d.value, now)) found.push('unavailable_after');
    if (d.value !== null) {
      const inValue = d.value.slice(0, MAX_VALUE_LENGTH).split(NOT_A_WORD).filter(Boolean);
      // A directive that takes a value: no value holds an opt-out word (a number, a date), except
      // max-image-preview's own `none` / `standard` / `large`; any other there was written without its
      // comma (`max-snippet: 20 noai`, `unavailable_after: 25 Jun 2099 (noai)`) and counts.
      if (d.name === 'max-image-preview' && IMAGE_PREVIEW_SIZES.has((inValue[0] ?? '').toLowerCase())) inValue.shift();
      for (const w of inValue) if (refuses(letters(w))) found.push(letters(w));
    }
  }
  return [...new Set(found)];
}

/** max-image-preview's values (Google). */
const IMAGE_PREVIEW_SIZES: ReadonlySet<string> = new Set(['none', 'standard', 'large']);

/** Whether an `unavailable_after` date has passed, or cannot be read. */
function expired(value: string | null, now: number): boolean {
  const text = (value ?? '').trim();
  if (text === '' || text.length > 200) return true;
  const at = Date.parse(text);
  return Number.isNaN(at) || at <= now;
}

/** Whether rules addressed to `addressee` bind Heed for this purpose (null = everyone). */
export function bindsHeed(addressee: string | null, profile: PurposeProfile): boolean {
  if (addressee === null) return true;
  const a = addressee.toLowerCase();
  // `AI: noai`, `all-ai: noai`, `<meta name="AI">`: no crawler is named so, and the refusal bound
  // no one. Decision (DESIGN.md §2 rule 3, "general or addressed to heed or an AI token"; the
  // reading that cannot keep what the owner refused): a name that says every (AI) agent in words
  // (robots/parse.ts namesEveryAgent) addresses Heed too.
  return a === 'heed' || profile.robotsTokens.some((t) => t.toLowerCase() === a) || namesEveryAgent(a);
}

const WORD_MEANING: Record<string, string> = {
  noai: 'no use in AI datasets',
  noimageai: 'no use of images in AI datasets',
  noindex: 'do not index',
  noimageindex: 'do not index the images',
  none: 'do not index or follow',
  unavailable_after: 'do not index after a date that has passed',
};

/** Plain-language gloss of opt-out words, e.g. `noai (no use in AI datasets)`. */
export function explainWords(words: readonly string[]): string {
  return words.map((w) => (WORD_MEANING[w] ? `${w} (${WORD_MEANING[w]})` : madeUpRefusal(w) !== null ? `${w} (no AI use, in the owner’s own word)` : w)).join(', ');
}

/**
 * Evaluate the X-Robots-Tag header of one response (the image's, a redirect's, the page's or a frame
 * document's: `where`, see document-kind.ts), as lines read apart or as a value the platform
 * may have joined: a deny (`x-robots-tag`) per binding addressee carrying an opt-out word, info
 * otherwise.
 */
export function evaluateXRobotsTag(
  header: HeaderValue,
  source: string,
  where: DocumentKind,
  profile: PurposeProfile,
): Evidence[] {
  return neverThrow(
    () => {
      const joined = typeof header === 'string';
      if (!joined && !Array.isArray(header)) return [];
      const strings = (joined ? [header] : header).filter((v): v is string => typeof v === 'string');
      const tooBig = strings.length > MAX_VALUES || strings.some((v) => v.length > MAX_VALUE_LENGTH);
      const evidence = parseXRobotsTag(joined ? strings[0]! : strings).map((g) => groupEvidence(g, source, where, profile));
      if (tooBig) evidence.push(unreadable(source, where, 'headers too large to read in full'));
      return evidence;
    },
    (message) => [unreadable(source, where, `could not be read: ${message}`)],
  );
}

/**
 * "The page's X-Robots-Tag" / "The image's X-Robots-Tag", as ever; a frame's or a redirect's names it
 * and its URL, which a reader could not tell from the page's (or the image's) otherwise: "The
 * frame's X-Robots-Tag (https://…)". `aside` joins the URL inside the brackets ("(https://…, to every crawler)").
 */
function subject(where: DocumentKind, source: string, aside?: string): string {
  if (namedByUrl(where)) return `The ${where}'s X-Robots-Tag (${[source, aside].filter(Boolean).join(', ')})`;
  return `The ${where}'s X-Robots-Tag${aside ? ` (${aside})` : ''}`;
}

function groupEvidence(g: RobotsGroup, source: string, where: DocumentKind, profile: PurposeProfile): Evidence {
  const list = clip(formatDirectives(g.directives), 500);
  const value = g.addressee === null ? list : `${g.addressee}: ${list}`;
  const base = { kind: 'x-robots-tag', scope: scopeOf(where), source, value } as const;
  if (!bindsHeed(g.addressee, profile)) {
    return { ...base, effect: 'info', note: `${subject(where, source)} addresses ${g.addressee} only; recorded, not applied.` };
  }
  const words = optOutWords(g.directives, profile);
  const to = g.addressee === null ? 'to every crawler' : `to ${g.addressee}`;
  if (words.length === 0) {
    return { ...base, effect: 'info', note: `${subject(where, source, to)} has no opt-out word for this purpose.` };
  }
  return {
    ...base,
    effect: 'deny',
    reason: 'x-robots-tag',
    note: `${subject(where, source)} says ${explainWords(words)} ${to}: the owner opts out.`,
  };
}

/** The page's and the image's notes say "X-Robots-Tag <problem>", as ever; a frame's and a redirect's name it and its URL. */
function unreadable(source: string, where: DocumentKind, problem: string): Evidence {
  const note = namedByUrl(where) ? `${subject(where, source)}: ${problem}` : `X-Robots-Tag ${problem}`;
  return { kind: 'x-robots-tag', scope: scopeOf(where), source, value: 'unreadable', effect: 'deny', reason: 'signal-unreadable', note };
}
