/**
 * Worst-case inputs for every parser Heed runs on untrusted text or bytes, as generators of a
 * given size. Shared by the linearity test (tests/unit/conventions/linear-time.test.ts) and the
 * bench (scripts/bench-parsers.ts), which runs each at its parser's cap.
 *
 * Each input is the shape that made a parser super-linear before it was fixed (or the shape
 * most likely to: long runs of the characters its scanner treats specially, never closed).
 */
import { parseAiTxt } from '../../../utils/signals/ai-txt';
import { MAX_ROBOTS_BYTES, parseRobotsTxt } from '../../../utils/signals/robots-txt';
import { parseLinkHeader } from '../../../utils/signals/link-header';
import { parseXmpPacket } from '../../../utils/signals/xml/xmp-rdf';
import { evaluateSizes, parseSrcset } from '../../../utils/scan/srcset';
import { imageUrlsOfCssValue } from '../../../utils/scan/css-value';
import { rightmostKey } from '../../../utils/scan/css-index';
import { MAX_PATTERN_LENGTH, matchesPathPattern } from '../../../utils/signals/robots/pattern';
import { readAnimation } from '../../../utils/media/animation';
import { repairSlips } from '../../../utils/signals/html-licence/json-ld';
import { svgEmbeddedImages } from '../../../utils/media/svg-embedded';
import { rootNamespaces } from '../../../utils/media/embedded-xmp';
import { plainLanguageRefusal } from '../../../utils/signals/plain-refusal';
import { MAX_SERVED_HTML_CHARS, metaTagsInServedHtml } from '../../../utils/page/served-metas';

/** Bytes from a string of code units 0–255 (latin1), for the byte parsers' cases. */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

export interface HostileCase {
  name: string;
  /** The parser's input cap, in the unit `make` takes. */
  cap: number;
  /** A size at which the fixed parser takes measurable time and the unfixed one is clearly super-linear. */
  n: number;
  make: (size: number) => string;
  run: (input: string) => unknown;
}

const repeatTo = (unit: string, size: number): string => unit.repeat(Math.max(1, Math.floor(size / unit.length)));

/** An XMP packet whose root declares `k` prefixes and whose `k` children each declare one more. */
export function xmpNamespaceFlood(chars: number): string {
  const k = Math.max(1, Math.floor(chars / 40));
  const decls: string[] = [];
  const kids: string[] = [];
  for (let i = 0; i < k; i++) {
    decls.push(` xmlns:p${i}="u:${i}"`);
    kids.push(`<a xmlns:q${i}="v"/>`);
  }
  return `<x:xmpmeta xmlns:x="adobe:ns:meta/"${decls.join('')}>${kids.join('')}</x:xmpmeta>`;
}

/** One robots.txt group of User-agent lines, each listing 30 names, every name distinct. */
export function robotsAgentFlood(chars: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < chars - 20; i += 30) {
    const line = `User-agent: ${Array.from({ length: 30 }, (_, k) => `n${(i + k).toString(36)}`).join(' ')}`;
    lines.push(line);
    length += line.length + 1;
  }
  return `${lines.join('\n')}\nDisallow: /\n`;
}

/** Thousands of crawlers named in two groups, the first with thousands of rules. */
export function robotsSharedGroups(chars: number): string {
  const agents = robotsAgentFlood(chars / 4).replace(/Disallow: \/\n$/, '');
  const rules = Array.from({ length: Math.floor(chars / 2 / 14) }, (_, i) => `Disallow: /${i.toString(36)}`).join('\n');
  return `${agents}${rules}\n\n${agents}Disallow: /\n`;
}

const sizesView = { innerWidth: 1000, matchMedia: () => ({ matches: false }) };

