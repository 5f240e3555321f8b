import { describe, expect, it } from 'vitest';
import { itemLabel } from '../../../components/library/format';
import { urlFileName, visibleText } from '../../../utils/ui/visible-text';

describe('visible text for untrusted names', () => {
  it('shows bidi controls and zero-width characters as visible code points', () => {
    expect(visibleText('photo\u202Egpj.exe')).toBe('photo[U+202E]gpj.exe');
    expect(visibleText('a\u200Bb\u2066c\u061Cd\uFEFFe')).toBe('a[U+200B]b[U+2066]c[U+061C]d[U+FEFF]e');
  });

  it('leaves ordinary text, joiners in emoji and scripts, and non-strings alone', () => {
    expect(visibleText('Ada Lovelace — 👩\u200D💻 میخواهم')).toBe('Ada Lovelace — 👩\u200D💻 میخواهم');
    expect(visibleText('\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645')).toBe('\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645');
    expect(visibleText(42)).toBe('');
  });

  it('does not let a percent-encoded right-to-left override reverse a file name in the popup', () => {
    const name = urlFileName('https://example.com/photo%E2%80%AEgpj.exe');
    expect(name).toBe('photo[U+202E]gpj.exe');
    expect(urlFileName('https://example.com/bad%E0%A4%A')).toBe('bad%E0%A4%A');
    expect(urlFileName('blob:https://example.com/1234')).toBe('image made by the page');
  });

  it('does not let a percent-encoded right-to-left override reverse a library item’s label', () => {
    expect(itemLabel({ alt: '', url: 'https://example.com/photo%E2%80%AEgpj.exe' })).toBe('photo[U+202E]gpj.exe');
    expect(itemLabel({ alt: 'cat\u202Etac', url: 'https://example.com/a.jpg' })).toBe('cat[U+202E]tac');
  });
});
