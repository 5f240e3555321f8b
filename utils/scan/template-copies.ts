import { templateContents } from '../signals/html-licence/dom';
import { urlIn, type ScanEnv } from './scope';
import { parseSrcset } from './srcset';

/** How many image elements inside `<template>`s are read (dom.ts templateContents caps the templates). */
const MAX_COPIES = 10_000;

/**
 * The image elements written inside `<template>`s (a lightbox, a card a script clones in), by
 * every URL they name (src, srcset): inert for the browser, so no discovery path finds them, but
 * the owner's markup about those images. Decision (DESIGN.md §2 rules 4 and 5, the reading that
 * cannot keep what the owner refused): a copy of a candidate there whose licence markup the scan
 * does not read (a figure licensing it CC BY-NC) may state the image's own licence, so
 * scan-page.ts hands it over as an occurrence not read (collector.ts addUnreadLicenceEls), and
 * the image's element markup is unread if any such copy sits in licence markup (licence.ts).
 * Before, the page's CC BY licensed an image its template's figure states CC BY-NC. `true` when
 * there are more templates or copies than are read: any of them may be a candidate's.
 */
export function templateCopies(env: ScanEnv): Map<string, Element[]> | true {
  try {
    return copiesIn(env);
  } catch {
    return true; // a template that cannot be read may hold any candidate's copy: fail closed, and the scan goes on
  }
}

function copiesIn(env: ScanEnv): Map<string, Element[]> | true {
  const copies = new Map<string, Element[]>();
  let read = 0;
  for (const content of templateContents(env.doc)) {
    if (typeof content === 'string') return true; // past the cap, or one that cannot be read: fail closed
    for (const el of content.querySelectorAll('img, source')) {
      if (++read > MAX_COPIES) return true;
      const refs = [el.getAttribute('src'), ...parseSrcset(el.getAttribute('srcset')).map((c) => c.url)];
      for (const ref of refs) {
        const url = urlIn(env, ref);
        if (!url) continue;
        const els = copies.get(url) ?? [];
        if (!els.includes(el)) copies.set(url, [...els, el]);
      }
    }
  }
  return copies;
}
