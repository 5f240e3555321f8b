import { describe, expect, it } from 'vitest';
import { fromScanAnswer, toScanAnswer } from '@/utils/scan/scan-answer';

describe('the scanner answer crossing as JSON text', () => {
  it('gives back what the scanner sent', () => {
    const answer = { page: { url: 'https://a.test/', metas: [] }, candidates: [{ url: 'https://a.test/x.png', alt: 'a "quoted" \u2028 alt' }], limit: null };
    const text = toScanAnswer(answer);
    expect(typeof text).toBe('string');
    expect(fromScanAnswer(text)).toEqual(answer);
  });

  it('is no answer when the result is not JSON text', () => {
    expect(fromScanAnswer(undefined)).toBeUndefined();
    expect(fromScanAnswer(null)).toBeUndefined();
    expect(fromScanAnswer({ candidates: [] })).toBeUndefined(); // an object: not what the scanner sends
    expect(fromScanAnswer('{"candidates": [')).toBeUndefined(); // truncated
    expect(fromScanAnswer('')).toBeUndefined();
  });
});
