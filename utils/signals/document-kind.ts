import type { Scope } from '../model/evidence';

/**
 * Which document a signal read from a response or its HTML belongs to: the top page, a frame
 * that shows the image (a page of its own, DESIGN.md §2 rule 3), or the image response. The
 * evaluators word their notes by it, so the user reads which document refused ("The frame's
 * X-Robots-Tag (https://…) says …"), not "the page's" for a frame's.
 *
 * Decision: a frame's evidence keeps scope `page`. DESIGN.md §2 fixes the evidence fields as
 * `{kind, scope: site|page|image, source, …}` (and the manifest JSON schema, schema/*.schema.json,
 * follows it), so there is no `frame` scope to give; the frame is named in the note, and its
 * URL is the evidence's `source`.
 */
export type DocumentKind = 'page' | 'frame' | 'image';

/** The evidence scope of a signal read from this document (a frame is a page: see above). */
export function scopeOf<S extends Scope>(where: S | 'frame'): S | 'page' {
  return where === 'frame' ? 'page' : where;
}
