import type { ScanEnv } from './scope';
import { withinBudget } from './scope';

/** Reads an element's shadow root; the extension may pass one that also opens closed roots. */
export type ShadowRootReader = (el: Element) => ShadowRoot | null | undefined;

/** `el.shadowRoot`: open roots only. */
export const openShadowRoot: ShadowRootReader = (el) => el.shadowRoot;

/** The elements of one tree in document order, and the shadow roots hosted in it. */
export interface TreePass {
  all: ArrayLike<Element>;
  shadowRoots: ShadowRoot[];
}

const EMPTY: ArrayLike<Element> = [];

/**
 * The one pass over every element of a tree that a scan makes: it finds shadow roots (there is
 * no selector for them) and lets CSS discovery bucket elements by class (`visit`). One native
 * query and a loop, no recursion: deep nesting cannot blow the stack, and nested shadow roots
 * are queued by the caller, breadth-first. Closed roots are invisible unless `readShadow` sees them.
 */
export function passOverTree(root: Document | ShadowRoot, env: ScanEnv, readShadow: ShadowRootReader, visit: ((el: Element) => void) | null): TreePass {
  let all: ArrayLike<Element> = EMPTY;
  const shadowRoots: ShadowRoot[] = [];
  try {
    all = root.querySelectorAll('*');
  } catch {
    env.stats.errors++;
    return { all, shadowRoots };
  }
  for (let i = 0; i < all.length; i++) {
    if ((i & 1023) === 0 && !withinBudget(env)) break;
    const el = all[i]!;
    try {
      const sr = readShadow(el);
      if (sr) shadowRoots.push(sr);
      if (visit) visit(el);
    } catch {
      env.stats.errors++;
    }
  }
  return { all, shadowRoots };
}
