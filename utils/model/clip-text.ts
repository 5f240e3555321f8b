/**
 * `text` cut to at most `max` UTF-16 code units, ending in "…" when cut. The cut never falls
 * between the two halves of a surrogate pair (an emoji, a CJK extension character): half of one
 * is a lone surrogate, which stored text would then keep and no UTF-8 file can hold.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const last = text.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}
