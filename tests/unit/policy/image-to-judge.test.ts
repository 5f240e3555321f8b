import { describe, expect, it } from 'vitest';
import { belowMinSide, shownImageInstead } from '../../../utils/policy/image-to-judge';
import { ImageCandidateSchema } from '../../../utils/policy/verdict';

const linked = ImageCandidateSchema.parse({
  url: 'https://en.wikipedia.org/wiki/File:Kestrel.jpg',
  thumbnailUrl: 'https://upload.wikimedia.org/thumb/440px-Kestrel.jpg',
  discovery: ['link', 'img', 'srcset'],
  alt: 'Kestrel',
  renderedWidth: 220,
  renderedHeight: 160,
});

describe('shownImageInstead: a link that is not an image', () => {
  it('gives the image shown inside the link, with the link kept as where it points', () => {
    expect(shownImageInstead(linked)).toMatchObject({
      url: 'https://upload.wikimedia.org/thumb/440px-Kestrel.jpg',
      thumbnailUrl: null,
      linkUrl: 'https://en.wikipedia.org/wiki/File:Kestrel.jpg',
      discovery: ['img', 'srcset'],
      alt: 'Kestrel',
      renderedWidth: 220,
    });
  });
  it('has nothing to offer for a candidate that is not a linked original', () => {
    expect(shownImageInstead({ ...linked, discovery: ['link'], thumbnailUrl: null })).toBeNull(); // a text link
    expect(shownImageInstead({ ...linked, discovery: ['img', 'srcset'] })).toBeNull(); // a srcset's shown rendition
    expect(shownImageInstead({ ...linked, thumbnailUrl: linked.url })).toBeNull();
  });
  it('says the image was found as an <img> when the link was all the discovery said', () => {
    expect(shownImageInstead({ ...linked, discovery: ['link'] })?.discovery).toEqual(['img']);
  });
});

describe('belowMinSide: Min image side on the fetched bytes', () => {
  const shown = (w: number, h: number) => ({ renderedWidth: w, renderedHeight: h });
  it('skips an image smaller than the minimum both as stored and as shown', () => {
    expect(belowMinSide({ width: 40, height: 38 }, shown(20, 19), 50)).toBe(true);
    expect(belowMinSide({ width: 40, height: 54 }, shown(20, 27), 50)).toBe(true); // one side is enough
  });
  it('keeps one that is large either way (an upscaled picture, a downscaled photo)', () => {
    expect(belowMinSide({ width: 40, height: 40 }, shown(200, 200), 50)).toBe(false);
    expect(belowMinSide({ width: 176, height: 62 }, shown(88, 31), 50)).toBe(false);
    expect(belowMinSide({ width: 50, height: 50 }, shown(10, 10), 50)).toBe(false); // exactly the minimum is not smaller
  });
  it('never skips on a size it does not know, nor with the setting at 0', () => {
    expect(belowMinSide({ width: null, height: null }, shown(10, 10), 50)).toBe(false);
    expect(belowMinSide({ width: 10, height: 10 }, {}, 50)).toBe(false);
    expect(belowMinSide({ width: 10, height: 10 }, shown(0, 0), 50)).toBe(false);
    expect(belowMinSide({ width: 10, height: 10 }, shown(10, 10), 0)).toBe(false);
  });
});
