import { readAnimation } from '../media/animation';
import { extraPictures, type ExtraPicture } from '../media/extra-pictures';
import { readImageSize } from '../media/image-bytes';
import { icoImages } from '../media/image-containers';
import type { Evidence } from '../model/evidence';
import { MODEL_RELEASES_THAT_ALLOW, modelReleaseCode, type PeopleRecord, type PeopleSetting } from '../model/people';

/** One face box the detector found, in the original image's pixels. */
export interface FaceBox {
  width: number;
  height: number;
}

/** What the face detector made of one image: the faces it found, or why it could not look. */
export type FaceScan =
  | { status: 'examined'; detector: string; faces: readonly FaceBox[] }
  | { status: 'unchecked'; detector: string; why: string };

export interface PeoplePolicy {
  people: PeopleSetting;
  /** Shorter side of a face box (original px) from which a face counts as recognisable. */
  minFacePx: number;
}

export interface PeopleJudgement {
  /** At most one evidence item (kind `people`); none when the setting is `off`. */
  evidence: Evidence[];
  /** What the stored item records; null when the setting is `off` (DESIGN.md §3). */
  people: PeopleRecord | null;
}

/**
 * Why the detector cannot examine these bytes, or null when it can: it decodes one frame of a
 * raster image. An SVG is a program, not pixels; in an animation (GIF, APNG, animated WebP, an
 * AVIF/HEIF sequence) a face may be in any frame, so looking at the first would let a face in
 * a later one through; and a file whose frames cannot be told is treated like an animation
 * (fail closed, rule 6: an image that could not be checked is `people-unchecked`).
 */
export function whyNotExaminable(bytes: Uint8Array, mime: string, size = readImageSize(bytes, mime)): string | null {
  const why = whyNotDecodable(bytes, mime, size);
  if (why) return why;
  const extra = extraPictures(bytes, mime);
  return 'why' in extra ? extra.why : null;
}

/** whyNotExaminable but for the pictures the file holds besides the one shown (extraPictures, which picturesToExamine walks once). */
function whyNotDecodable(bytes: Uint8Array, mime: string, size: ReturnType<typeof readImageSize>): string | null {
  if (mime === 'image/svg+xml') return 'an SVG is a drawing program, not pixels Heed can decode in the worker';
  const animation = readAnimation(bytes, mime);
  if (animation.kind === 'animated') {
    const frames = animation.frames === null ? 'an image sequence' : `${animation.frames} frames`;
    return `an animated image (${frames}): Heed examines one frame, and a face may be in any of them`;
  }
  if (animation.kind === 'unknown') return `Heed could not tell whether the image has more than one frame (${animation.why})`;
  const icons = iconCount(bytes, mime);
  if (icons !== null && icons > 1) return `an icon file holding ${icons} images: the browser decodes one of them, and a face may be in another`;
  const pixels = mime === 'image/x-icon' ? iconPixels(bytes) : size ? size.width * size.height : 0;
  if (pixels === null) return 'Heed could not read the image inside the icon file';
  if (pixels > MAX_DECODED_PIXELS) {
    return `too large to decode for the people check (${Math.round(pixels / 1e6)} megapixels; Heed decodes at most ${MAX_DECODED_PIXELS / 1e6})`;
  }
  return null;
}

/** The most pictures one file may hold for the people check (itself, MPF pictures, thumbnails). */
export const MAX_PICTURES_PER_FILE = 16;

/**
 * Every picture in the file that the people check must examine — the one a browser shows
 * ("the image") first, then those a dataset keeping the file also gets (media/extra-pictures.ts:
 * MPF pictures, an EXIF thumbnail), and theirs — or why the file cannot be examined. Each picture
 * is held to `whyNotExaminable` like the first (a decompression bomb as a thumbnail is not
 * decoded either); past MAX_PICTURES_PER_FILE the file is not examinable (fail closed).
 */
