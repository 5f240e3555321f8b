import { describe, expect, it } from 'vitest';
import { ANSWER_FOR_ANOTHER_IMAGE, readScanAnswer, UNREADABLE_ANSWER } from '@/utils/policy/people-answer';

/**
 * Whether a message on a people worker's port is the answer about the image asked about
 * (utils/policy/people-answer.ts; DESIGN.md §2 rule 6, fail closed): only a readable answer that
 * echoes the request's id is; anything else leaves the image unchecked, never "no faces".
 */
describe('readScanAnswer: a people worker’s answer, read for the request asked', () => {
  const noFaces = { status: 'examined', detector: 'tiny-face-detector', faces: [] };

  it('unchanged: the answer echoing the request’s id is that image’s, faces or none', () => {
    expect(readScanAnswer({ id: 7, scan: noFaces }, 7)).toEqual({ scan: noFaces });
    const faces = { status: 'examined', detector: 'd', faces: [{ width: 40, height: 52 }] };
    expect(readScanAnswer({ id: 7, scan: faces }, 7)).toEqual({ scan: faces });
    const unchecked = { status: 'unchecked', detector: 'd', why: 'an SVG' };
    expect(readScanAnswer({ id: 7, scan: unchecked }, 7)).toEqual({ scan: unchecked });
  });

  it('an answer for another request (an earlier image’s, another worker’s) is not this image’s', () => {
    expect(readScanAnswer({ id: 6, scan: noFaces }, 7)).toEqual({ why: ANSWER_FOR_ANOTHER_IMAGE });
    expect(readScanAnswer({ id: 8, scan: noFaces }, 7)).toEqual({ why: ANSWER_FOR_ANOTHER_IMAGE });
  });

  it('an id written another way, or missing, is not the request’s', () => {
    for (const id of ['7', null, undefined, [7], { id: 7 }, Number.NaN]) {
      expect(readScanAnswer({ id, scan: noFaces }, 7)).toEqual({ why: UNREADABLE_ANSWER });
    }
    expect(readScanAnswer({ scan: noFaces }, 7)).toEqual({ why: UNREADABLE_ANSWER });
  });

  it('an answer Heed cannot read says nothing about the image', () => {
    const unreadable: unknown[] = [
      null,
      undefined,
      'no faces',
      { id: 7 },
      { id: 7, scan: null },
      { id: 7, scan: { status: 'examined', detector: 'd' } },
      { id: 7, scan: { status: 'examined', detector: 'd', faces: 'none' } },
      { id: 7, scan: { status: 'examined', detector: 'd', faces: [{ width: 40 }] } },
      { id: 7, scan: { status: 'examined', detector: 'd', faces: [{ width: Number.NaN, height: 40 }] } },
      { id: 7, scan: { status: 'examined', detector: 'd', faces: [{ width: Number.POSITIVE_INFINITY, height: 40 }] } },
      { id: 7, scan: { status: 'examined', faces: [] } },
      { id: 7, scan: { status: 'clear', detector: 'd', faces: [] } },
      { id: 7, scan: { status: 'unchecked', detector: 'd' } },
    ];
    for (const data of unreadable) expect(readScanAnswer(data, 7)).toEqual({ why: UNREADABLE_ANSWER });
  });
});
