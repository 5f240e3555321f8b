/**
 * Untrusted names and URLs as the UI shows them. A bidi control (U+202E RIGHT-TO-LEFT OVERRIDE
 * turns "photo‮gpj.exe" into what reads as "photoexe.jpg") or an invisible character
 * (U+200B ZERO WIDTH SPACE makes two different names look the same) can make a refused item look
 * like another, so each is shown as its code point, "[U+202E]". Display only: stored evidence,
 * exports and links keep the text exactly as read.
 *
 * Left as they are: ZWJ and ZWNJ (U+200C, U+200D), which emoji sequences and scripts such as
 * Persian and Devanagari need to render correctly.
 */
const HIDDEN = /[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** `value` with each bidi control and invisible character shown as "[U+XXXX]"; '' when not a string. */
export function visibleText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(HIDDEN, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/**
 * The last path segment of an image URL, decoded and made visible (a blob: URL's path is a random
 * id, so it is named for what it is). A segment that is not valid percent-encoding is shown as
 * written (decodeURIComponent throws on it), not the whole URL.
 */
export function urlFileName(url: string): string {
  if (url.startsWith('blob:')) return 'image made by the page';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return visibleText(url.slice(0, 80));
  }
  const last = u.pathname.split('/').filter(Boolean).pop();
  if (!last) return visibleText(u.host);
  try {
    return visibleText(decodeURIComponent(last)) || u.host;
  } catch {
    return visibleText(last);
  }
}
