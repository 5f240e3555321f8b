import { describe, expect, it } from 'vitest';
import { peopleSummary } from '../../../utils/ui/people-summary';

const detector = 'face-api TinyFaceDetector 1.7.15 (608)';

describe('peopleSummary: what an item records about people, in words (item details)', () => {
  it('faces found, with the largest face and the model release read', () => {
    expect(peopleSummary({ faces: 2, largestFacePx: 120, modelRelease: 'MR-UMR', detector })).toBe(
      `2 faces found, the largest 120 px; model release MR-UMR (allows use). Checked on this device by ${detector}.`,
    );
    expect(peopleSummary({ faces: 1, largestFacePx: 20, modelRelease: null, detector })).toBe(
      `1 face found, the largest 20 px; no model release recorded. Checked on this device by ${detector}.`,
    );
  });

  it('no face, could not be checked, check off, stored before Heed looked', () => {
    expect(peopleSummary({ faces: 0, largestFacePx: null, modelRelease: 'MR-LMR', detector })).toBe(
      `No face found; model release MR-LMR (does not allow use). Checked on this device by ${detector}.`,
    );
    expect(peopleSummary({ faces: null, largestFacePx: null, modelRelease: null, detector })).toBe(
      `Could not be examined for faces; no model release recorded. ${detector}.`,
    );
    expect(peopleSummary(null)).toBe('Not checked: the people check was off for this collect.');
    expect(peopleSummary(undefined)).toBe('Not checked: stored before Heed looked for people.');
  });

  it('malformed stored values read as not checked, never throw', () => {
    for (const bad of [{}, { faces: 'x' }, 3, 'text', [], { faces: -1, detector: 7 }]) {
      expect(() => peopleSummary(bad)).not.toThrow();
      expect(peopleSummary(bad)).toMatch(/^Not checked/);
    }
  });
});
