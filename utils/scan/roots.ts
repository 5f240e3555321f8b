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
 * no selector for them) and lets CSS discovery bucket elements by class and headings be recorded (`visitFor`, told
 * the tree's size). One native
 * query and a loop, no recursion: deep nesting cannot blow the stack, and nested shadow roots
 * are queued by the caller, breadth-first. Closed roots are invisible unless `readShadow` sees them.
 */
export function passOverTree(
  root: Document | ShadowRoot,
  env: ScanEnv,
  readShadow: ShadowRootReader,
  visitFor: (elements: number) => ((el: Element) => void) | null,
): TreePass {
  let all: ArrayLike<Element> = EMPTY;
  const shadowRoots: ShadowRoot[] = [];
  try {
    all = root.querySelectorAll('*');
  } catch {
    env.stats.errors++;
    return { all, shadowRoots };
  }
  // Chunks of 1024 between budget checks; a throwing element (a hostile getter) costs itself.
  const n = all.length;
  const visit = visitFor(n);
  const open = readShadow === openShadowRoot;
  for (let i = 0; i < n; ) {
    if (!withinBudget(env)) break;
    const end = Math.min(n, i + 1024);
    try {
      // The common case without a callback: one property read per element, nothing else.
      if (open && !visit) {
        for (; i < end; i++) {
          const sr = all[i]!.shadowRoot;
          if (sr) shadowRoots.push(sr);
        }
      } else {
        for (; i < end; i++) {
          const el = all[i]!;
          const sr = open ? el.shadowRoot : readShadow(el);
          if (sr) shadowRoots.push(sr);
          if (visit) visit(el);
        }
      }
    } catch {
      env.stats.errors++;
      i++;
    }
  }
  return { all, shadowRoots };
}
