import { attrUrlIn, each, emit, httpUrlIn, queryAll, type ScanEnv, type ScanScope, type Steps } from './scope';
import { looksLikeImageFile } from './text';

/** An enclosing link and its target (absolute http(s), or null), with whether it names an image file. */
export interface LinkTarget {
  el: Element;
  url: string | null;
  image: boolean;
}

/**
 * The `<a href>` an element is or sits in (or the `<area href>` it is: an area is void, nothing
 * sits in one), its target resolved once per link for the whole scan. Two single selectors
 * instead of one selector list: Chromium matches lists many times slower.
 */
export function linkOf(el: Element, env: ScanEnv): LinkTarget | null {
  const link = el.localName === 'area' && el.hasAttribute('href') ? el : el.closest('a[href]');
  if (!link) return null;
  let target = env.links.get(link);
  if (!target) {
    const url = httpUrlIn(env, attrUrlIn(env, link, 'href'));
    target = { el: link, url, image: !!url && looksLikeImageFile(url) };
    env.links.set(link, target);
  }
  return target;
}

/**
 * The image file an element links to (its enclosing `<a href>`/`<area href>` names an image
 * by extension): usually the full-size original of the thumbnail shown, so it is preferred.
 */
export function imageLinkOf(el: Element, env: ScanEnv): string | null {
  const link = linkOf(el, env);
  return link?.image ? link.url : null;
}

/** Links to image files (`<a href="photo.jpg">`), also those with no image inside (text links). */
export function* findLinks(scope: ScanScope): Steps {
  for (const selector of ['a[href]', 'area[href]']) {
    yield* each(scope, queryAll(scope.root, selector), (a) => {
      const link = linkOf(a, scope.env);
      if (!link?.image || !link.url) return;
      // Its size is the linked file's, unknown here: the link's own box says nothing about it.
      emit(scope, { url: link.url, discovery: ['link'], el: a, rendered: null });
    });
  }
}
