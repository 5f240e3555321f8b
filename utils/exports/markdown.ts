import { clipText } from '../model/clip-text';

/**
 * Markdown for untrusted text (titles, alt text, captions, attribution strings from pages).
 *
 * CommonMark §2.4: "Any ASCII punctuation character may be backslash-escaped", and an escaped
 * character is literal text. Every character that can start inline markup is escaped: `\<` never
 * opens an HTML tag, `\&` never starts an entity, `\[ \] \( \) \!` never make a link or image,
 * `` \` `` no code span, `\* \_ \~` no emphasis, `\|` never splits a GFM table cell, `\$` no
 * GitHub math, `\:` and `\@` no GFM autolink (an untrusted URL stays unclickable), `\#` no
 * heading. Line breaks are folded (a credit stays one line; no block can start), a leading
 * `-`, `+` or `1.` is escaped (no nested list when the text opens a list item), and bidi
 * controls are dropped (no visual spoofing). Other punctuation is left readable.
 */

const MAX_TEXT = 500;
// eslint-disable-next-line no-control-regex -- control characters in page text are replaced
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const INLINE_MARKUP = /[\\`*_{}[\]()<>&!|~#:@$]/g;

/** Untrusted text → Markdown that renders as exactly that text, on one line. */
export function escapeMarkdown(text: unknown, max = MAX_TEXT): string {
  if (typeof text !== 'string') return '';
  let flat = text.replace(BIDI, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  flat = clipText(flat, max);
  return flat
    .replace(INLINE_MARKUP, '\\$&')
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    // Every `www.`, not only at a word start: GFM links `www.` after `_` even when escaped
    // (cmark checks the raw byte before it, and `\_` ends in `_`), and marked links it after
    // any text; an escaped dot never matches `www.`.
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

/**
 * An http(s) URL as a CommonMark autolink `<…>` (§6.5: no spaces, `<` or `>` inside, which the
 * WHATWG serialisation guarantees); anything else is shown as escaped text. `|` is written as
 * `%7C` (the same URL) because GFM splits table rows on `|` before it sees the autolink.
 */
export function markdownUrl(url: unknown): string {
  if (typeof url !== 'string') return '';
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && /^[^\s<>]+$/.test(parsed.href)) return `<${parsed.href.replace(/\|/g, '%7C')}>`;
  } catch {
    // not a URL: fall through to text
  }
  return escapeMarkdown(url, 2048);
}
