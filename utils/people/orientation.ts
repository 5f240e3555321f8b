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

/** The turned views' longer side (px) and margin (px each side): cells of TURNED_SIDE + 2 × TURNED_PAD, two by two in one detector input. */
export const TURNED_SIDE = 256;
export const TURNED_PAD = 24;

/** One view in the turned-views canvas: the picture turned `rotation` clockwise (0: upright), its top left at (x, y). */
export interface TurnedView {
  rotation: Rotation;
  x: number;
  y: number;
  /** The turned picture's size in the canvas (px). */
  width: number;
  height: number;
}

/**
 * The picture turned 90°, 180° and 270°, each drawn with its longer side at most TURNED_SIDE
 * (never enlarged; `scale` original px per canvas px) on a mid-grey margin, in three cells of
 * one square canvas (`side` px; the fourth cell is grey, or with `upright` holds the picture
 * as it is, for a thumbnail whose context pass that is: contextFitsTurnedCell): one detector pass for all.
 *
 * Why (DESIGN.md §2 rule 6): the detector finds upright faces. A picture stored sideways or
 * upside down, with no EXIF orientation, is shown upright by a page's CSS and by any dataset that
 * turns it; examined only as stored, its faces went unseen (of the 10 labelled faces turned
 * 90/180/270°, 1/5/3 were found). Examining every turn at every tile would quadruple the check's
 * cost, so the three turns are examined whole and small, sharing one pass. Measured (Node WASM,
 * the labelled faces turned 90/180/270°, found by the picture's own passes or the turned views):
 * separate whole-picture views of 160 px found 2/6/4 of 10, of 240 px 6/9/7, of 320 px 8/9/8;
 * these cells of 256 + 2 × 24 px (filling the detector's 608 px input) 7/8/7, with no false
 * alarm on the 20 photos without anyone. Cost (scripts/bench-people.ts, same run): 1.97× the
 * detection time of a 300–608 px photo (one 608 px pass more), 3.3× for a 64 px thumbnail (a
 * 192 px pass beside its 64 and 96 px ones). Decision: a turned face too small to be seen at this
 * size (in a photo much larger than TURNED_SIDE) is not guaranteed found.
 */
export function turnedViews(width: number, height: number, { upright = false }: { upright?: boolean } = {}): { scale: number; side: number; pad: number; views: TurnedView[] } {
  const scale = Math.max(1, Math.max(width, height) / TURNED_SIDE);
  const w = Math.max(1, Math.round(width / scale));
  const h = Math.max(1, Math.round(height / scale));
  const longer = Math.max(w, h);
  // A small picture gets a margin a quarter of its side, as the context pass (detection-plan.ts).
  const pad = Math.min(TURNED_PAD, Math.max(1, Math.round(longer / 4)));
  const cell = longer + 2 * pad;
  const at = (rotation: Rotation, x: number, y: number): TurnedView => {
    const sideways = rotation === 90 || rotation === 270;
    return { rotation, x: x + pad, y: y + pad, width: sideways ? h : w, height: sideways ? w : h };
  };
  const turned = [at(90, 0, 0), at(180, cell, 0), at(270, 0, cell)];
  return { scale: width / w, side: 2 * cell, pad, views: upright ? [...turned, at(0, cell, cell)] : turned };
}

/**
 * Whether a picture's context pass (detection-plan.ts: the picture at its own size on a grey
 * margin) is the same drawing as the turned views' fourth cell holding it upright: a picture of
 * at most CONTEXT_SMALL px, whose context margin and cell margin are both a quarter of its side.
 * Then the worker draws it there (turnedViews `upright`) instead of in a pass of its own: one
 * pass fewer per thumbnail. Measured (Node WASM, the 10 labelled faces cropped as headshots grown
 * 15–100 % a side, 48–96 px, each at every turn: 280 pictures): upright, the picture's own pass
 * with the four-cell canvas found 183 where its own pass, its context pass and the three-cell
 * canvas found 179; turned 90/180/270°, 151/151/148 against 147/151/142.
 */
export function contextFitsTurnedCell(context: { scale: number; width: number; height: number; pad: number }, width: number, height: number): boolean {
  const cell = turnedViews(width, height);
  return context.scale === 1 && cell.scale === 1 && context.width === width && context.height === height && context.pad === cell.pad;
}

/**
 * Faces found in the turned-views canvas as boxes in the picture itself (original px): each is
 * the view's that holds its centre; one whose centre is in no view (the grey) is kept too, as the
 * nearest view's (fail closed: it still counts).
 */
export function facesFromTurnedViews(faces: readonly PlacedFace[], plan: ReturnType<typeof turnedViews>, width: number, height: number): PlacedFace[] {
  return faces.map((f) => {
    const cx = f.x + f.width / 2;
    const cy = f.y + f.height / 2;
    const distance = (v: TurnedView) => Math.max(0, v.x - cx, cx - (v.x + v.width)) + Math.max(0, v.y - cy, cy - (v.y + v.height));
    const view = plan.views.reduce((best, v) => (distance(v) < distance(best) ? v : best));
    const inTurned = { x: (f.x - view.x) * plan.scale, y: (f.y - view.y) * plan.scale, width: f.width * plan.scale, height: f.height * plan.scale };
    return unrotateFace(inTurned, view.rotation, width, height);
  });
}
