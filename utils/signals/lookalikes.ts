/**
 * Text as its reader sees it: compatibility forms folded (NFKC: `ＮＯＡＩ` is `NOAI`) and
 * characters that show nothing dropped (a soft hyphen, zero-width spaces and joiners, bidi marks,
 * a BOM, variation selectors). An owner who wrote `no<soft hyphen>ai` or pasted a zero-width space
 * before `Disallow` wrote what the screen shows. Used wherever a signal's words are matched: robots
 * directives (x-robots-tag.ts), robots.txt field names (robots/tokenize.ts), and the page scripts'
 * opt-out words (page/raw-page-signals.ts). No imports: the always-on page script uses it.
 */

/** Characters that show nothing. */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

/** `text` with compatibility forms folded and invisible characters dropped. */
export function foldLookalikes(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}
