/**
 * The stylesheets of this frame's document whose rules its scripts cannot read (cross-origin
 * without CORS: `cssRules` throws), by absolute http(s) URL, at most `max`; `@import`s of
 * readable sheets are followed. The background fetches their text so the scanner can read their
 * image rules instead of computing every element's style (utils/scan/css-rules.ts).
 *
 * Injected as a function (scripting.executeScript `func`), which sends only its source: it
 * uses nothing but its argument and the frame's `document`. Sheets inside shadow roots are
 * not listed (the scanner sweeps those trees when blind).
 */
export function listUnreadableSheets(max: number): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const visit = (sheet: CSSStyleSheet | null | undefined, depth: number): void => {
    if (!sheet || seen.has(sheet) || found.length >= max || depth > 8) return;
    seen.add(sheet);
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      const href = sheet.href;
      if (typeof href === 'string' && /^https?:\/\//i.test(href) && href.length <= 8192 && !found.includes(href)) found.push(href);
      return;
    }
    // @import rules come first in a sheet (after @charset and @layer statements only).
    for (let i = 0; i < rules.length && i < 64; i++) {
      const rule = rules[i] as CSSRule & { styleSheet?: CSSStyleSheet | null };
      if (rule.type === 3) visit(rule.styleSheet, depth + 1);
    }
  };
  try {
    for (const sheet of Array.from(document.styleSheets)) visit(sheet, 0);
  } catch {
    /* a document without style sheets to list: nothing to fetch */
  }
  return found;
}
