import { describe, expect, it } from 'vitest';
import { duplicateJsonKey } from '../../../utils/model/json-keys';

describe('duplicateJsonKey', () => {
  it.each<[string, string | null]>([
    ['{"a":1,"b":2}', null],
    ['{"a":1,"a":2}', 'a'],
    ['{"a":1, "\\u0061" :2}', 'a'],
    ['{"a":{"a":1},"b":[{"a":1},{"a":2}]}', null],
    ['[{"x":"a","a":"x"}]', null],
    ['{"s":"{\\"a\\":1,\\"a\\":2}"}', null],
    ['{"a":{"b":1,"b":2}}', 'b'],
    ['[1, "a", {"k": ["a", "a"]}]', null],
  ])('%s → %s', (text, key) => {
    expect(duplicateJsonKey(text)).toBe(key);
  });

  it('is linear on a large flat object', () => {
    const text = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    const t = performance.now();
    expect(duplicateJsonKey(text)).toBeNull();
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