export const HOSTILE_CASES: HostileCase[] = [
  {
    // The repair of malformed JSON-LD: commas that each wait for a closing bracket, and raw
    // control characters to escape inside one long string.
    name: 'JSON-LD repair: comma runs and control characters',
    cap: 1_000_000,
    n: 40_000,
    make: (size) => `[${repeatTo(',', size / 2)}"${repeatTo('\n\u0001', size / 2)}`,
    run: repairSlips,
  },
  {
    // Each prefix bound on the root was copied into every child's namespace map.
    name: 'XMP: namespace declarations on every element',
    cap: 8 * 1024 * 1024,
    n: 40_000,
    make: xmpNamespaceFlood,
    run: parseXmpPacket,
  },
  {
    // /#.*$/ backtracked from every `#` of a line ended by U+2028.
    name: 'ai.txt: `#` runs ended by U+2028',
    cap: 512 * 1024,
    n: 8_000,
    make: (size) => `User-agent: *\nDisallow: /a${repeatTo('#', size)}\u2028`,
    run: parseAiTxt,
  },
  {
    // Each name of a User-Agent line was checked against the group's names so far (`includes`).
    name: 'ai.txt: one User-Agent line naming thousands of crawlers',
    cap: 512 * 1024,
    n: 40_000,
    make: (size) => {
      const names: string[] = [];
      for (let i = 0, length = 0; length < size - 30; i++) {
        names.push(`n${i.toString(36)}`);
        length += names[names.length - 1]!.length + 1;
      }
      return `User-agent: ${names.join(',')}\nDisallow: /\n`;
    },
    run: parseAiTxt,
  },
  {
    // /^(.*?)\s*(\d*\.?\d+…)$/ tried every split of every digit run: cubic.
    name: 'sizes: a run of digits',
    cap: 4000,
    n: 480,
    make: (size) => repeatTo('1', size),
    run: (s) => evaluateSizes(s, sizesView),
  },
  {
    // split(/,(?![^(]*\))/) looked ahead to the `)` from every comma.
    name: 'sizes: commas inside parentheses',
    cap: 4000,
    n: 480,
    make: (size) => `(${repeatTo(',', size - 2)})`,
    run: (s) => evaluateSizes(s, sizesView),
  },
  {
    // Every name of a User-agent line is read (a crawler named late in a list still counts):
    // an `includes` check of each name against the group's names so far was quadratic.
    name: 'robots.txt: one group of User-agent lines naming thousands of crawlers',
    cap: MAX_ROBOTS_BYTES,
    n: 60_000,
    make: robotsAgentFlood,
    run: parseRobotsTxt,
  },
  {
    // Each crawler's groups were merged up front: names × rules when thousands of names share
    // groups holding thousands of rules. They are merged when a crawler is asked for.
    name: 'robots.txt: thousands of crawlers named in two groups with thousands of rules',
    cap: MAX_ROBOTS_BYTES,
    n: 40_000,
    make: robotsSharedGroups,
    run: parseRobotsTxt,
  },
  {
    // /^(\d*\.?\d+(?:e…)?)([wxh])$/ tried every split of a digit run.
    name: 'srcset: a descriptor of digits',
    cap: 20_000,
    n: 2_400,
    make: (size) => `a.jpg 1${repeatTo('1', size)}q`,
    run: parseSrcset,
  },
  {
    // /,+$/ on a URL with a long inner run of commas.
    name: 'srcset: a URL with a run of commas',
    cap: 20_000,
    n: 2_400,
    make: (size) => `a${repeatTo(',', size)}b,`,
    run: parseSrcset,
  },
  {
    // /<([^>]*)>([^<]*)/g scanned to the end from every `<` with no `>`.
    name: 'Link header: `<` without `>`',
    cap: 16_384,
    n: 2_000,
    make: (size) => repeatTo('<', size),
    run: (s) => parseLinkHeader([s], 'https://example.test/'),
  },
  {
    // url\(\s*(…|[^)]*?)\s*\) tried every split of a whitespace run, from every url(: cubic.
    name: 'CSS value: url( and whitespace, never closed',
    cap: 100_000,
    n: 400,
    make: (size) => `url(${repeatTo(' ', size)}`,
    run: imageUrlsOfCssValue,
  },
  {
    // /\[[^\]]*\]/g scanned to the end from every `[` with no `]`. Selectors have no cap of
    // their own; measured up to the CSS value cap.
    name: 'CSS selector: `[` never closed',
    cap: 100_000,
    n: 2_000,
    make: (size) => repeatTo('[', size),
    run: rightmostKey,
  },
  {
    // RFC 9309 wildcards (ai.txt, TDMRep, RSL patterns): many `*`, each piece found once.
    name: 'path pattern: `*` between every character',
    cap: MAX_PATTERN_LENGTH,
    n: 500,
    make: (size) => `/${repeatTo('a*', size - 2)}b`,
    run: (p) => matchesPathPattern(p, `/${'a'.repeat(2 * p.length)}`),
  },
  {
    // The people check's frame count: one-byte sub-blocks of frames, never terminated.
    name: 'GIF: frames of one-byte sub-blocks, no trailer',
    cap: 25 * 1024 * 1024, // the default Max image size (settings maxImageBytes)
    n: 20_000,
    make: (size) => `GIF89a\x01\x00\x01\x00\x00\x00\x00${repeatTo('\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02' + '\x01a'.repeat(8) + '\x00', size - 13)}`,
    run: (s) => readAnimation(latin1(s), 'image/gif'),
  },
  {
    // The SVG reader's data: URLs: `data:image/` again and again with no comma (the subtype and
    // parameters must not be re-scanned from every start).
    name: 'SVG: data:image/ runs never given a payload',
    cap: 25 * 1024 * 1024,
    n: 20_000,
    make: (size) => repeatTo('data:image/aaaa;bbbb', size),
    run: (s) => svgEmbeddedImages(latin1(s)),
  },
  {
    // A payload of `&` never ended by `;` (each must look at most a reference's length ahead).
    name: 'SVG: a data: payload of `&` without `;`',
    cap: 25 * 1024 * 1024,
    n: 20_000,
    make: (size) => `<image href="data:image/png;base64,${repeatTo('&#1', size - 40)}"/>`,
    run: (s) => svgEmbeddedImages(latin1(s)),
  },
  {
    // The prolog an SVG's root element is found past (its namespaces are a bare rdf:RDF's): a run
    // of doctype-like `<!x>` each must not send the search for `[` to the end of the text.
    name: 'SVG root namespaces: a prolog of `<!x>` without a subset',
    cap: 64 * 1024,
    n: 4_000,
    make: (size) => repeatTo('<!x>', size),
    run: (s) => rootNamespaces(latin1(s)),
  },
  {
    // An XMP rights text (up to the packet cap) of near-miss refusals: every start of a use or a
    // refusing word that never completes (`no gen-ai/ml model`, `reserves all rights to use this`).
    name: 'plain-language refusal: near-miss phrases, never completed',
    cap: 8 * 1024 * 1024,
    n: 20_000,
    make: (size) => repeatTo('no gen-ai/ml model reserves all rights to use this work for not to be used in ', size),
    run: (s) => plainLanguageRefusal(s),
  },
  {
    // The same in the other languages read: a Japanese list of refused things that never reaches
    // its refusing word, a Chinese refusal with its object but no use, a § 44b reservation whose
    // sentence never names mining, French, Spanish, Italian and Dutch forms cut before the use.
    name: 'plain-language refusal in other languages: near-miss phrases, never completed',
    cap: 8 * 1024 * 1024,
    n: 20_000,
    make: (size) => repeatTo(['AI学習、無断転載、あ、い、う、Nutzung', '【禁止事項】あ、い、', '禁止将本作品用于', 'AI 학습 및 무단 및', 'Nutzungsvorbehalt gemäß § 44b Abs. 3 UrhG für Text- und Data-',
      "se réserve le droit d'opposition à la fouille de textes et de", 'Prohibido su uso para el entrenamiento de', "Vietato l'uso per l'addestramento dell'", 'geen gebruik voor', "Il est interdit d'utiliser cette image pour", 'Se prohíbe el uso de esta imagen para', '禁止任何形式的', 'Text- und Data-Mining gemäß § 44b UrhG', ''].join('. '), size),
    run: (s) => plainLanguageRefusal(s),
  },
  {
    // The same in Polish, Russian, Ukrainian, Czech, Swedish, Danish, Norwegian, Finnish and Turkish: a
    // refusal naming its object but cut before the use, a reservation (Zastrzegamy sobie prawo …,
    // vyhrazuje si …) whose sentence never names mining, a Turkish use never followed by its
    // refusing word. The Cyrillic in it makes the text read twice (LATIN_LOOKALIKES).
    name: 'plain-language refusal in Polish, Russian, Ukrainian, Czech, Nordic languages, Finnish and Turkish: near-miss phrases, never completed',
    cap: 8 * 1024 * 1024,
    n: 20_000,
    make: (size) => repeatTo(['Zakaz wykorzystywania tego zdjęcia do', 'Zastrzegamy sobie prawo do eksploracji tekstów i', 'Wszelkie prawa zastrzeżone, w tym do', 'Nie wolno wykorzystywać tego zdjęcia w celu',
      'Запрещено использовать это изображение для', 'Не для использования для', 'Все права защищены, включая право на', 'Заборонено використовувати це зображення для', 'Zákaz použití tohoto obrázku pro',
      'Autor si vyhrazuje právo na vytěžování textů a', 'Får inte användas för att', 'Förbjudet att använda denna bild för', 'Må ikke bruges til at', 'Skal ikke brukes til å', 'Yapay zeka modellerinin eğitiminde kullanılması', 'Metin ve veri',
      'Ei saa käyttää tätä kuvaa tekoälyn', 'Kaikki oikeudet pidätetään, myös tekstin- ja', ''].join('. '), size),
    run: (s) => plainLanguageRefusal(s),
  },
  {
    // A page's HTML as served, read for its metas on Collect (served-metas.ts): thousands of
    // comments and no <script> or <style>, so each search for the next of those finds none.
    name: 'served HTML: thousands of comments, no script or style',
    cap: MAX_SERVED_HTML_CHARS,
    n: 40_000,
    make: (size) => repeatTo('<!--c-->', size),
    run: (s) => metaTagsInServedHtml(s),
  },
];

/** The cases whose input at `growth` × n would pass their parser's cap (and so be cut, hiding growth). */
export function checkInputs(growth = 8): string[] {
  return HOSTILE_CASES.filter((c) => c.make(growth * c.n).length > c.cap).map((c) => c.name);
}
