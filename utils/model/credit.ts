/**
 * Who made an image, what it is called and where it comes from: the T, A and S of the TASL
 * credit a CC licence asks for (title, author, source, licence), and the credit line itself
 * (DESIGN.md §3: "Title" by Creator is licensed under CC BY-SA 4.0, with the licence URL).
 */
import { licenceLabel, parseLicenceUrl } from './licence-url';
import { clipText } from './clip-text';

/** Title, creator and source of one image, each null when nothing states it. Untrusted text. */
export interface Credit {
  title: string | null;
  creator: string | null;
  /** The work's page: the licensor's attributionURL, else the page the image was found on. */
  sourceUrl: string | null;
}

export const NO_CREDIT: Credit = { title: null, creator: null, sourceUrl: null };

/** Longest title or creator name kept (page text is untrusted: capped, stored as text). */
export const MAX_CREDIT_TEXT = 300;
const MAX_URL = 2048;

/** Page-supplied text as one capped line; null when empty or not a string. */
export function creditText(value: unknown, max = MAX_CREDIT_TEXT): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- control characters and bidi overrides in page text
  const flat = value.slice(0, max * 8).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length === 0) return null;
  return clipText(flat, max);
}

/** An absolute http(s) URL (as WHATWG serialises it) of at most `max` characters, or null. */
export function creditUrl(value: unknown, base?: string, max = MAX_URL): string | null {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) return null;
  try {
    const url = new URL(value.trim(), base);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.href.length <= max ? url.href : null;
  } catch {
    return null;
  }
}

/** Each field from the first credit that states it (credits given most specific first). */
export function mergeCredits(credits: readonly Credit[]): Credit {
  const pick = <K extends keyof Credit>(k: K): Credit[K] => credits.find((c) => c[k] !== null)?.[k] ?? null;
  return { title: pick('title'), creator: pick('creator'), sourceUrl: pick('sourceUrl') };
}

// A licence statement written into a caption or alt text ("…Photo: Ana Ruiz, CC BY-SA 4.0",
// "(CC0)", "licensed under Creative Commons Attribution 4.0", "Public domain"): the credit line
// names the licence itself, so a title keeps none of it. Bounded pieces, no nested quantifiers.
const LICENCE_STATEMENT =
  /\s*(?:[,;:/|–—-]\s*)?[([]?\s*(?:(?:is\s+)?(?:licen[cs]ed|released|available)\s+under\s+(?:an?\s+|the\s+)?|licen[cs]e:\s*)?(?:(?:cc|creative\s+commons)[\s-]?(?:0|zero|by(?:[\s-](?:nc|nd|sa)){0,2}|attribution(?:[\s-](?:non-?commercial|no-?derivatives|no-?derivs|share-?alike)){0,2}|public\s+domain\s+mark)(?:[\s-]\d\.\d)?(?:\s+(?:international|unported|generic))?(?:\s+licen[cs]e)?|public\s+domain(?:\s+mark)?(?:\s+1\.0)?|https?:\/\/(?:www\.)?creativecommons\.org\/\S{0,200})\s*[)\]]?\.?/gi;

/** Caption or alt text as a title: any licence statement in it removed; null when nothing is left. */
export function titleFromText(text: unknown): string | null {
  const flat = creditText(text, MAX_CREDIT_TEXT * 2);
  if (flat === null) return null;
  const stripped = flat.replace(LICENCE_STATEMENT, ' ').replace(/\s+/g, ' ').replace(/^[\s,;:/|–—-]+|[\s,;:/|–—-]+$/g, '').trim();
  return creditText(stripped);
}

export interface CreditLineInput extends Credit {
  licenceId: string | null;
  licenceUrl: string;
}

/**
 * The TASL credit line (DESIGN.md §3, CC's "Recommended practices for attribution"):
 * `"Title" by Creator (https://source) is licensed under CC BY-SA 4.0 (https://licence)`;
 * public-domain tools read "is marked with". A creator nothing stated is said to be unstated,
 * never guessed: `"Title", creator not stated (https://source), is licensed under …`. Without a
 * title the line opens "This image" (the exports put the item's file name there).
 */
export function taslLine(input: CreditLineInput): string {
  const title = creditText(input.title);
  const creator = creditText(input.creator);
  const source = creditUrl(input.sourceUrl);
  const parsed = parseLicenceUrl(typeof input.licenceUrl === 'string' ? input.licenceUrl : '');
  const recognised = parsed && parsed.family !== 'other' ? parsed : null;
  const id = typeof input.licenceId === 'string' && input.licenceId ? input.licenceId : null;
  const label = recognised?.name ?? (id ? licenceLabel(id) : null);
  const url = recognised?.url ?? creditUrl(input.licenceUrl);
  const publicDomain = recognised ? recognised.family === 'cc0' || recognised.family === 'pdm' : id !== null && /^(?:CC0|CC-PDM|CC-PDDC)/i.test(id);

  const work = title ? `"${title}"` : 'This image';
  const where = source ? ` (${source})` : '';
  const subject = creator ? `${work} by ${creator}${where}` : `${work}, creator not stated${where},`;
  const verb = publicDomain ? 'is marked with' : 'is licensed under';
  if (label) return `${subject} ${verb} ${label}${url ? ` (${url})` : ''}`;
  return url ? `${subject} ${verb} the terms at ${url}` : `${subject} has no known licence`;
}
