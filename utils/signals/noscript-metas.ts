/** How much `<noscript>` text is parsed for metas (hostile pages): noscripts holding a meta, and characters of each. */
const MAX_NOSCRIPTS = 100;
const MAX_NOSCRIPT_CHARS = 64 * 1024;

/**
 * The name of the meta that stands for metas inside <noscript> past what is parsed: a robots
 * meta Heed cannot read, which meta-robots.ts fails closed. It holds a space, so no meta a page
 * writes is read under it (names are split at spaces); it begins with `robots`, so the page
 * script sends it among the metas it sends first (raw-page-signals.ts).
 */
export const NOSCRIPT_UNREAD = 'robots (unread)';

/** An attribute of one meta tag (`null` when absent), as `Element.getAttribute` answers. */
export type MetaAttr = (name: string) => string | null;

/**
 * The `<meta>` tags written inside `<noscript>`, each as its attributes: with scripting on, a
 * browser parses a noscript's content as text, so no meta element is there to find, though a
 * crawler without scripts reads it. Decision (DESIGN.md §2 rule 3: the owner wrote the opt-out):
 * they are read as any other meta. Names lower-cased, the first of a repeated one kept. Linear:
 * each noscript is searched once for `<meta`; at most 100 holding one are parsed, up to 64 KiB
 * each. Past that (a 101st noscript holding a meta, or one over 64 KiB), one more meta named
 * NOSCRIPT_UNREAD says so, and the page's robots metas fail closed — never silently dropped.
 * No imports: every page script reads metas through utils/page/raw-page-signals.ts, which
 * calls this.
 */
export function metaTagsInNoscript(doc: Document): MetaAttr[] {
  const out: MetaAttr[] = [];
  let parsed = 0;
  for (const ns of doc.querySelectorAll('noscript')) {
    const text = ns.textContent ?? '';
    if (!/<meta\b/i.test(text)) continue;
    if (++parsed > MAX_NOSCRIPTS || text.length > MAX_NOSCRIPT_CHARS) {
      // NOSCRIPT_UNREAD, written out: the page script stays within its 4 KB (no shared constant).
      out.push((name) => (name === 'name' ? 'robots (unread)' : null));
      break;
    }
    out.push(...metaTagsInText(text));
  }
  return out;
}

/** The `<meta>` tags written in HTML text, each as its attributes (names lower-cased, the first of a repeated one kept). */
export function metaTagsInText(text: string): MetaAttr[] {
  const out: MetaAttr[] = [];
  for (const tag of text.match(/<meta\b[^>]*>/gi) ?? []) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      const key = m[1]!.toLowerCase();
      if (!attrs.has(key)) attrs.set(key, m[2] ?? m[3] ?? m[4] ?? '');
    }
    out.push((name) => attrs.get(name) ?? null);
  }
  return out;
}
