import { queryableSelector, splitTopLevel } from './css-value';
import { readSheetImageRules } from './css-rules';
import type { ScanEnv } from './scope';

/** Which boxes of an element to read: the element itself and/or its ::before/::after. */
export interface Target {
  base: boolean;
  before: boolean;
  after: boolean;
  /** Also read the element's own `content` (a rule sets content: url() on the element itself). */
  content: boolean;
}

interface Rule {
  selector: string;
  before: boolean;
  after: boolean;
  content: boolean;
}

/** What a tree's stylesheets ask CSS discovery to compute, found without getComputedStyle. */
export interface CssPlan {
  targets: Map<Element, Target>;
  /** Only reading every element can settle it (css-sweep.ts). */
  sweep: boolean;
  /** Some sheet was unreadable: Resource Timing cannot vouch for what it loads. */
  blind: boolean;
  /** Matches elements by class during the tree pass (set when there are many class rules). */
  classes: ClassMatcher | null;
}

// Class selectors are matched with one native query each (about 5 ns an element in Chromium)
// up to this many; beyond, bucketing every element by class in the tree pass (one className
// read and one map lookup, about 50 ns) is cheaper. Id and tag selectors always get a query:
// Chromium answers those from its id map or a tag walk.
const CLASS_QUERY_MAX = 12;
const MAX_CLASS_MEMO = 10_000;

/**
 * The key of a selector's rightmost compound, as browsers bucket rules: its id, else its first
 * class, else its tag. Null when there is none (`*`, `[attr]`, `:is(…)`) or it is escaped.
 */