export function picturesToExamine(bytes: Uint8Array, mime: string): { pictures: ExtraPicture[] } | { why: string } {
  const pictures: ExtraPicture[] = [];
  const queue: ExtraPicture[] = [{ bytes, mime, what: 'the image' }];
  for (let picture = queue.shift(); picture; picture = queue.shift()) {
    if (pictures.length === MAX_PICTURES_PER_FILE) return { why: `the file holds more than ${MAX_PICTURES_PER_FILE} pictures` };
    // whyNotExaminable, with the file's other pictures listed once (the walk that finds them may also say why not).
    const notDecodable = whyNotDecodable(picture.bytes, picture.mime, readImageSize(picture.bytes, picture.mime));
    const extra = notDecodable ? null : extraPictures(picture.bytes, picture.mime);
    const why = notDecodable ?? (extra && 'why' in extra ? extra.why : null);
    if (why) return { why: pictures.length === 0 ? why : `${picture.what}: ${why}` };
    pictures.push(picture);
    if (extra && 'pictures' in extra) queue.push(...extra.pictures.map((p) => ({ ...p, what: pictures.length === 1 ? p.what : `${p.what} in ${picture.what}` })));
  }
  return { pictures };
}

/**
 * How many images an ICO file holds (ICONDIR `idCount`, little-endian at byte 4), or null for
 * another type. Decision (rule 6, fail closed): the browser decodes only the best-sized entry, so
 * in an icon of several a face in another entry went unseen while the stored file kept it.
 */
function iconCount(bytes: Uint8Array, mime: string): number | null {
  if (mime !== 'image/x-icon' || bytes.length < 6) return null;
  return bytes[4]! | (bytes[5]! << 8);
}

/**
 * The most pixels an image in an ICO file declares — a PNG's IHDR, a bitmap's
 * BITMAPINFOHEADER (its height counts the AND mask too: halved) — or null when the images cannot
 * be walked. The browser decodes the image at its own size, not the directory's (at most 256), so
 * a PNG bomb inside an icon was decoded whole.
 */
function iconPixels(bytes: Uint8Array): number | null {
  const walk = icoImages(bytes);
  if (!walk.complete) return null;
  let most = 0;
  for (const image of walk.parts) {
    const inner = bytes.subarray(image.start, image.end);
    if (image.type === 'png') {
      const size = readImageSize(inner, 'image/png');
      if (!size) return null;
      most = Math.max(most, size.width * size.height);
    } else {
      if (inner.length < 12) return null;
      const view = new DataView(inner.buffer, inner.byteOffset, inner.byteLength);
      most = Math.max(most, Math.abs(view.getInt32(4, true)) * Math.ceil(Math.abs(view.getInt32(8, true)) / 2));
    }
  }
  return most;
}

/**
 * The most pixels the people check decodes (four bytes each: 256 MB). A few-KB PNG can declare
 * 30,000 × 30,000 pixels (a decompression bomb): decoded, it would take gigabytes of the
 * worker's memory and could end the worker mid-collect. Its size is read from its header first;
 * larger ones are `people-unchecked` (fail closed). A 60-megapixel camera photo still fits.
 */
export const MAX_DECODED_PIXELS = 64_000_000;

/**
 * Why a model release read from this file may not be the shown picture's, or null. Heed reads
 * plus:ModelReleaseStatus from every XMP packet in the file; in a file holding more than the
 * picture a browser shows (media/extra-pictures.ts: MPF pictures, a thumbnail, bytes after the
 * end), a release may describe another picture, or sit where no viewer looks. Decision (DESIGN.md
 * §2 rule 6, fail closed): such a release does not waive the people rule.
 */
