import { describe, expect, it } from 'vitest';
import { Collector, type Find } from '../../../utils/scan/collector';
import { emptyStats, resolveOptions } from '../../../utils/scan/options';
import { LAZY_ATTRIBUTES, lazyKindOf } from '../../../utils/scan/lazy-attributes';

const make = (over = {}) => {
  const stats = emptyStats();
  return { c: new Collector(resolveOptions(over), stats), stats };
};
const find = (url: string, over: Partial<Find> = {}): Find => ({ url, discovery: ['img'], el: null, ...over });

describe('Collector', () => {
  it('skips icons and pixels only when both rendered and natural sizes are known and small', () => {
    const { c, stats } = make();
    expect(c.add(find('https://a/pixel.gif', { natural: { w: 1, h: 1 }, rendered: { w: 1, h: 1 } }))).toBe(false);
    expect(c.add(find('https://a/hidden-pixel.gif', { natural: { w: 1, h: 1 }, rendered: { w: 0, h: 0 } }))).toBe(false);
    expect(c.add(find('https://a/icon.png', { natural: { w: 32, h: 32 }, rendered: { w: 32, h: 32 } }))).toBe(false);
    expect(c.add(find('https://a/thumb.jpg', { natural: { w: 1200, h: 800 }, rendered: { w: 40, h: 40 } }))).toBe(true);
    expect(c.add(find('https://a/upscaled.png', { natural: { w: 30, h: 30 }, rendered: { w: 300, h: 300 } }))).toBe(true);
    expect(c.add(find('https://a/not-loaded.jpg', { natural: { w: 0, h: 0 }, rendered: { w: 0, h: 0 } }))).toBe(true);
    expect(c.add(find('https://a/no-layout.png', { natural: { w: 10, h: 10 }, rendered: null }))).toBe(true);
    expect(stats.skipped).toBe(3);
    // Skipped URLs stay known, so Resource Timing does not bring them back.
    expect(c.known.has('https://a/pixel.gif')).toBe(true);
  });
  it('honours a custom threshold', () => {
    const { c } = make({ minWidth: 10, minHeight: 10 });
    expect(c.add(find('https://a/icon.png', { natural: { w: 32, h: 32 }, rendered: { w: 32, h: 32 } }))).toBe(true);
  });
  it('merges duplicates: union of paths, best sizes, first thumbnail', () => {
    const { c } = make();
    const [el1, el2] = [{} as Element, {} as Element];
    c.add(find('https://a/x.jpg', { el: el1, natural: { w: 100, h: 100 }, rendered: { w: 100, h: 100 } }));
    c.add(find('https://a/x.jpg', { el: el2, discovery: ['css'], natural: { w: 800, h: 600 }, rendered: { w: 50, h: 50 }, thumbnailUrl: 'https://a/t.jpg' }));
    const e = c.entries.get('https://a/x.jpg')!;
    expect([...e.discovery]).toEqual(['img', 'css']);
    expect(e.natural).toEqual({ w: 800, h: 600 });
    expect(e.rendered).toEqual({ w: 100, h: 100 }); // the first element's box
    expect(e.els).toEqual([el1, el2]);
    expect(e.find.thumbnailUrl).toBe('https://a/t.jpg');
    expect(c.thumbnails.has('https://a/t.jpg')).toBe(true);
  });
  it('drops placeholders and URLs too long to carry; inline SVG is exempt from the data: rule', () => {
    const { c } = make();
    expect(c.add(find('data:image/gif;base64,R0lGOD=='))).toBe(false);
    expect(c.add(find('data:image/svg+xml,<svg/>', { inline: true }))).toBe(true);
    expect(c.add(find(`https://a/${'x'.repeat(9000)}`))).toBe(false);
  });
  it('stops at the candidate cap and says so', () => {
    const { c, stats } = make({ maxCandidates: 2 });
    c.add(find('https://a/1'));
    c.add(find('https://a/2'));
    c.add(find('https://a/2', { discovery: ['css'] })); // a merge still fits
    expect(c.add(find('https://a/3'))).toBe(false);
    expect(stats.limit).toBe('candidates');
  });
});

describe('lazy attributes', () => {
  it('are one list with unique names, each with its kind', () => {
    const names = LAZY_ATTRIBUTES.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(lazyKindOf('data-src')).toBe('url');
    expect(lazyKindOf('data-zoom-image')).toBe('original');
    expect(lazyKindOf('src')).toBeUndefined();
  });
});