export function rightmostKey(selector: string): { kind: 'id' | 'class' | 'tag'; key: string } | null {
  if (/[\\|]/.test(selector)) return null;
  // `[^\][]`: an attribute selector ends at the next `[` as well, so a run of `[` never
  // closed costs one scan, not one scan to the end per `[` (quadratic).
  let flat = selector.replace(/\[[^\][]*\]/g, '[]');
  for (let i = 0; i < 16 && /\([^()]*\)/.test(flat); i++) flat = flat.replace(/\([^()]*\)/g, '');
  const last = flat.trim().split(/\s*[>+~]\s*|\s+/).pop() ?? '';
  const id = /#([^.#:[\]()\s]+)/.exec(last);
  if (id) return { kind: 'id', key: id[1]! };
  const cls = /\.([^.#:[\]()\s]+)/.exec(last);
  if (cls) return { kind: 'class', key: cls[1]! };
  const tag = /^([a-zA-Z][\w-]*)/.exec(last);
  return tag ? { kind: 'tag', key: tag[1]!.toLowerCase() } : null;
}

/** Mark `el` as a target; `noted` (the scan's `emitted`) makes the tree pass record its heading. */
function mark(targets: Map<Element, Target>, el: Element, rule: Omit<Rule, 'selector'>, noted: Set<Element>): void {
  let t = targets.get(el);
  if (!t) targets.set(el, (t = { base: false, before: false, after: false, content: false }));
  noted.add(el);
  t.base = true;
  t.before ||= rule.before;
  t.after ||= rule.after;
  t.content ||= rule.content && !rule.before && !rule.after;
}

/** A class-keyed rule; `exact`: the selector is just `.key`, so holding the class is matching it. */
export interface ClassRule extends Rule {
  exact: boolean;
}

/**
 * Class selectors matched during the tree pass, which reads each element's class attribute and
 * looks it up in `memo` itself (a call per element costs more than the lookup, above all in
 * code not yet optimised, as on a first scan). Pages repeat the same few hundred class
 * strings: `rulesOf` runs once per distinct value, `mark` only for elements holding a rule's key.
 */
export interface ClassMatcher {
  /** Rules by class attribute value (null: none), filled by `rulesOf`. */
  memo: Map<string, ClassRule[] | null>;
  rulesOf(cls: string): ClassRule[] | null;
  /** Confirm the rules keyed by the element's classes and mark it a target. */
  mark(el: Element, rules: ClassRule[]): void;
}

function classMatcher(keyed: { key: string; rule: Rule }[], targets: Map<Element, Target>, noted: Set<Element>): ClassMatcher {
  const byClass = new Map<string, ClassRule[]>();
  for (const { key, rule } of keyed) {
    const r: ClassRule = { ...rule, exact: rule.selector === `.${key}` };
    const list = byClass.get(key);
    if (list) list.push(r);
    else byClass.set(key, [r]);
  }
  const memo = new Map<string, ClassRule[] | null>();
  const rulesOf = (cls: string): ClassRule[] | null => {
    let rules = memo.get(cls);
    if (rules !== undefined) return rules;
    rules = byClass.get(cls) ?? null;
    if (!rules && /[ \t\n\f\r]/.test(cls)) {
      const all: ClassRule[] = [];
      for (const k of new Set(cls.split(/[ \t\n\f\r]+/))) if (k) all.push(...(byClass.get(k) ?? []));
      rules = all.length ? all : null;
    }
    if (memo.size < MAX_CLASS_MEMO) memo.set(cls, rules);
    return rules;
  };
  return {
    memo,
    rulesOf,
    mark: (el, rules) => {
      for (const r of rules) if (r.exact || el.matches(r.selector)) mark(targets, el, r, noted);
    },
  };
}

/**
 * Read a tree's stylesheet rules and plan CSS discovery: which elements (and pseudo-elements)
 * may carry a background image. Few selectors are matched with one native query each; many
 * are bucketed by their rightmost key and matched in the tree pass (`classes`), confirming with
 * `matches()` — one walk instead of one per rule.
 */
export function planCss(root: Document | ShadowRoot, env: ScanEnv): CssPlan {
  const plan: CssPlan = { targets: new Map(), sweep: false, blind: false, classes: null };
  if (!env.hasLayout) return plan;
  const rules = readSheetImageRules(root, env.options.cssTexts);
  env.stats.unreadableSheets += rules.unreadable;
  plan.blind = rules.unreadable > 0;
  plan.sweep = rules.needsSweep;
  const host = (root as Partial<ShadowRoot>).host;
  const keyed: { kind: 'id' | 'class' | 'tag'; key: string; rule: Rule }[] = [];
  const loose: Rule[] = [];
  for (const { selector: selectorText, content } of rules.selectors) {
    const q = { ...queryableSelector(selectorText), content };
    if (!q.selector) {
      plan.sweep = true;
      continue;
    }
    for (let part of splitTopLevel(q.selector)) {
      part = part.trim();
      if (host && /:host\b/i.test(part)) {
        // `:host` is the host itself; `:host .x` is (at most) every .x of the tree.
        const inner = part.replace(/:host(?:\([^)]*\))?/gi, '').replace(/^\s*[>+~]?\s*/, '').trim();
        if (!inner || inner === part) mark(plan.targets, host, q, env.emitted);
        if (!inner) continue;
        part = inner;
      }
      const rule = { selector: part, before: q.before, after: q.after, content };
      const key = rightmostKey(part);
      if (key) keyed.push({ ...key, rule });
      else loose.push(rule);
    }
  }
  const byClass = keyed.filter((k) => k.kind === 'class');
  if (new Set(byClass.map((k) => k.key)).size > CLASS_QUERY_MAX) {
    plan.classes = classMatcher(byClass, plan.targets, env.emitted);
    loose.push(...keyed.filter((k) => k.kind !== 'class').map((k) => k.rule));
  } else loose.push(...keyed.map((k) => k.rule));
  for (const rule of loose) {
    let matches: ArrayLike<Element>;
    try {
      matches = root.querySelectorAll(rule.selector);
    } catch {
      plan.sweep = true; // a selector querySelectorAll cannot run
      continue;
    }
    env.stats.elements += matches.length;
    for (let i = 0; i < matches.length; i++) mark(plan.targets, matches[i]!, rule, env.emitted);
  }
  return plan;
}
