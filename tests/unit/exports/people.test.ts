import { describe, expect, it } from 'vitest';
import { collectionFacts } from '../../../utils/exports/facts';
import { img2datasetRow } from '../../../utils/exports/jsonl';
import { raiProperties } from '../../../utils/exports/croissant';
import { datasetCard } from '../../../utils/exports/hf-imagefolder';
import { item, manifestOf } from './fixtures';

const DETECTOR = 'face-api TinyFaceDetector 1.7.15 (input 608)';
const items = [
  item(1, { people: { faces: 2, largestFacePx: 120, modelRelease: 'MR-UMR', detector: DETECTOR } }),
  item(2, { people: { faces: 0, largestFacePx: null, modelRelease: null, detector: DETECTOR } }),
  item(3, { people: { faces: 1, largestFacePx: 80, modelRelease: null, detector: DETECTOR } }),
  item(4, { people: null }),
  item(5),
];

describe('exports say what was checked for people (DESIGN.md §2 rule 6)', () => {
  it('facts: faces found, released, not checked, and the detector', () => {
    expect(collectionFacts(manifestOf(items)).people).toEqual({ checked: 3, withFaces: 2, released: 1, notChecked: 2, detectors: [DETECTOR] });
  });

  it('JSONL: faces, largest_face_px and model_release columns (null when not checked)', () => {
    expect(img2datasetRow(items[0]!)).toMatchObject({ faces: 2, largest_face_px: 120, model_release: 'MR-UMR' });
    expect(img2datasetRow(items[3]!)).toMatchObject({ faces: null, largest_face_px: null, model_release: null });
  });

  it('Croissant rai:personalSensitiveInformation and the dataset card name the detector and the counts', () => {
    const m = manifestOf(items);
    const facts = collectionFacts(m);
    const rai = raiProperties(m, facts) as Record<string, string[]>;
    const text = rai['rai:personalSensitiveInformation']!.join(' ');
    expect(text).toContain(DETECTOR);
    expect(text).toContain('2 of 3 checked images show a face');
    expect(text).toContain('2 image(s) were not checked');
    const card = datasetCard(m, facts);
    expect(card).toContain('## People');
    expect(card).toContain('TinyFaceDetector');
    expect(card).toContain('never recognises');
  });
});
