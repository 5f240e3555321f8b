/**
 * Response headers as Heed got them. DESIGN.md §2 rule 3: "A header sent on several lines is
 * read line by line; where the platform may have joined lines (`fetch` joins them with ", "),
 * any comma may have been a line break". So a header is either its lines read apart
 * (`string[]`: webRequest gives each line separately) or one value the platform may have
 * joined (`string`: `fetch`'s Headers), and the readers take the lines and that flag.
 */
export type HeaderValue = string | readonly string[];
/** Lower-cased response header name → its lines (read apart) or its joined value. */
export type HeaderMap = Record<string, HeaderValue>;

/** The lines of one header, and whether the platform may have joined them. */
export interface HeaderLines {
  lines: string[];
  joined: boolean;
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** The lines of header `name` (lower-cased) in `headers`; none when absent or junk. */
export function headerLines(headers: HeaderMap | null | undefined, name: string): HeaderLines {
  if (!headers || typeof headers !== 'object' || !own(headers, name)) return { lines: [], joined: false };
  const v: unknown = headers[name];
  if (typeof v === 'string') return { lines: [v], joined: true };
  if (Array.isArray(v)) return { lines: v.filter((l): l is string => typeof l === 'string'), joined: false };
  return { lines: [], joined: false };
}

/**
 * One header as webRequest lists it: `value` when it is valid UTF-8, otherwise `binaryValue`, its
 * bytes (Chromium: a list of numbers 0–255; the typings say an ArrayBuffer).
 */
export interface WebRequestHeader {
  name: string;
  value?: string;
  binaryValue?: ArrayBuffer | ArrayLike<number>;
}

/**
 * A header's value as text. A line that is not UTF-8 (`X-Robots-Tag: noai, ©` saved in Latin-1)
 * comes as `binaryValue` only, and read as `''` its opt-out was lost: its bytes are read as
 * Latin-1, one character each, as `fetch`'s Headers show the same line (RFC 9110 §5.5: field
 * values are octets; the words every reader looks for are ASCII). Never throws.
 */
function headerValueOf(h: WebRequestHeader): string {
  if (typeof h.value === 'string') return h.value;
  const raw = h.binaryValue;
  if (raw === undefined || raw === null) return '';
  try {
    const bytes = raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
    // Read whole (the browser bounds a response's headers): a value cut here would read as whole,
    // and the readers' own caps would not see that it was cut.
    const n = typeof bytes.length === 'number' ? bytes.length : 0;
    let text = '';
    for (let i = 0; i < n; i++) text += String.fromCharCode(Number(bytes[i]) & 0xff);
    return text;
  } catch {
    return '';
  }
}

/**
 * Header lines as a list of `{name, value}` gives them (webRequest), kept apart per name.
 * Chromium lists each line apart. Firefox's webRequest lists a header sent on several lines
 * once, its lines joined (with ", ", or "\n" for some): there (`mayJoinLines`) each header is one
 * value read as possibly joined — DESIGN.md §2 rule 3, any comma may have been a line break —
 * so a line addressed to one crawler never narrows the next line's refusal.
 */
export function headerLinesFromList(list: readonly WebRequestHeader[], { mayJoinLines = false } = {}): HeaderMap {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  // An entry that is not a header (no string name) is skipped: thrown on, it lost every other line
  // of the response, a refusal among them. A list that is not a list reads as no headers.
  for (const h of Array.isArray(list) ? list : []) {
    if (typeof h !== 'object' || h === null || typeof h.name !== 'string') continue;
    const name = h.name.toLowerCase();
    (out[name] ??= []).push(headerValueOf(h));
  }
  if (!mayJoinLines) return { ...out };
  const joined: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of Object.keys(out)) joined[name] = out[name]!.flatMap((v) => v.split('\n')).join(', ');
  return { ...joined };
}

/**
 * Two responses' headers read together, as one: every line of each, a line both have once. A
 * header either side may have had joined (a `string`) is one joined value, read fail-closed
 * (any comma may have been a line break), so no line of the other narrows its refusal.
 */
export function headersOfBoth(a: HeaderMap, b: HeaderMap): HeaderMap {
  const out: Record<string, HeaderValue> = Object.create(null) as Record<string, HeaderValue>;
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const one = headerLines(a, name);
    const other = headerLines(b, name);
    const lines = [...new Set([...one.lines, ...other.lines])];
    out[name] = one.joined || other.joined ? lines.join(', ') : lines;
  }
  return { ...out };
}
