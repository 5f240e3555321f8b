import { describe, expect, it } from 'vitest';
import { plainLanguageRefusal } from '../../../utils/signals/plain-refusal';

const TRAINING = 'DMI-PROHIBITED-AIMLTRAINING';
const MINING = 'DMI-PROHIBITED';

/** Each text with what it was read as, so a failure names the text. */
const readAll = (texts: readonly string[]) => texts.map((t) => [t, plainLanguageRefusal(t)]);
const expectAll = (texts: readonly string[], id: string | null) => expect(readAll(texts)).toEqual(texts.map((t) => [t, id]));

// "Ｎｏ ＡＩ ｔｒａｉｎｉｎｇ" (full-width) or "No AI<zero-width space> training" reads on screen as
// "No AI training", but the matcher saw other characters and the image was kept. The text is
// folded as the reader sees it (lookalikes.ts) before it is matched.
describe('a plain-language refusal written with look-alike characters', () => {
  it('full-width letters, a soft hyphen or a zero-width space inside the words refuse as the plain text does', () => {
    expectAll(['Ｎｏ ＡＩ ｔｒａｉｎｉｎｇ', 'No A\u00adI training', 'No AI\u200b training', 'No\u2060 AI train\u200ding'], TRAINING);
    expectAll(['ＴＤＭ rights reserved', 'Text and data mi\u00adning prohibited'], MINING);
  });
});
