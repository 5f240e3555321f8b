import { MODEL_RELEASES_THAT_ALLOW, PeopleRecordSchema } from '../model/people';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One stored item's `people` record (DESIGN.md §3) in words, for the item details: the faces
 * found, the largest, the model release read, and by what. `null` is the check being off for
 * the collect; `undefined`, an item stored before Heed looked for people. Stored values are
 * not trusted: anything malformed reads as not checked.
 */
export function peopleSummary(people: unknown): string {
  if (people === undefined) return 'Not checked: stored before Heed looked for people.';
  if (people === null) return 'Not checked: the people check was off for this collect.';
  const parsed = PeopleRecordSchema.safeParse(people);
  if (!parsed.success) return 'Not checked: the stored record is unreadable.';
  const { faces, largestFacePx, modelRelease, detector } = parsed.data;
  const release =
    modelRelease === null
      ? 'no model release recorded'
      : `model release ${modelRelease} (${(MODEL_RELEASES_THAT_ALLOW as readonly string[]).includes(modelRelease) ? 'allows use' : 'does not allow use'})`;
  if (faces === null) return `Could not be examined for faces; ${release}. ${detector}.`;
  const found = faces === 0 ? 'No face found' : `${plural(faces, 'face')} found${largestFacePx === null ? '' : `, the largest ${largestFacePx} px`}`;
  return `${found}; ${release}. Checked on this device by ${detector}.`;
}
