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
