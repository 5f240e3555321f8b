/**
 * `<meta name="robots">` and crawler-specific metas (`<meta name="GPTBot" content="noai">`,
 * `<meta name="heed" …>`): same directive syntax as X-Robots-Tag minus the `botname:` prefix,
 * `name` and `content` case-insensitive, several metas combine (Google's robots meta tag spec,
 * developers.google.com/search/docs/crawling-indexing/robots-meta-tag). Opt-out words per
 * DESIGN.md §2 rule 3 → deny `meta-robots`; metas for other crawlers are recorded only.
 */
import { AI_TOKENS, HEED_TOKEN } from '../model/ai-tokens';
import type { Evidence } from '../model/evidence';
import type { PurposeProfile } from '../model/purposes';
import type { DocumentKind } from './document-kind';
import { clip, neverThrow } from './fetched-file';
import { foldLookalikes } from './lookalikes';
import { evaluateContentSignalHeader, evaluateContentUsageHeader } from './content-usage';
import { NOSCRIPT_UNREAD } from './noscript-metas';
import { namesEveryAgent } from './robots/parse';
import {
  bindsHeed,
  EVERY_CRAWLER_NAMES,
  explainWords,
  formatDirectives,
  KNOWN_DIRECTIVES,
  mayOptOut,
  optOutWords,
  parseDirectiveList,
  type RobotsDirective,
} from './x-robots-tag';

/** One `<meta name content>` pair as the content script hands it over. */
export interface RobotsMeta {
  name: string;
  content: string;
}

/** Output caps: what the worker keeps of a page's robots metas (FrameSignalsSchema in policy/verdict.ts holds them). */
export const MAX_METAS = 1000;
export const MAX_META_NAME = 200;
export const MAX_META_CONTENT = 2000;
/** How much of one `content` attribute is read (hostile pages). */
const MAX_CONTENT_READ = 1024 * 1024;
/** How many metas an evaluation reads before failing closed. */
const MAX_EVALUATED = 10000;
/**
 * How much of one `name` is read as a list of names, as much as the always-on script sends
 * (RAW_LIMITS.name in utils/page/raw-page-signals.ts, which cuts it there; a test holds them
 * equal): a list as long or longer may have lost names at the cut, so it also speaks for every
 * crawler (`robots`), the reading that cannot drop a refusal.
 */
export const MAX_NAME_READ = 10_000;
/** How many names of one meta, besides robots, heed and the AI tokens (always read), are recorded. */
const MAX_NAMES_PER_META = 64;
/** Directives kept per name; past it only those that may opt out (mayOptOut), up to the second cap. */
const MAX_DIRECTIVES_KEPT = 256;
const MAX_OPT_OUT_KEPT = 1024;

/**
 * The meta that stands for robots metas Heed could not read in full (metas inside <noscript>
 * past what is read, more directives that may opt out than the output holds), its content
 * saying which: evaluateMetaRobots fails it closed (`signal-unreadable`). It is the name
 * noscript-metas.ts gives its own marker; a page that writes a meta of that name is read the
 * same way, which can only refuse more.
 */
export const UNREAD_METAS = NOSCRIPT_UNREAD;

const ALWAYS_KEPT = new Set([...EVERY_CRAWLER_NAMES, HEED_TOKEN, ...AI_TOKENS.map((t) => t.token.toLowerCase())]);

/**
 * Add a directive to a name's merged set: each once; past MAX_DIRECTIVES_KEPT only those that
 * may opt out, so a hostile run of words cannot crowd one out. `false`: one that may opt out did
 * not fit (past MAX_OPT_OUT_KEPT) — the name's metas are unread.
 */
function addDirective(directives: Map<string, RobotsDirective>, d: RobotsDirective): boolean {
  const id = formatDirectives([d]);
  if (directives.has(id)) return true;
  if (directives.size >= MAX_DIRECTIVES_KEPT) {
    if (!mayOptOut(d)) return true;
    if (directives.size >= MAX_OPT_OUT_KEPT) return false;
  }
  directives.set(id, d);
  return true;
}

/** Parse one meta `content` into directives (no `botname:` prefix in metas). */
export function parseMetaRobots(content: string): RobotsDirective[] {
  return neverThrow(() => parseDirectiveList(String(content).slice(0, MAX_CONTENT_READ), false).flatMap((g) => g.directives), () => []);
}

/**
 * Whether a meta is a robots meta: named robots/heed/an AI token, or (any other crawler's
 * name) whose content is made only of robots directives — so `<meta name="description"
 * content="noai art">` is prose, not a directive.
 */
