import { describe, expect, it } from 'vitest';
import { MAX_EMBEDDED, svgEmbeddedImages } from '../../../utils/media/svg-embedded';
import { purposeProfile } from '../../../utils/model/purposes';
import { evaluateSvgEmbeddedRights } from '../../../utils/signals/svg-embedded-rights';
import { app11Segments, ascii, cborAssertion, jpeg, manifestStore, png, xmpApp1, xmpPacket } from '../media/image-fixtures';

const AI = purposeProfile('ai-training');
const VOCAB = 'http://ns.useplus.org/ldf/vocab/';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const svgAround = (inner: string) => ascii(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="800" height="600">${inner}</svg>`);
const imageOf = (href: string, attr = 'href') => `<image width="800" height="600" ${attr}="${href}"/>`;

/** A JPEG whose own XMP prohibits AI training. */
const PROHIBITED = jpeg({ width: 800, height: 600, segments: [xmpApp1(xmpPacket('', `plus:DataMining="${VOCAB}DMI-PROHIBITED-AIMLTRAINING"`))] });
const NOT_ALLOWED = jpeg({ segments: app11Segments(manifestStore([cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use: 'notAllowed' } } })])) });
const NC = jpeg({ segments: [xmpApp1(xmpPacket('', 'xmpRights:WebStatement="https://creativecommons.org/licenses/by-nc/4.0/"'))] });

const denies = (evidence: { effect: string; reason?: string }[]) => evidence.filter((e) => e.effect === 'deny').map((e) => e.reason);

describe('images an SVG carries inside it', () => {
  it('finds base64 images however the data: URL is written (whitespace, references, percent-escapes, no padding, xlink:href, CSS url())', () => {
    const bytes = png({ width: 9, height: 9 });
    const wrapped = b64(bytes).replace(/(.{10})/g, '$1&#10; \n');
    const svg = svgAround(
      imageOf(`data:image/png;base64,${b64(bytes)}`) +
        imageOf(`data:image/png;base64,${wrapped}`, 'xlink:href') +
        imageOf(`data:image/png;base64,${encodeURIComponent(b64(bytes)).replace(/=/g, '%3D')}`) +
        imageOf(`data:image/png;base64,${b64(bytes).replace(/=+$/, '')}`) +
        `<rect style="fill: url('data:IMAGE/PNG;BASE64,${b64(bytes)}')"/>`,
    );
    const found = svgEmbeddedImages(svg);
    expect(found.unread).toBeNull();
    expect(found.images).toHaveLength(5);
    for (const image of found.images) expect([...image]).toEqual([...bytes]);
  });

  it('reads an SVG inside an SVG, written percent-encoded, and the image inside that', () => {
    const inner = new TextDecoder().decode(svgAround(imageOf(`data:image/jpeg;base64,${b64(PROHIBITED)}`)));
    const found = svgEmbeddedImages(svgAround(imageOf(`data:image/svg+xml,${encodeURIComponent(inner)}`)));
    expect(found.unread).toBeNull();
    expect(found.images).toHaveLength(2);
    expect([...found.images[1]!]).toEqual([...PROHIBITED]);
  });

  it('past the images it reads, or with a payload that is not base64, says what it did not read', () => {
    const many = svgAround(Array.from({ length: MAX_EMBEDDED + 1 }, () => imageOf(`data:image/png;base64,${b64(png())}`)).join(''));
    expect(svgEmbeddedImages(many).unread).toMatch(/more than 16/);
    expect(svgEmbeddedImages(svgAround(imageOf('data:image/jpeg;base64,@@@not base64@@@'))).unread).toMatch(/not valid base64/);
    expect(svgEmbeddedImages(svgAround('<rect/>'))).toEqual({ images: [], unread: null });
    // Parameters longer than the reader reads, or no comma: an image it would not see is unread.
    expect(svgEmbeddedImages(svgAround(imageOf(`data:image/jpeg;name=${'x'.repeat(300)};base64,${b64(PROHIBITED)}`))).unread).toMatch(/1 embedded image written/);
    expect(svgEmbeddedImages(svgAround(imageOf('data:image/png;base64'))).unread).toMatch(/1 embedded image written/);
  });
});

describe('evaluateSvgEmbeddedRights: an SVG wrapping a photo is that photo', () => {
  it('a photo whose XMP prohibits AI training refuses the SVG around it', async () => {
    const out = await evaluateSvgEmbeddedRights(svgAround(imageOf(`data:image/jpeg;base64,${b64(PROHIBITED)}`)), AI);
    expect(denies(out.evidence)).toEqual(['xmp-data-mining']);
    expect(out.evidence.find((e) => e.effect === 'deny')?.note).toMatch(/^An image embedded in the SVG \(1 of 1\)/);
  });

  it('a photo whose C2PA says notAllowed refuses the SVG around it', async () => {
    const out = await evaluateSvgEmbeddedRights(svgAround(imageOf(`data:image/jpeg;base64,${b64(NOT_ALLOWED)}`)), AI);
    expect(denies(out.evidence)).toEqual(['c2pa-not-allowed']);
  });

  it("a licence the photo's metadata states is the SVG's own", async () => {
    const out = await evaluateSvgEmbeddedRights(svgAround(imageOf(`data:image/jpeg;base64,${b64(NC)}`)), AI);
    expect(out.licences.map((l) => l.id)).toEqual(['CC-BY-NC-4.0']);
  });

  it('embedded images it cannot read fail closed; a plain embedded image says nothing', async () => {
    expect(denies((await evaluateSvgEmbeddedRights(svgAround(imageOf('data:image/jpeg;base64,@@@')), AI)).evidence)).toEqual(['signal-unreadable']);
    expect(await evaluateSvgEmbeddedRights(svgAround(imageOf(`data:image/png;base64,${b64(png())}`)), AI)).toEqual({ evidence: [], licences: [] });
  });
});

describe('an SVG wrapping a photo whose rights text names a licence', () => {
  it('the licence the photo’s usage terms name is named for the SVG too (it can only refuse)', async () => {
    const photo = jpeg({ segments: [xmpApp1(xmpPacket('<xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">Licensed under https://creativecommons.org/licenses/by-nc/4.0/</rdf:li></rdf:Alt></xmpRights:UsageTerms>'))] });
    const r = await evaluateSvgEmbeddedRights(svgAround(imageOf(`data:image/jpeg;base64,${b64(photo)}`)), AI);
    expect(r.named?.map((l) => l.id)).toEqual(['CC-BY-NC-4.0']);
  });
});
