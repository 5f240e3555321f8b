import type { PlacedFace } from './detection-plan';

/** A clockwise turn of the decoded picture, in degrees. */
export type Rotation = 0 | 90 | 180 | 270;

/**
 * The turns of the decoded picture (EXIF orientation applied) the detector examines. The
 * detector finds upright faces; the worker decodes a picture the way its EXIF orientation turns
 * it, but a page can show it as stored (CSS `image-orientation: none`) and a dataset that ignores
 * EXIF gets it as stored — so a face upright as stored, in a file whose EXIF says "turn it",
 * was examined sideways and went unseen. Decision (DESIGN.md §2 rule 6, fail closed): a picture
 * whose orientation turns it is also examined as stored: the turn back, mirroring aside (a
 * mirrored face is still upright). EXIF 2.32 §4.6.4 orientation: 3/4 turn 180°; 6/7 are shown
 * turned 90° clockwise (stored = shown turned 270°), 5/8 turned 270° (stored = shown turned 90°).
 * An orientation no one defines is examined at every turn.
 */
export function rotationsToExamine(orientation: number): Rotation[] {
  switch (orientation) {
    case 1:
    case 2:
      return [0];
    case 3:
    case 4:
      return [0, 180];
    case 5:
    case 8:
      return [0, 90];
    case 6:
    case 7:
      return [0, 270];
    default:
      return [0, 90, 180, 270];
  }
}

/** A face found in a width × height picture turned `rotation` clockwise, as a box in the picture itself. */
export function unrotateFace(f: PlacedFace, rotation: Rotation, width: number, height: number): PlacedFace {
  switch (rotation) {
    case 0:
      return f;
    case 90:
      return { x: f.y, y: height - (f.x + f.width), width: f.height, height: f.width };
    case 180:
      return { x: width - (f.x + f.width), y: height - (f.y + f.height), width: f.width, height: f.height };
    case 270:
      return { x: width - (f.y + f.height), y: f.x, width: f.height, height: f.width };
  }
}

/** A transformative property of an AVIF/HEIF item (media/heif-items.ts HeifTransform). */
export type ItemTransform = { kind: 'irot'; quarters: number } | { kind: 'imir'; axis: number };

const ALL_TURNS: Rotation[] = [0, 90, 180, 270];

/**
 * The turns of the decoded picture to examine for an AVIF/HEIF file whose shown items carry
 * `irot`/`imir` (ISO/IEC 23008-12 §6.5.10, §6.5.12), as rotationsToExamine does for EXIF: a
 * dataset or decoder that ignores them gets the picture as stored, and a face upright there was
 * examined turned (a false permit). The detector is indifferent to a left–right mirror; a
 * top–bottom one turns a face upside down. Decisions (fail closed) where it can be read two ways:
 * `imir`'s axis is read both ways (editions and decoders have disagreed on which flip is which),
 * and whether the browser's decode applied the transforms or not, both are covered (the turn
 * back to as stored, and its opposite). More than one `irot` or `imir` on an item, or an
 * unreadable item list (`null`), is examined at every turn.
 */
export function rotationsForItemTransforms(lists: readonly (readonly ItemTransform[])[] | null): Rotation[] {
  if (lists === null) return ALL_TURNS;
  const turns = new Set<number>([0]);
  for (const list of lists) {
    if (list.filter((t) => t.kind === 'irot').length > 1 || list.filter((t) => t.kind === 'imir').length > 1) return ALL_TURNS;
    // The angles (anticlockwise) a face upright as stored may have once the item's transforms are applied.
    let angles = [0];
    for (const t of list) angles = t.kind === 'irot' ? angles.map((a) => a + 90 * (t.quarters & 3)) : angles.flatMap((a) => [-a, 180 - a]);
    // A face at `a` anticlockwise is upright after a clockwise turn of `a`; its opposite covers a decode that did not apply them.
    for (const a of angles) for (const turn of [a, -a]) turns.add(((turn % 360) + 360) % 360);
  }
  return ALL_TURNS.filter((r) => turns.has(r));
}