function isRobotsMeta(key: string, directives: readonly RobotsDirective[]): boolean {
  // A name that says every AI agent (`AI`, `all-ai`; bindsHeed) is read as robots / heed are:
  // whatever its words, they may refuse.
  return ALWAYS_KEPT.has(key) || namesEveryAgent(key) || (directives.length > 0 && directives.every((d) => KNOWN_DIRECTIVES.has(d.name) || (addressed(d) && ALWAYS_KEPT.has(d.name))));
}

/**
 * A directive that names a crawler inside a meta's content (`<meta name="robots"
 * content="GPTBot: noai">`): Google's metas have no such prefix, but the owner's words are
 * plain. Decision (DESIGN.md §2 rule 3, the reading that cannot keep a refusal): the words
 * after it are addressed to that crawler, as in X-Robots-Tag — an opt-out for `heed`, an AI
 * token of the purpose or `robots` refuses; one for another crawler stays that crawler's.
 */
function addressed(d: RobotsDirective): boolean {
  return d.value !== null && !KNOWN_DIRECTIVES.has(d.name);
}

/**
 * The names one meta's `name` lists (`GPTBot, CCBot`), each at most MAX_META_NAME long (a longer
 * one cannot be a crawler Heed obeys): robots, heed and the AI tokens always, up to
 * MAX_NAMES_PER_META others; and `robots` when the list is too long to read (MAX_NAME_READ).
 */
