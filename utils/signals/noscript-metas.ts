/** How much `<noscript>` text is read for metas (hostile pages). */
const MAX_NOSCRIPTS = 100;
const MAX_NOSCRIPT_CHARS = 64 * 1024;

/** An attribute of one meta tag (`null` when absent), as `Element.getAttribute` answers. */
export type MetaAttr = (name: string) => string | null;

/**
 * The `<meta>` tags written inside `<noscript>`, each as its attributes: with scripting on, a
 * browser parses a noscript's content as text, so no meta element is there to find, though a
 * crawler without scripts reads it. Decision (DESIGN.md §2 rule 3: the owner wrote the opt-out):
 * they are read as any other meta. Names lower-cased, the first of a repeated one kept. Linear:
 * one pass over at most 64 KiB per noscript, 100 noscripts. No imports: the always-on page
 * script reads these too (utils/page/raw-page-signals.ts), as Collect's reader does (meta-robots.ts).
 */
export function metaTagsInNoscript(doc: Document): MetaAttr[] {
  const out: MetaAttr[] = [];
  for (const ns of Array.from(doc.querySelectorAll('noscript')).slice(0, MAX_NOSCRIPTS)) {
    const text = (ns.textContent ?? '').slice(0, MAX_NOSCRIPT_CHARS);
    if (!/<meta\b/i.test(text)) continue;
    for (const tag of text.match(/<meta\b[^>]*>/gi) ?? []) {
      const attrs = new Map<string, string>();
      for (const m of tag.matchAll(/([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
        const key = m[1]!.toLowerCase();
        if (!attrs.has(key)) attrs.set(key, m[2] ?? m[3] ?? m[4] ?? '');
      }
      out.push((name) => attrs.get(name) ?? null);
    }
  }
  return out;
}
