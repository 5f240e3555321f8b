/**
 * What the always-on content script reads from every page: raw material only (meta pairs,
 * rel=license links, JSON-LD and inline RSL texts), with no parsing and no dependencies, so the script that
 * runs on every page stays a few KB. The background parses it (utils/page/page-signals.ts).
 */
export interface RawPageSignals {
  url: string;
  title: string;
  metas: RawMeta[];
  /** `rel="license"` links outside any `<figure>` (a figure's licence is its image's), absolute; '' for one whose href is not an http(s) URL of at most RAW_LIMITS.url; `type` as written (any case). */
  licenceLinks: { url: string; type: string }[];
  /** Texts of `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** Some JSON-LD was left out (over the caps). */
  jsonLdTruncated: boolean;
  /** Some rel="license" links were left out (over the cap): those read may not be all the page says. */
  licenceLinksTruncated?: boolean;
  /** Texts of inline RSL licences, `<script type="application/rsl+xml">` (SIGNALS.md §5.2). */
  rsl: string[];
  /** MediaWiki's own markers are present: the page licence is the wiki text's (DESIGN.md §2 rule 4). */
  mediaWiki: boolean;
  /** The page types a work as DCMI Text (no image type): its rel="license" links read as the text's. */
  dcmiText: boolean;
}

import { dcmiTextMarked, isMediaWiki } from '../signals/html-licence/text-only';
import { jsonLdInTemplates, licenceContainer, mainArticle, mediaType, templateContents } from '../signals/html-licence/dom';
import { isMediaType, isNoWorkShown, typeNames } from '../signals/html-licence/work-types';
import { metaTagsInNoscript, type MetaAttr } from '../signals/noscript-metas';
import { foldLookalikes } from '../signals/lookalikes';

/**
 * The opt-out words (DESIGN.md §2 rule 3), however written (`no-ai`, `NoImageAI`, `noai!`), as
 * the background finds them (x-robots-tag.ts optOutWords), and `unavailable_after` with what
 * follows it up to a comma (`unavailable_after: 2001-01-01`; a date cut there, `Friday`, reads as
 * one that cannot be read, which refuses): only to keep them when a content is cut, and to put
 * the meta first.
 */
const OPT_OUT_WORDS = new RegExp(
  [
    String.raw`\bno[\W_]*(?:image[\W_]*)?(?:ai|index)\b|\bnone\b|\bunavailable_after\b[^,]{0,64}`,
    // Made-up refusals (`noml`, `notrain`, `no-ai-training`) and a use with a no (`ai-training=no`,
    // `AI: no`), which the background reads as opt-outs (x-robots-tag.ts madeUpRefusal, negatedUse):
    // a superset of them, bounded, so that a long content keeps them too.
    String.raw`\b(?:no|not|dont|donot|disallow|deny|block)[\W_]{0,3}(?:(?:image|img|photo|content|data|media|art|use|usage|for|in|of|gen|ai|ml)[\W_]{0,3}){0,4}(?:ai|ml|machine[\W_]?learning|train\w{0,4}|genai|generative|llms?|datasets?|tdm|(?:data)?mining|scrap\w{0,3})\b`,
    String.raw`\b(?:[a-z]{1,12}[\W_]){0,2}(?:ai|ml|train\w{0,4}|genai|tdm)[\W_]{0,3}[:=][\W_]{0,3}(?:no|n|false|0|off|disallow(?:ed)?|deny|denied|never)\b`,
  ].join('|'),
  'gi',
);

/**
 * Names under which a meta may refuse with words no opt-out word pattern finds (`<meta
 * name="AI" content="no">`): robots in any spelling (`robot`, `X-Robots-Tag`), TDMRep's,
 * Content-Usage / Content-Signal, and every agent in words (`AI`, `all-ai`, `all`, `everyone`;
 * robots/parse.ts namesEveryAgent decides in the background). Sent before the other metas.
 */
const MAY_REFUSE_NAME = /^\s*(?:(?:x[-_ ]?)?robots?|tdm|content[-_ ]?(?:usage|signal))|^\s*(?:(?:all|any|every)[-_ ]?)?(?:ais?|all|any|every(?:one|body)?)\s*$/i;

