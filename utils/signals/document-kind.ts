import type { Scope } from '../model/evidence';

/**
 * Which document a signal read from a response or its HTML belongs to: the top page, a frame
 * that shows the image (a page of its own, DESIGN.md §2 rule 3), a redirect on the way to the
 * image (a 3xx answer, judged before it is followed), or the image response. The evaluators
 * word their notes by it, so the user reads which document refused ("The frame's X-Robots-Tag
 * (https://…) says …", "The redirect's …"), not "the page's" for a frame's or "the image's"
 * for a redirect's.
 *
 * Decision: a frame's evidence keeps scope `page`. DESIGN.md §2 fixes the evidence fields as
 * `{kind, scope: site|page|image, source, …}` (and the manifest JSON schema, schema/*.schema.json,
 * follows it), so there is no `frame` scope to give; the frame is named in the note, and its
 * URL is the evidence's `source`.
 */
export type DocumentKind = 'page' | 'frame' | 'redirect' | 'image';

/** The documents a note names with their URL (the page and the image are named as ever). */
export function namedByUrl(where: Scope | DocumentKind): where is 'frame' | 'redirect' {
  return where === 'frame' || where === 'redirect';
}

/** The evidence scope of a signal read from this document (a frame is a page: see above; a redirect answered the image's request, so its scope is the image's). */
export function scopeOf<S extends Scope>(where: S | 'frame' | 'redirect'): S | 'page' | 'image' {
  return where === 'frame' ? 'page' : where === 'redirect' ? 'image' : where;
}