function namesOf(written: string): string[] {
  const names = new Map<string, string>();
  let others = 0;
  // Decision (DESIGN.md §2 rule 3, the owner's words as the screen shows them): a name is read as
  // its letters (lookalikes.ts: `ｒｏｂｏｔｓ`, a zero-width space inside), a list split at `;` and
  // `|` too, and quotes or a header's colon around a name (`"robots"`, `robots:`) are not part of
  // it. Read as written, each named no crawler and its `noai` refused nothing.
  for (const part of foldLookalikes(written.slice(0, MAX_NAME_READ)).split(/[\s,;|]+/)) {
    const name = part.replace(/^["'`:]+|["'`:]+$/g, '');
    const key = name.toLowerCase();
    if (name === '' || name.length > MAX_META_NAME || names.has(key)) continue;
    if (ALWAYS_KEPT.has(key) || others++ < MAX_NAMES_PER_META) names.set(key, name);
  }
  if (written.length >= MAX_NAME_READ && !names.has('robots')) names.set('robots', 'robots');
  return [...names.values()];
}

/** The robots metas among raw `<meta name content>` pairs (as the always-on content script sends them). */
export function robotsMetasFrom(pairs: readonly RobotsMeta[]): RobotsMeta[] {
  return neverThrow(() => {
    const merged = new Map<string, { name: string; directives: Map<string, RobotsDirective> }>();
    const unread = new Set<string>();
    const preferences: RobotsMeta[] = [];
    for (const pair of pairs) {
      const written = String(pair.name);
      // Metas inside <noscript> past what is read (noscript-metas.ts): they may refuse.
      if (written.trim() === NOSCRIPT_UNREAD) {
        unread.add('metas past those Heed reads (inside <noscript> or <template>, or past the first 1,000)');
        continue;
      }
      // A Content-Usage or Content-Signal meta (preferenceMetaKind) is kept as written, for
      // evaluateMetaRobots to read as the header it copies.
      if (preferenceMetaKind(written) !== null) {
        // Past the cap they are not read, and may refuse (DESIGN.md §2 rule 5): marked unread.
        if (preferences.length < MAX_PREFERENCE_METAS) preferences.push({ name: written.trim().slice(0, MAX_META_NAME), content: clip(String(pair.content), MAX_META_CONTENT) });
        else unread.add(`more than ${MAX_PREFERENCE_METAS} Content-Usage and Content-Signal metas`);
        continue;
      }
      // A name listing several crawlers (`GPTBot, CCBot`) speaks for each (DESIGN.md §2 rule 3, the
      // reading that cannot keep a refusal): read as one crawler of that name, it bound no one.
      const names = namesOf(written);
      if (names.length === 0) continue;
      const directives = parseMetaRobots(String(pair.content));
      if (directives.length === 0) continue;
      for (const name of names) {
        const key = name.toLowerCase();
        if (!isRobotsMeta(key, directives)) continue;
        let entry = merged.get(key);
        if (!entry) {
          if (merged.size >= MAX_METAS && !ALWAYS_KEPT.has(key)) continue;
          entry = { name, directives: new Map() };
          merged.set(key, entry);
        }
        for (const d of directives) if (!addDirective(entry.directives, d)) unread.add(`more directives that may opt out than Heed keeps for <meta name="${key}">`);
      }
    }
    const out = capMetas([...merged.values()], MAX_METAS).map((e) => {
      const { content, whole } = joinWithinBudget([...e.directives.values()], MAX_META_CONTENT);
      if (!whole) unread.add(`more directives that may opt out than fit in <meta name="${e.name.toLowerCase()}">`);
      return { name: e.name, content };
    });
    if (unread.size === 0) return [...out, ...preferences];
    return [...capMetas(out, MAX_METAS - 1), ...preferences, { name: UNREAD_METAS, content: clip([...unread].join('; '), MAX_META_CONTENT) }];
  }, () => []);
}

/** At most this many Content-Usage and Content-Signal metas are kept and read (a page writes one or two). */
const MAX_PREFERENCE_METAS = 16;

/**
 * Whether a meta's name is the IETF aipref `Content-Usage` header's or Cloudflare's
 * `Content-Signal` (as `name` or `http-equiv`, in any case, a blank or `_` for the hyphen, a
 * plural), or neither.
 */
function preferenceMetaKind(name: string): 'content-usage' | 'content-signal' | null {
  const key = name.trim().toLowerCase();
  if (/^content[-_ ]?usages?$/.test(key)) return 'content-usage';
  if (/^content[-_ ]?signals?$/.test(key)) return 'content-signal';
  return null;
}

/** At most `max` metas: robots, heed and AI-token ones always kept, the others trimmed from the end. */
function capMetas<T extends { name: string }>(metas: T[], max: number): T[] {
  const kept = [...metas];
  while (kept.length > max) {
    const i = kept.findLastIndex((e) => !ALWAYS_KEPT.has(e.name.toLowerCase()));
    kept.splice(i < 0 ? kept.length - 1 : i, 1);
  }
  return kept;
}

/**
 * Join directives into at most `budget` characters: those that may opt out (mayOptOut: the
 * evaluator's reading, for every purpose) all kept, then the others in order while they fit.
 * `whole` is false when those that may opt out do not fit by themselves: some are left out,
 * and the caller marks the metas unread (evaluateMetaRobots fails them closed).
 */
function joinWithinBudget(directives: RobotsDirective[], budget: number): { content: string; whole: boolean } {
  const all = formatDirectives(directives);
  if (all.length <= budget) return { content: all, whole: true };
  const restrictive = directives.map(mayOptOut);
  const kept = new Set<number>();
  let used = -2; // the ", " before the first is not written
  const take = (i: number): boolean => {
    const length = formatDirectives([directives[i]!]).length + 2;
    if (used + length > budget) return false;
    kept.add(i);
    used += length;
    return true;
  };
  let whole = true;
  for (const i of directives.keys()) if (restrictive[i] && !take(i)) whole = false;
  for (const i of directives.keys()) if (!restrictive[i]) take(i);
  return { content: formatDirectives(directives.filter((_, i) => kept.has(i))).slice(0, budget), whole };
}

/** The documents that carry robots metas: the page, or a frame showing the image (document-kind.ts). */
export type MetaDocument = Extract<DocumentKind, 'page' | 'frame'>;

/**
 * Evaluate a page's robots metas (or, `where` = 'frame', those of a frame document at `source`):
 * a deny (`meta-robots`) per binding name (`robots`, `heed`, an AI token of the purpose)
 * carrying an opt-out word; info for other robots metas. Scope is `page` either way.
 */
export function evaluateMetaRobots(metas: RobotsMeta[], source: string, profile: PurposeProfile, where: MetaDocument = 'page'): Evidence[] {
  return neverThrow(
    () => {
      if (!Array.isArray(metas)) return [];
      const merged = new Map<string, { name: string; directives: Map<string, RobotsDirective> }>();
      const unread = new Set<string>();
      const preferences = { 'content-usage': [] as string[], 'content-signal': [] as string[] };
      for (const m of metas.slice(0, MAX_EVALUATED)) {
        if (typeof m !== 'object' || m === null || typeof m.name !== 'string') continue;
        // Metas the reader could not read in full (robotsMetasFrom): they may refuse.
        if (m.name === UNREAD_METAS) {
          unread.add(clip(typeof m.content === 'string' && m.content !== '' ? m.content : 'metas past what Heed reads', 300));
          continue;
        }
        const preference = preferenceMetaKind(m.name);
        if (preference !== null) {
          if (typeof m.content !== 'string') continue;
          if (preferences[preference].length < MAX_PREFERENCE_METAS) preferences[preference].push(m.content);
          else unread.add(`more than ${MAX_PREFERENCE_METAS} ${preference === 'content-usage' ? 'Content-Usage' : 'Content-Signal'} metas`);
          continue;
        }
        const name = m.name.trim().slice(0, MAX_META_NAME);
        const key = name.toLowerCase();
        const directives = parseMetaRobots(typeof m.content === 'string' ? m.content : '');
        if (name === '' || directives.length === 0 || !isRobotsMeta(key, directives)) continue;
        const entry = merged.get(key) ?? { name: key, directives: new Map<string, RobotsDirective>() };
        for (const d of directives) if (!addDirective(entry.directives, d)) unread.add(`more directives that may opt out than Heed keeps for <meta name="${key}">`);
        merged.set(key, entry);
      }
      const evidence = [...merged.values()].map((e) => metaEvidence(e.name, [...e.directives.values()], source, profile, where));
      // The Content-Usage and Content-Signal headers written into the document as a meta
      // (`http-equiv` or `name`), as owners who cannot set headers write X-Robots-Tag. Decision
      // (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): their refusals
      // bind as the header's do (`content-usage-n`). A meta is no header, so a `y` there grants
      // nothing and a value Heed cannot read is not failed closed: read only as far as it refuses.
      // Before, neither was read, and a page's `train-ai=n` meta refused nothing.
      const inMeta = (e: Evidence): Evidence => ({ ...e, note: `${e.note ?? ''} (written as a <meta>)` });
      evidence.push(
        ...evaluateContentUsageHeader(preferences['content-usage'], source, where, profile).filter((e) => e.reason === 'content-usage-n').map(inMeta),
        ...evaluateContentSignalHeader(preferences['content-signal'], source, where, profile).filter((e) => e.reason === 'content-usage-n').map(inMeta),
      );
      const frame = where === 'frame' ? ` of the frame (${source})` : '';
      for (const why of unread) evidence.push(unreadable(source, `Not all robots metas${frame} could be read (${why}): they may refuse, so Heed fails closed`));
      if (metas.length > MAX_EVALUATED) {
        evidence.push(unreadable(source, `More than ${MAX_EVALUATED} meta elements${where === 'frame' ? ` in the frame (${source})` : ''}: not all could be read`));
      }
      return evidence;
    },
    (message) => [unreadable(source, `${where === 'frame' ? `The frame's robots metas (${source})` : 'Robots metas'} could not be read: ${message}`)],
  );
}

function metaEvidence(key: string, directives: RobotsDirective[], source: string, profile: PurposeProfile, where: MetaDocument): Evidence {
  const value = `${key}: ${clip(formatDirectives(directives), 500)}`;
  const base = { kind: 'meta-robots', scope: 'page', source, value } as const;
  // `robot`, `X-Robots-Tag` name every crawler as `robots` does (x-robots-tag.ts EVERY_CRAWLER_NAMES).
  const addressee = EVERY_CRAWLER_NAMES.has(key) ? null : key;
  const binds = (a: string | null) => bindsHeed(a !== null && EVERY_CRAWLER_NAMES.has(a) ? null : a, profile);
  // Words after a crawler's name inside the content are that crawler's (see `addressed`).
  const own = directives.filter((d) => !addressed(d));
  const words = [
    ...(binds(addressee) ? optOutWords(own, profile) : []),
    ...directives.filter((d) => addressed(d) && binds(d.name)).flatMap((d) => optOutWords(parseMetaRobots(d.value!), profile)),
  ].filter((w, i, all) => all.indexOf(w) === i);
  // The page's notes read as ever; a frame's name the frame and its URL, which its source
  // alone would leave the reader to guess from (document-kind.ts).
  const meta = where === 'frame' ? `The frame's <meta name="${key}"> (${source})` : `The page's <meta name="${key}">`;
  if (!binds(addressee) && words.length === 0) {
    return { ...base, effect: 'info', note: `${meta} addresses ${key} only; recorded, not applied.` };
  }
  if (words.length === 0) {
    return { ...base, effect: 'info', note: `${meta} has no opt-out word for this purpose.` };
  }
  return {
    ...base,
    effect: 'deny',
    reason: 'meta-robots',
    note: `${meta} says ${explainWords(words)}: the owner opts out for the images ${where === 'frame' ? 'in this frame' : 'on this page'}.`,
  };
}

function unreadable(source: string, note: string): Evidence {
  return { kind: 'meta-robots', scope: 'page', source, value: 'unreadable', effect: 'deny', reason: 'signal-unreadable', note };
}
