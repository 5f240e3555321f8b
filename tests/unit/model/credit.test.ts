import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../utils/exports/markdown';
import { creditText, creditUrl, mergeCredits, taslLine, titleFromText } from '../../../utils/model/credit';

const line = (licenceUrl: string, licenceId: string | null, over: Partial<Parameters<typeof taslLine>[0]> = {}) =>
  taslLine({ title: 'Harbour at dawn', creator: 'Ana Ruiz', sourceUrl: 'https://photos.example/p/1', licenceId, licenceUrl, ...over });

describe('TASL credit line', () => {
  it('names title, creator, source and licence for every licence family', () => {
    const cases: [string, string | null, string][] = [
      ['https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0', 'is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)'],
      ['https://creativecommons.org/licenses/by-sa/4.0/deed.de', 'CC-BY-SA-4.0', 'is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)'],
      ['http://creativecommons.org/licenses/by-nc/3.0/', 'CC-BY-NC-3.0', 'is licensed under CC BY-NC 3.0 (https://creativecommons.org/licenses/by-nc/3.0/)'],
      ['https://creativecommons.org/licenses/by-nd/4.0/', 'CC-BY-ND-4.0', 'is licensed under CC BY-ND 4.0 (https://creativecommons.org/licenses/by-nd/4.0/)'],
      ['https://creativecommons.org/licenses/by-nc-sa/2.0/fr/', 'CC-BY-NC-SA-2.0-FR', 'is licensed under CC BY-NC-SA 2.0 FR (https://creativecommons.org/licenses/by-nc-sa/2.0/fr/)'],
      ['https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode', 'CC-BY-NC-ND-4.0', 'is licensed under CC BY-NC-ND 4.0 (https://creativecommons.org/licenses/by-nc-nd/4.0/)'],
      ['https://creativecommons.org/licenses/by-sa/3.0/de/', 'CC-BY-SA-3.0-DE', 'is licensed under CC BY-SA 3.0 DE (https://creativecommons.org/licenses/by-sa/3.0/de/)'],
      ['https://creativecommons.org/publicdomain/zero/1.0/', 'CC0-1.0', 'is marked with CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/)'],
      ['https://creativecommons.org/publicdomain/mark/1.0/', 'CC-PDM-1.0', 'is marked with Public Domain Mark 1.0 (https://creativecommons.org/publicdomain/mark/1.0/)'],
    ];
    for (const [url, id, tail] of cases) {
      expect(line(url, id), url).toBe(`"Harbour at dawn" by Ana Ruiz (https://photos.example/p/1) ${tail}`);
    }
    expect(line('https://rights.example/terms', null)).toBe('"Harbour at dawn" by Ana Ruiz (https://photos.example/p/1) is licensed under the terms at https://rights.example/terms');
  });

  it('says so when no creator is stated, rather than inventing one', () => {
    const l = line('https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0', { creator: null });
    expect(l).toBe('"Harbour at dawn", creator not stated (https://photos.example/p/1), is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)');
    expect(line('https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0', { creator: '   ', title: null, sourceUrl: 'javascript:alert(1)' })).toBe(
      'This image, creator not stated, is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
    );
  });

  it('keeps page text on one capped line', () => {
    const l = line('https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0', { creator: `Ana\n\u202eRuiz ${'x'.repeat(1000)}` });
    expect(l).not.toMatch(/[\n\u202e]/);
    expect(l.length).toBeLessThan(500);
    expect(creditText('  a\tb  ')).toBe('a b');
    expect(creditUrl('/p/1', 'https://photos.example/x')).toBe('https://photos.example/p/1');
    expect(creditUrl('data:text/html,x')).toBeNull();
  });
});

describe('capping page text', () => {
  // A cap that cut between the two halves of an emoji stored half a character: a lone surrogate,
  // which no UTF-8 file can hold (it is written as U+FFFD, or breaks strict JSON readers).
  it('never cuts a character outside the Basic Multilingual Plane in two', () => {
    const long = `${'x'.repeat(298)}\u{1F600}${'y'.repeat(10)}`;
    const capped = creditText(long)!;
    expect(capped).toBe(`${'x'.repeat(298)}…`);
    expect(creditText(`${'x'.repeat(297)}\u{1F600}${'y'.repeat(10)}`)).toBe(`${'x'.repeat(297)}\u{1F600}…`);
    expect(escapeMarkdown(`${'x'.repeat(498)}\u{1F600}${'y'.repeat(10)}`)).toBe(`${'x'.repeat(498)}…`);
  });
});

describe('title from a caption or alt text', () => {
  it('drops the licence statement a caption carries', () => {
    expect(titleFromText('Fishing boats at dawn. Photo: Ana Ruiz, CC BY-SA 4.0')).toBe('Fishing boats at dawn. Photo: Ana Ruiz');
    expect(titleFromText('Blue vase (CC0)')).toBe('Blue vase');
    expect(titleFromText('Old mill — licensed under Creative Commons Attribution 4.0 International')).toBe('Old mill');
    expect(titleFromText('Lighthouse / CC BY 2.0')).toBe('Lighthouse');
    expect(titleFromText('Map of 1820, public domain')).toBe('Map of 1820');
    expect(titleFromText('Bridge https://creativecommons.org/licenses/by/4.0/')).toBe('Bridge');
    expect(titleFromText('CC BY 4.0')).toBeNull();
    expect(titleFromText('Accident report')).toBe('Accident report');
  });
});

describe('merging credits', () => {
  it('takes each field from the most specific credit that states it', () => {
    const xmp = { title: null, creator: 'Ana Ruiz', sourceUrl: null };
    const element = { title: 'Harbour', creator: 'Someone else', sourceUrl: null };
    const page = { title: 'Page', creator: 'Editor', sourceUrl: 'https://photos.example/' };
    expect(mergeCredits([xmp, element, page])).toEqual({ title: 'Harbour', creator: 'Ana Ruiz', sourceUrl: 'https://photos.example/' });
  });
});
