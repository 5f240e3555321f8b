import { mayHoldImage, splitTopLevel } from './css-value';

/** What a tree's stylesheets say about background images, read without touching any element. */
export interface SheetImageRules {
  /** Selectors (nesting resolved) of rules that may set a background image (or content: url()). */
  selectors: { selector: string; content: boolean }[];
  /** Sheets whose rules cannot be read (cross-origin without CORS). */
  unreadable: number;
  /** Something only a sweep can settle: an animated background, a bare ::before rule. */
  needsSweep: boolean;
  /** The rule cap was hit. */
  truncated: boolean;
}

const MAX_RULES = 100_000;

interface RuleLike {
  type?: number;
  selectorText?: string;
  style?: CSSStyleDeclaration;
  cssRules?: CSSRuleList;
  styleSheet?: CSSStyleSheet | null;
}

/** Whether a declaration block may paint an image: 'background' (-image or shorthand), 'content' (url()), or null. */
export function declaresImage(style: CSSStyleDeclaration | undefined): 'background' | 'content' | null {
  if (!style) return null;
  // The shorthand matters on its own: `background: var(--x)` leaves the longhand empty in CSSOM.
  // A longhand that is set already says what the shorthand would (and serialising it costs).
  const image = style.backgroundImage;
  if (mayHoldImage(image) || (!image && mayHoldImage(style.getPropertyValue('background')))) return 'background';
  return /url\(|image-set\(/i.test(style.getPropertyValue('content')) ? 'content' : null;
}

/** A nested rule's selector made absolute: `&` → `:is(parent)`, else a descendant of the parent. */
export function resolveNested(selector: string, parent: string | null): string {
  if (!parent) return selector;
  return splitTopLevel(selector)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (part.includes('&') ? part.replaceAll('&', `:is(${parent})`) : `:is(${parent}) ${part}`))
    .join(',');
}

function sheetRules(sheet: CSSStyleSheet, root: Document | ShadowRoot, cssTexts: Record<string, string>): CSSRuleList | null {
  try {
    return sheet.cssRules;
  } catch {
    // SecurityError: a cross-origin sheet. Parse its text if the shell fetched it: a
    // constructed sheet is parsed but applied nowhere, so only its selectors are used.
    const text = sheet.href ? cssTexts[sheet.href] : undefined;
    if (typeof text !== 'string') return null;
    try {
      const view = (root.ownerDocument ?? (root as Document)).defaultView;
      const parsed = new (view?.CSSStyleSheet ?? CSSStyleSheet)();
      parsed.replaceSync(text.slice(0, 5_000_000));
      return parsed.cssRules;
    } catch {
      return null;
    }
  }
}

/**
 * Walk the rules of a tree's stylesheets (its own and adopted; @import, @media, @supports,
 * @layer, @container and CSS nesting followed) with an explicit stack, collecting the selectors
 * of rules that may set a background image. This is the cheap half of CSS discovery: only
 * elements matching these selectors (plus inline styles) need getComputedStyle.
 */
export function readSheetImageRules(root: Document | ShadowRoot, cssTexts: Record<string, string> = {}): SheetImageRules {
  const out: SheetImageRules = { selectors: [], unreadable: 0, needsSweep: false, truncated: false };
  const sheets: CSSStyleSheet[] = [];
  try {
    sheets.push(...Array.from(root.styleSheets ?? []));
    sheets.push(...Array.from((root as { adoptedStyleSheets?: CSSStyleSheet[] }).adoptedStyleSheets ?? []));
  } catch {
    out.needsSweep = true;
  }
  const stack: { rules: CSSRuleList; parent: string | null }[] = [];
  const seenSheets = new Set<CSSStyleSheet>();
  const pushSheet = (sheet: CSSStyleSheet | null | undefined) => {
    if (!sheet || seenSheets.has(sheet)) return;
    seenSheets.add(sheet);
    const rules = sheetRules(sheet, root, cssTexts);
    if (rules) stack.push({ rules, parent: null });
    else out.unreadable++;
  };
  for (const sheet of sheets) pushSheet(sheet);
  let visited = 0;
  while (stack.length) {
    const { rules, parent } = stack.pop()!;
    for (let i = 0; i < rules.length; i++) {
      if (++visited > MAX_RULES) {
        out.truncated = out.needsSweep = true;
        return out;
      }
      const rule = rules[i] as RuleLike | undefined;
      if (!rule) continue;
      if (rule.type === 3) pushSheet(rule.styleSheet); // @import
      else if (rule.type === 7) {
        // @keyframes animating a background: which elements run it is not in the selector.
        if (/background[^;]*url\(/i.test((rule as { cssText?: string }).cssText ?? '')) out.needsSweep = true;
      } else if (rule.style && rule.type !== 6 /* @page */) {
        // Declarations first: reading selectorText serialises the selector, the costliest read
        // here, so it is read only for rules that paint or hold nested rules.
        const paints = declaresImage(rule.style);
        const nested = rule.cssRules?.length ? rule.cssRules : null;
        if (!paints && !nested) continue;
        const text = rule.selectorText;
        // No selector: nested declarations (CSSNestedDeclarations), which apply to the parent's.
        const selector = typeof text === 'string' ? resolveNested(text, parent) : parent;
        if (selector === null) continue; // @font-face and the like: not a box's background
        if (paints) out.selectors.push({ selector, content: paints === 'content' });
        if (nested) stack.push({ rules: nested, parent: selector });
      } else if (rule.cssRules?.length) stack.push({ rules: rule.cssRules, parent }); // @media, @supports, @layer…
    }
  }
  return out;
}