/**
 * A meta's content as sent: whole up to the cap; past it, only the opt-out words found anywhere
 * in its first MiB (as far as the background reads a meta), each once. The rest decides nothing
 * (only those words refuse), and kept after a date it would be read as the date's continuation.
 * Words sent alone lose any crawler they were addressed to (`GPTBot: noai` sends `noai`): an
 * over-long content then refuses for every crawler, the reading that cannot keep a refusal.
 */
function keptContent(content: string): { content: string; refuses: boolean } {
  // Found as the background finds them (lookalikes.ts): `ＮＯＡＩ` and `no<soft hyphen>ai` are `noai`.
  const words = foldLookalikes(content.slice(0, 1 << 20)).match(OPT_OUT_WORDS) ?? [];
  const kept = content.length > RAW_LIMITS.content && words.length > 0 ? [...new Set(words.map((w) => w.trim().toLowerCase()))].join(', ') : content;
  return { content: kept.slice(0, RAW_LIMITS.content), refuses: words.length > 0 };
}

/**
 * Caps on what a page can make the content script send. A meta's `name` may list crawlers
 * (`GPTBot, CCBot, …`): it is sent cut at `name`, and a cut list speaks for every crawler in
 * the background, as on Collect (MAX_NAME_READ in signals/meta-robots.ts, kept equal by a test).
 */
export const RAW_LIMITS = { metas: 1000, name: 10_000, content: 4096, links: 100, url: 2048, jsonLdScripts: 50, jsonLdChars: 1_000_000, title: 2000, rslScripts: 3, rslChars: 512 * 1024 } as const;

/**
 * Inline RSL licences: at most 3 (as many as robots.txt `License:` documents are read) and one
 * more, which tells that there were more (assess.ts fails it closed); each whole or, past 512 KiB,
 * cut (a cut document fails to parse, and an unreadable licence fails closed).
 */
export function readInlineRsl(doc: Document, scripts: Iterable<Element> = doc.querySelectorAll('script[type]')): string[] {
  const out: string[] = [];
  for (const el of scripts) {
    if (out.length > RAW_LIMITS.rslScripts) break;
    if (mediaType(el) === 'application/rsl+xml') out.push((el.textContent ?? '').slice(0, RAW_LIMITS.rslChars + 1));
  }
  return out;
}

/** One `<meta>` as the page scripts send it: the name it is read under, and its content (kept as keptContent keeps it). */
export interface RawMeta {
  name: string;
  content: string;
}

/**
 * The name of the meta that says some metas that may refuse were left out (past RAW_LIMITS.metas):
 * the background reads it as robots metas it could not read, and fails them closed
 * (NOSCRIPT_UNREAD in signals/noscript-metas.ts, written out: no shared constant in this script).
 */
const METAS_UNREAD = 'robots (unread)';

/**
 * A document's metas as the background reads them (signals/meta-robots.ts robotsMetasFrom,
 * signals/tdmrep.ts tdmMetaFrom): the raw material of every page script — the always-on one, the
 * popup's reader, Collect's scanner and the scroll watcher — so the badge and Collect read the
 * same metas the same way, and no page script carries the worker's lists of crawler tokens.
 * The page's metas, then those written inside <noscript> (read as text: signals/noscript-metas.ts),
 * then `served`: those of the page's HTML as its server sent it (page/served-metas.ts).
 */
