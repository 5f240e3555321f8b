import { afterEach, describe, expect, it } from 'vitest';
import { SCAN_OPTIONS_GLOBAL, takeHandedScanOptions } from '../../../utils/scan/handed-options';

const g = globalThis as Record<string, unknown>;

describe('scan options handed to an injected scanner', () => {
  afterEach(() => {
    delete g[SCAN_OPTIONS_GLOBAL];
  });

  it('reads the sizes the background set, once: a later scan without a hand-over gets the defaults', () => {
    g[SCAN_OPTIONS_GLOBAL] = { minWidth: 120, minHeight: 120 };
    expect(takeHandedScanOptions()).toEqual({ minWidth: 120, minHeight: 120 });
    expect(SCAN_OPTIONS_GLOBAL in g).toBe(false);
    expect(takeHandedScanOptions()).toEqual({});
  });

  it('passes on the sizes and stylesheet texts only, whatever else the object holds', () => {
    g[SCAN_OPTIONS_GLOBAL] = { minWidth: 0, minHeight: 0, maxMs: 1, maxCandidates: 1 };
    expect(takeHandedScanOptions()).toEqual({ minWidth: 0, minHeight: 0 });
    g[SCAN_OPTIONS_GLOBAL] = { cssTexts: { 'https://cdn.example/a.css': '.a{}', 'https://cdn.example/b.css': 42 } };
    expect(takeHandedScanOptions().cssTexts).toEqual({ 'https://cdn.example/a.css': '.a{}' });
  });

  it('hands a watcher the URLs its frame reported as a set, strings only', () => {
    g[SCAN_OPTIONS_GLOBAL] = { reported: ['https://a.example/1.jpg', 7, 'https://a.example/2.jpg'] };
    expect(takeHandedScanOptions().reported).toEqual(new Set(['https://a.example/1.jpg', 'https://a.example/2.jpg']));
  });

  it.each([null, 'big', 42, []])('treats %j as no hand-over', (raw) => {
    g[SCAN_OPTIONS_GLOBAL] = raw;
    expect(takeHandedScanOptions()).toEqual({});
  });
});