export function whyReleaseMayNotCover(bytes: Uint8Array, mime: string): string | null {
  const extra = extraPictures(bytes, mime);
  if ('why' in extra) return extra.why;
  const n = extra.pictures.length;
  return n === 0 ? null : `the file holds ${n} picture${n === 1 ? '' : 's'} besides the one shown, and the release may be another picture's`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * DESIGN.md §2 rule 6. Under `refuse`, a face at least `minFacePx` on its box's shorter side
 * refuses the image (`person-no-release`) unless the image's own XMP says
 * plus:ModelReleaseStatus MR-UMR or MR-NAP; an image the detector could not examine is refused
 * `people-unchecked` (fail closed) — unless that same release allows, since a release covers
 * whoever is shown. MR-LMR (limited or incomplete releases), MR-NON, an unknown code and no
 * code at all do not allow: fail closed, a limited release does not say which uses it covers.
 * Under `flag` the same findings are recorded as `info` (kept and marked, never refused):
 * rule 6 keeps people photos under `flag`, and an unexamined one is marked as such.
 * `releaseDoubt` (whyReleaseMayNotCover) says why the file's release may not be the shown
 * picture's; then it is recorded but does not allow.
 */
export function judgePeople(scan: FaceScan, modelReleaseStatus: string | null, policy: PeoplePolicy, releaseDoubt: string | null): PeopleJudgement {
  if (policy.people === 'off') return { evidence: [], people: null };
  const modelRelease = modelReleaseStatus === null || modelReleaseStatus.trim() === '' ? null : modelReleaseCode(modelReleaseStatus);
  const allows = modelRelease !== null && (MODEL_RELEASES_THAT_ALLOW as readonly string[]).includes(modelRelease);
  // A release that may be another picture's (whyReleaseMayNotCover) is recorded, not applied.
  const released = allows && releaseDoubt === null;
  const releaseText = modelRelease === null ? 'no model release recorded' : allows && !released ? `plus:ModelReleaseStatus=${modelRelease} not applied (${releaseDoubt})` : `plus:ModelReleaseStatus=${modelRelease}`;
  const refuses = policy.people === 'refuse';
  const base = { kind: 'people' as const, scope: 'image' as const, source: scan.detector };

  if (scan.status === 'unchecked') {
    const people: PeopleRecord = { faces: null, largestFacePx: null, modelRelease, detector: scan.detector };
    const value = `not examined; ${releaseText}`;
    if (released) return { people, evidence: [{ ...base, value, effect: 'allow', note: `Not checked for faces (${scan.why}), but the image's own model release (${modelRelease}) covers anyone shown.` }] };
    const note = `Heed could not check this image for faces: ${scan.why}.`;
    if (!refuses) return { people, evidence: [{ ...base, value, effect: 'info', note: `${note} Kept and marked (people: flag).` }] };
    return { people, evidence: [{ ...base, value, effect: 'deny', reason: 'people-unchecked', note: `${note} An image that could not be checked is refused (fails closed).` }] };
  }

  const sides = scan.faces.map((f) => Math.round(Math.min(f.width, f.height)));
  // A side that is not a number (NaN, Infinity from a broken detector answer) may be any size: it
  // counts as recognisable (fail closed) and is left out of the largest recorded.
  const measured = sides.filter((s) => Number.isFinite(s));
  const largest = measured.length === 0 ? null : Math.max(...measured);
  const recognisable = sides.filter((s) => !Number.isFinite(s) || s >= policy.minFacePx).length;
  const people: PeopleRecord = { faces: sides.length, largestFacePx: largest, modelRelease, detector: scan.detector };
  const value = `${plural(sides.length, 'face')}${largest === null ? '' : `, largest ${largest} px`}; ${releaseText}`;
  if (recognisable === 0) {
    const note = sides.length === 0 ? 'No face found.' : `No face is ${policy.minFacePx} px or larger (too small to recognise someone).`;
    return { people, evidence: [{ ...base, value, effect: 'info', note }] };
  }
  const found = `${plural(recognisable, 'recognisable face')} (${policy.minFacePx} px or larger)`;
  if (released) return { people, evidence: [{ ...base, value, effect: 'allow', note: `${found}; the image's own model release (${modelRelease}) covers them.` }] };
  if (!refuses) return { people, evidence: [{ ...base, value, effect: 'info', note: `${found} and ${releaseText}. Kept and marked (people: flag).` }] };
  return { people, evidence: [{ ...base, value, effect: 'deny', reason: 'person-no-release', note: `${found} and ${releaseText}: a photographer's licence is not the consent of the people in the photo.` }] };
}
