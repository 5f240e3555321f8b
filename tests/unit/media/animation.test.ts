import { describe, expect, it } from 'vitest';
import { readAnimation } from '../../../utils/media/animation';
import { ascii, box, concat, gif, isoBmff, jpeg, png, pngChunk, riffChunk, webp } from './image-fixtures';

const le16 = (n: number) => [n & 255, (n >> 8) & 255];
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** One GIF frame: a graphic control extension, an image descriptor and a 1×1 LZW image. */
const gifFrame = concat([0x21, 0xf9, 4, 0, 10, 0, 0, 0], [0x2c, 0, 0, 0, 0, ...le16(1), ...le16(1), 0], [2, 2, 0x44, 0x01, 0]);
/** The NETSCAPE2.0 looping extension animated GIFs carry. */
const loop = concat([0x21, 0xff, 11], ascii('NETSCAPE2.0'), [3, 1, 0, 0, 0]);

describe('readAnimation: whether an image has more than one frame', () => {
  it('a GIF with one frame is still; with several, animated with its frame count', () => {
    expect(readAnimation(gif(1, 1, gifFrame), 'image/gif')).toEqual({ kind: 'still' });
    expect(readAnimation(gif(1, 1, concat(loop, gifFrame, gifFrame, gifFrame)), 'image/gif')).toEqual({ kind: 'animated', frames: 3 });
  });

  it('a GIF with a global colour table and comment blocks is walked through them', () => {
    const withTable = concat(ascii('GIF89a'), le16(1), le16(1), [0x80, 0, 0], [0, 0, 0, 255, 255, 255], [0x21, 0xfe, 3, 0x61, 0x62, 0x63, 0], gifFrame, gifFrame, [0x3b]);
    expect(readAnimation(withTable, 'image/gif')).toEqual({ kind: 'animated', frames: 2 });
  });

  it('a GIF cut after its second frame began is animated; one cut before any frame is unknown', () => {
    const two = gif(1, 1, concat(gifFrame, gifFrame));
    expect(readAnimation(two.subarray(0, two.length - 4), 'image/gif')).toMatchObject({ kind: 'animated' });
    expect(readAnimation(gif(1, 1).subarray(0, 12), 'image/gif')).toMatchObject({ kind: 'unknown' });
    expect(readAnimation(concat(ascii('GIF89a'), le16(1), le16(1), [0, 0, 0], [0x99]), 'image/gif')).toMatchObject({ kind: 'unknown' });
  });

  it('an APNG (acTL before IDAT) is animated with its declared frames; a plain PNG is still', () => {
    expect(readAnimation(png(), 'image/png')).toEqual({ kind: 'still' });
    expect(readAnimation(png({ chunks: [pngChunk('acTL', Uint8Array.from([...be32(4), ...be32(0)]))] }), 'image/png')).toEqual({ kind: 'animated', frames: 4 });
    expect(readAnimation(png({ chunks: [pngChunk('acTL', Uint8Array.from([...be32(1), ...be32(0)]))] }), 'image/png')).toEqual({ kind: 'still' });
  });

  it('an animated WebP (VP8X animation flag, ANMF frames) is animated; an extended still one is still', () => {
    const animated = (frames: number) => {
      const w = webp({ chunks: [riffChunk('ANIM', new Uint8Array(6)), ...Array.from({ length: frames }, () => riffChunk('ANMF', new Uint8Array(16)))] });
      w[20] = 0x02; // VP8X flags: animation
      return w;
    };
    expect(readAnimation(animated(3), 'image/webp')).toEqual({ kind: 'animated', frames: 3 });
    expect(readAnimation(webp(), 'image/webp')).toEqual({ kind: 'still' });
  });

  it('an AVIF or HEIF image sequence (brand avis, msf1, hevs) is animated, frames not counted', () => {
    expect(readAnimation(isoBmff('avis', undefined, ['avif', 'msf1']), 'image/avif')).toEqual({ kind: 'animated', frames: null });
    expect(readAnimation(isoBmff('avif', undefined, ['mif1']), 'image/avif')).toEqual({ kind: 'still' });
    expect(readAnimation(isoBmff('heic', undefined, ['mif1', 'hevs']), 'image/heic')).toEqual({ kind: 'animated', frames: null });
  });

  // APNG §11.3.6: when no fcTL precedes IDAT, the default image is not part of the animation —
  // an APNG-aware browser shows the fdAT frame, other decoders the IDAT image: two pictures in a
  // file that declares one frame. Before, acTL's count of 1 made it "still" and one went unseen.
  it('an APNG whose default image is not a frame holds one picture more than it declares', () => {
    const ihdr = png().subarray(8, 8 + 25);
    const fcTL = pngChunk('fcTL', new Uint8Array(26));
    const fdAT = pngChunk('fdAT', new Uint8Array(8));
    const file = (...chunks: Uint8Array[]) => concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ihdr, ...chunks, pngChunk('IEND', new Uint8Array()));
    const actl = (n: number) => pngChunk('acTL', Uint8Array.from([...be32(n), ...be32(0)]));
    const idat = pngChunk('IDAT', new Uint8Array());
    expect(readAnimation(file(actl(1), idat, fcTL, fdAT), 'image/png')).toEqual({ kind: 'animated', frames: 2 });
    expect(readAnimation(file(actl(1), fcTL, idat), 'image/png')).toEqual({ kind: 'still' });
    // Frames the chunks hold beyond what acTL declares count too; so do chunks after IDAT without acTL.
    expect(readAnimation(file(actl(1), fcTL, idat, fcTL, fdAT, fcTL, fdAT), 'image/png')).toEqual({ kind: 'animated', frames: 3 });
    expect(readAnimation(file(idat, fcTL, fdAT), 'image/png')).toEqual({ kind: 'animated', frames: 2 });
  });

  // A WebP whose VP8X animation flag is clear but which carries ANMF frames (or a second image
  // chunk) holds several pictures; before, the clear flag made it "still".
  it('a WebP carrying several frames or images is animated whatever its VP8X flag says', () => {
    const frames = webp({ chunks: [riffChunk('ANIM', new Uint8Array(6)), riffChunk('ANMF', new Uint8Array(16)), riffChunk('ANMF', new Uint8Array(16))] });
    expect(readAnimation(frames, 'image/webp')).toEqual({ kind: 'animated', frames: 2 });
    const twoImages = webp({ chunks: [riffChunk('VP8 ', new Uint8Array(10)), riffChunk('ANMF', new Uint8Array(16))] });
    expect(readAnimation(twoImages, 'image/webp')).toEqual({ kind: 'animated', frames: 2 });
    expect(readAnimation(webp({ chunks: [riffChunk('VP8 ', new Uint8Array(10))] }), 'image/webp')).toEqual({ kind: 'still' });
  });

  // A `moov` box holds tracks (an image sequence) whatever the brands say; a dataset keeping the
  // file gets every frame, and a decoder that reads tracks shows them.
  it('an AVIF/HEIF with a moov box (tracks) is an image sequence even without a sequence brand', () => {
    expect(readAnimation(concat(isoBmff('avif', undefined, ['mif1']), box('moov', new Uint8Array(8))), 'image/avif')).toEqual({ kind: 'animated', frames: null });
  });

  it('formats that cannot animate are still; bytes that are not the type they claim are unknown', () => {
    expect(readAnimation(jpeg(), 'image/jpeg')).toEqual({ kind: 'still' });
    expect(readAnimation(jpeg(), 'image/gif')).toMatchObject({ kind: 'unknown' });
    expect(readAnimation(new Uint8Array(0), 'image/png')).toMatchObject({ kind: 'unknown' });
  });

  it('never throws on any bytes', () => {
    const base = gif(1, 1, concat(loop, gifFrame, gifFrame));
    for (let cut = 0; cut <= base.length; cut++) expect(() => readAnimation(base.subarray(0, cut), 'image/gif')).not.toThrow();
  });
});
