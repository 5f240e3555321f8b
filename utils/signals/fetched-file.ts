import { clipText } from '../model/clip-text';
/**
 * Shared input/output shapes for the signal modules in `utils/signals/`.
 * Every module has the same shape: `parse…(text): ParseResult<T>` (never throws) and
 * `evaluate…(…, profile): Evidence[]` (never throws).
 */

/** The outcome of fetching a site-wide signal file (tdmrep.json, ai.txt, an RSL document). */
export type FetchedFile =
  | { url: string; outcome: 'ok'; body: string }
  /** 404 or 410: the file does not exist. */
  | { url: string; outcome: 'absent' }
  /** 429, 5xx, other 4xx, network failure, redirect loop, too large…: `detail` says which
   * (DESIGN.md §2 rule 3: unreadable, so it fails closed). */
  | { url: string; outcome: 'error'; detail: string };

/** Bad input comes back as a value, never as an exception. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Run `fn`; if it throws anyway (a bug), return `fallback(message)` instead. */
export function neverThrow<T>(fn: () => T, fallback: (message: string) => T): T {
  try {
    return fn();
  } catch (e) {
    return fallback(e instanceof Error ? e.message : String(e));
  }
}

/** Whether `v` is a well-formed FetchedFile (inputs cross a message boundary; trust nothing). */
export function isFetchedFile(v: unknown): v is FetchedFile {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  if (typeof f.url !== 'string') return false;
  if (f.outcome === 'ok') return typeof f.body === 'string';
  if (f.outcome === 'error') return typeof f.detail === 'string';
  return f.outcome === 'absent';
}

/** Shorten a string for display in evidence values (hostile inputs can be huge). */
export function clip(s: string, max = 200): string {
  return clipText(s, max);
}

/**
 * A parser that remembers its last few answers, by the text it was given. The site-wide files
 * (tdmrep.json, ai.txt, RSL licences; up to 512 KiB each) are evaluated for the page and then
 * for every image of a collect: without this, each image would parse them again (a 500 KB RSL
 * document takes ~200 ms). Results must be treated as read-only: they are shared.
 */
export function rememberingParser<T>(parse: (text: string) => T, keep = 16): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (seen.has(text)) return seen.get(text)!;
    const result = parse(text);
    if (seen.size >= keep) seen.delete(seen.keys().next().value!);
    seen.set(text, result);
    return result;
  };
}

/** `s` without the quote characters (`"`, `'`) at its ends; linear (a regex anchored at the end is not). */
export function stripQuotes(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && (s[i] === '"' || s[i] === "'")) i++;
  while (j > i && (s[j - 1] === '"' || s[j - 1] === "'")) j--;
  return s.slice(i, j);
}