export function readRawMetas(doc: Document, served: readonly MetaAttr[] = []): RawMeta[] {
  const metaTags: MetaAttr[] = [
    ...Array.from(doc.querySelectorAll('meta'), (el) => (a: string) => el.getAttribute(a)),
    ...metaTagsInNoscript(doc),
    ...metaTagsInTemplates(doc),
    // The metas of the HTML as served (served-metas.ts; Collect's scanner on the top page): one a
    // script removed or rewrote since is still the owner's (DESIGN.md §2 rule 3).
    ...served,
  ];
  // The metas that can refuse go first, so that 1000 other metas before `noai` cannot crowd it out
  // of the cap (the badge showed the site open while Collect refused, DESIGN.md §2): those whose
  // content holds an opt-out word, then `robots` and TDMRep's (whose `1` refuses), then the rest.
  // Which names bind Heed is the background's to decide (meta-robots.ts), so this script carries
  // no list of crawler tokens and stays a few KB. The order of metas carries no meaning, and a
  // meta written twice alike says nothing more: sent once.
  const refusing: RawMeta[] = [];
  const named: RawMeta[] = [];
  const others: RawMeta[] = [];
  const seen = new Set<string>();
  let refusingLeftOut = false;
  for (const attr of metaTags) {
    // `<meta http-equiv="X-Robots-Tag">` (the header written into the page, a slip Google
    // ignores) counts as the robots meta, and `http-equiv` or `property` TDMRep metas
    // (`tdm-reservation`, the EPUB spelling `tdm:reservation`) as TDMRep's: the owner's words are
    // plain (DESIGN.md §2 rule 3, fail closed). A `property` or `itemprop` meta goes under each of
    // its names (`<meta property="robots" content="noai">`, an Open Graph habit): which of them
    // bind Heed is the background's to decide (meta-robots.ts: robots, heed and the AI tokens,
    // or a content made only of robots directives, which is recorded for that name).
    // Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): a meta
    // speaks under every name it carries, `name`, `http-equiv`, `property` and `itemprop` alike.
    // Read under `name` alone when it was there, `<meta name="description" property="robots"
    // content="noai">`, an `http-equiv="X-Robots-Tag"` beside an empty `name`, and
    // `http-equiv="robots"` (the header's name written as the meta's) refused nothing.
    const equiv = (attr('http-equiv') ?? '').trim();
    // `http-equiv` Content-Usage and Content-Signal (the aipref and Cloudflare headers written as
    // a meta) go under their own names, which the background reads (meta-robots.ts).
    const names = new Set([attr('name'), /^(?:x-robots-tag|robots)$/i.test(equiv) ? 'robots' : /^(?:tdm|content[-_ ]?(?:usage|signal))/i.test(equiv) ? equiv : null, attr('property'), attr('itemprop')].map((v) => (v ?? '').trim()));
    const { content, refuses } = keptContent(attr('content') ?? '');
    for (const n of names) {
      if (!n) continue;
      const meta = { name: n.slice(0, RAW_LIMITS.name), content };
      const key = `${meta.name}\n${content}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const bucket = refuses ? refusing : MAY_REFUSE_NAME.test(n) ? named : others;
      if (bucket.length < RAW_LIMITS.metas) bucket.push(meta);
      else if (bucket !== others) refusingLeftOut = true;
    }
  }
  // More metas that may refuse than are sent (a page writing a thousand distinct `noindex` metas
  // before its `robots: noai`): the background is told some went unread, and fails them closed
  // (DESIGN.md §2 rule 5) rather than reading the page's metas from the first thousand.
  if (refusingLeftOut || refusing.length + named.length > RAW_LIMITS.metas) {
    return [...refusing, ...named].slice(0, RAW_LIMITS.metas - 1).concat({ name: METAS_UNREAD, content: '' });
  }
  return [...refusing, ...named, ...others].slice(0, RAW_LIMITS.metas);
}

/** How many `<template>`s holding a meta are read (dom.ts templateContents caps the templates). */
const MAX_TEMPLATES_WITH_METAS = 100;

/**
 * The `<meta>` tags written inside `<template>`s (nested ones too; dom.ts templateContents): inert
 * for the browser — no query of the document finds them — but in the page's HTML for any crawler
 * that reads it as written. Decision (DESIGN.md §2 rule 3: the owner wrote the opt-out; as the
 * metas inside <noscript> are read, signals/noscript-metas.ts): they are read as any other meta.
 * A template that cannot be read, more templates than are looked into, or more than
 * MAX_TEMPLATES_WITH_METAS holding a meta: one more meta says some went unread (METAS_UNREAD,
 * which refuses: rule 5). Before, neither reader saw them, and a page's
 * `<template><meta name="robots" content="noai"></template>` refused nothing.
 */
function metaTagsInTemplates(doc: Document): MetaAttr[] {
  const out: MetaAttr[] = [];
  const unread: MetaAttr = (name) => (name === 'name' ? METAS_UNREAD : null);
  let withMetas = 0;
  for (const content of templateContents(doc)) {
    if (content === 'unreadable') {
      out.push(unread);
      continue;
    }
    if (content === 'past-cap') {
      out.push(unread);
      break;
    }
    const metas = content.querySelectorAll('meta');
    if (metas.length > 0 && ++withMetas > MAX_TEMPLATES_WITH_METAS) {
      out.push(unread);
      break;
    }
    for (const el of metas) out.push((a: string) => el.getAttribute(a));
  }
  return out;
}

/** Whether an RDFa `about`/`resource` value names the page itself ("" or its URL, fragments aside). */
function namesPage(ref: string, pageUrl: string): boolean {
  if (ref.trim() === '') return true;
  try {
    return new URL(ref, pageUrl).href === pageUrl.replace(/#.*$/s, ''); // `#photo` names a part of it, not it
  } catch {
    return false;
  }
}

/**
 * Whether a `rel="license"` link's RDFa subject may be something other than the page, read as
 * the full reader reads it (html-licence/statements.ts rdfaSubject), failing closed: an `about`
 * on it or on the nearest ancestor that has one naming another resource (or a part of the page,
 * `#photo`), a `typeof` on it, or an ancestor that sets a new subject (`resource`, `href`, `src`
 * naming another resource; a `typeof` item) before any `about`. Decision (DESIGN.md §2 rule 4: a
 * page-level licence is the page's; the badge must never read a page as more open than Collect):
 * such a link is that resource's licence, and read as the page's the badge showed a site
 * `permitted` whose images the popup and Collect found unlicensed.
 */
function subjectMayNotBePage(el: Element, pageUrl: string): boolean {
  // A typed item speaks for the page as statements.ts isPageSubject reads it: not nested in
  // another statement, and not a media object (an ImageObject's licence is its image's) nor a
  // thing that shows no work (software, an organisation).
  const typedPageItem = (item: Element, nested: boolean): boolean => {
    const types = typeNames(item.getAttribute('typeof'));
    return !nested && !isMediaType(types) && !isNoWorkShown(types);
  };
  const own = el.getAttribute('about');
  if (own !== null) return !namesPage(own, pageUrl);
  if (el.hasAttribute('typeof')) return !typedPageItem(el, false);
  let x = el.parentElement;
  for (let i = 0; x && i < 256; i++, x = x.parentElement) {
    const about = x.getAttribute('about');
    if (about !== null) return !namesPage(about, pageUrl);
    const typed = x.hasAttribute('typeof');
    if (x.hasAttribute('property') && !x.hasAttribute('rel') && !x.hasAttribute('rev') && !typed) continue;
    const obj = x.getAttribute('resource') ?? x.getAttribute('href') ?? x.getAttribute('src');
    if (obj !== null) return !namesPage(obj, pageUrl);
    if (typed) return !typedPageItem(x, x.hasAttribute('property') || x.hasAttribute('rel') || x.hasAttribute('rev'));
  }
  return x !== null; // past the walk's cap: not known (fail closed)
}

/**
 * Whether the page holds, outside any figure, licence markup this script does not read: RDFa or
 * microdata licence predicates (`rel="cc:license"`, `rel="dcterms:license"`, `property="license"`,
 * `itemprop="license"`, `acquireLicensePage`), which the full reader reads (html-licence/vocab.ts)
 * and which may state another licence than the `rel="license"` links sent. Decision (DESIGN.md §2
 * "Site status": the badge must never read a page as more open than the popup and Collect): the
 * badge then reads a page licence it could not read, and never shows the site permitted on the
 * rest. Before, `rel="cc:license"` CC BY-NC beside `rel="license"` CC BY showed OK on the badge
 * while the popup read the conflict (`unknown`) and Collect refused every image.
 */
function unreadLicenceMarkup(doc: Document): boolean {
  for (const attr of ['rel', 'property', 'itemprop']) {
    for (const el of doc.querySelectorAll(`[${attr}*="license" i]`)) {
      // A figure's licence is its image's (as above); a plain rel="license" link is read above.
      const tokens = (el.getAttribute(attr) ?? '').toLowerCase().split(/\s+/).filter((t) => t.includes('license') && !(attr === 'rel' && t === 'license'));
      if (tokens.length > 0 && !el.closest('figure')) return true;
    }
  }
  return false;
}

/** Read the raw page signals of a document (pure: handed the document and its URL). */
export function readRawPageSignals(doc: Document, pageUrl: string): RawPageSignals {
  const metas = readRawMetas(doc);
  const licenceLinks: RawPageSignals['licenceLinks'] = [];
  // One query per tag: Chromium answers `tag[attr]` from a tag walk, but matches a selector
  // list element by element, several times slower on a large page. `~= i`: a rel token, any case.
  const linkEls = ['link', 'a', 'area']
    .flatMap((tag) => [...doc.querySelectorAll(`${tag}[rel~="license" i]`)])
    .sort((a, b) => (a.compareDocumentPosition(b) & 4 /* b follows a */ ? -1 : 1)); // document order
  let licenceLinksTruncated = false;
  // As Collect reads them (html-licence/page.ts): a licence inside an article, a quotation or a
  // comment is that part's, not the page's, except in the page's one article when nothing outside
  // it states one. An RSL link is read wherever it is, as there.
  const main = mainArticle(doc);
  // Each link, with the part of the page it sits in (null: the page's own), read once: a licence
  // link outside any figure (a figure's licence is its image's), and an RSL link wherever it is,
  // a figure too. Decision (DESIGN.md §2 rule 3: an RSL licence that does not permit the purpose
  // refuses; the badge must not read the page more narrowly than Collect): the full reader takes
  // an RSL link inside a figure as the page's (html-licence/page.ts); dropped here with the
  // figure's licence links, the badge showed a site open whose RSL licence blocks it on Collect.
  // In a figure, only a link the worker reads as RSL (received-signals.ts: statements.ts namesRsl,
  // the RSL media type) is kept: any other is the figure's licence, never the page's.
  const links = linkEls
    .filter((el) => !el.closest('figure') || (el.getAttribute('type') ?? '').toLowerCase().includes('application/rsl+xml'))
    .map((el) => ({ el, part: licenceContainer(el), rsl: /rsl/i.test(el.getAttribute('type') ?? '') }));
  const spoken = links.some((l) => !l.part && !l.rsl);
  for (const { el, part, rsl } of links) {
    if (part && !rsl && (part !== main || spoken)) continue;
    if (licenceLinks.length >= RAW_LIMITS.links) {
      licenceLinksTruncated = true;
      break;
    }
    // A link whose URL is not one (or too long) goes as '': an RSL licence declared but unread
    // fails closed in the background, as the full reader's `rslUnread` does.
    let url = '';
    try {
      url = new URL(el.getAttribute('href') ?? '', pageUrl).href;
    } catch {
      // not a URL
    }
    // A licence link whose RDFa subject may be another resource goes as '' (a page licence stated
    // but not read: the page licence then licenses no image), as below (subjectMayNotBePage).
    const readable = /^https?:/.test(url) && url.length <= RAW_LIMITS.url && (rsl || !subjectMayNotBePage(el, pageUrl));
    licenceLinks.push({ url: readable ? url : '', type: el.getAttribute('type') ?? '' });
  }
  // Licence markup this script does not read (unreadLicenceMarkup): a page licence stated but not
  // read, so the page licence licenses no image on the badge (the popup reads it in full).
  if (unreadLicenceMarkup(doc)) {
    if (licenceLinks.length < RAW_LIMITS.links) licenceLinks.push({ url: '', type: '' });
    else licenceLinksTruncated = true;
  }
  const jsonLd: string[] = [];
  let chars = 0;
  let jsonLdTruncated = false;
  // One query for the typed scripts, read for JSON-LD here and for inline RSL below.
  const scripts = doc.querySelectorAll('script[type]');
  for (const el of scripts) {
    if (mediaType(el) !== 'application/ld+json') continue;
    const text = el.textContent ?? '';
    if (jsonLd.length >= RAW_LIMITS.jsonLdScripts || chars + text.length > RAW_LIMITS.jsonLdChars) {
      jsonLdTruncated = true;
      break;
    }
    jsonLd.push(text);
    chars += text.length;
  }
  return {
    url: pageUrl,
    title: (doc.title ?? '').slice(0, RAW_LIMITS.title),
    metas,
    licenceLinks,
    jsonLd,
    // JSON-LD inside a <template> is not read: the page's markup is not read in full (dom.ts).
    jsonLdTruncated: jsonLdTruncated || jsonLdInTemplates(doc),
    licenceLinksTruncated,
    rsl: readInlineRsl(doc, scripts),
    mediaWiki: isMediaWiki(doc),
    dcmiText: licenceLinks.length > 0 && dcmiTextMarked(doc),
  };
}
