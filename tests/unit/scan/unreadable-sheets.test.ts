import { describe, expect, it } from 'vitest';
import { listUnreadableSheets } from '../../../utils/scan/unreadable-sheets';

/** A stand-in for a CSSStyleSheet: readable (rules given) or cross-origin (cssRules throws). */
function sheet(href: string | null, rules?: { type: number; styleSheet?: unknown }[]) {
  return {
    href,
    get cssRules() {
      if (!rules) throw new DOMException('Cannot access rules', 'SecurityError');
      return rules;
    },
  };
}

/** Run the function the way the background injects it: from its source, with only `document`. */
function runInjected(styleSheets: unknown[], max = 20): string[] {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the same round trip the browser makes
  const injected = new Function('document', `return (${listUnreadableSheets.toString()})`)({ styleSheets }) as (max: number) => string[];
  return injected(max);
}

describe('listing the stylesheets a page cannot read', () => {
  it('lists cross-origin sheets and those @imported by readable ones, once each; runs from its source alone', () => {
    const far = sheet('https://cdn.example/far.css');
    const imported = sheet('https://fonts.example/imported.css');
    const readable = sheet('https://site.example/site.css', [{ type: 3, styleSheet: imported }, { type: 1 }]);
    expect(runInjected([readable, far, sheet('https://cdn.example/far.css'), sheet(null, [])])).toEqual([
      'https://fonts.example/imported.css',
      'https://cdn.example/far.css',
    ]);
  });

  it('skips what cannot be fetched (no URL, not http) and stops at the cap', () => {
    const many = Array.from({ length: 30 }, (_, i) => sheet(`https://cdn.example/${i}.css`));
    expect(runInjected([sheet(null), sheet('data:text/css,a{}'), ...many], 5)).toEqual([0, 1, 2, 3, 4].map((i) => `https://cdn.example/${i}.css`));
  });

  it('answers an empty list when the document has no readable sheet list', () => {
    expect(runInjected(null as unknown as unknown[])).toEqual([]);
  });
});
