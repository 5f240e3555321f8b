import { attrUrlIn, each, emit, httpUrlIn, queryAll, type ScanEnv, type ScanScope } from './scope';
import { looksLikeImageFile } from './text';

/**
 * The image file an element links to (its enclosing `<a href>`/`<area href>` names an image
 * by extension): usually the full-size original of the thumbnail shown, so it is preferred.
 */
export function imageLinkOf(el: Element, env: ScanEnv): string | null {
  const link = el.closest('a[href], area[href]');
  const href = link ? httpUrlIn(env, attrUrlIn(env, link, 'href')) : null;
  return href && looksLikeImageFile(href) ? href : null;
}

/** Links to image files (`<a href="photo.jpg">`), also those with no image inside (text links). */
export function findLinks(scope: ScanScope): void {
  each(scope, queryAll(scope.root, 'a[href], area[href]'), (a) => {
    const url = httpUrlIn(scope.env, attrUrlIn(scope.env, a, 'href'));
    if (!url || !looksLikeImageFile(url)) return;
    // Its size is the linked file's, unknown here: the link's own box says nothing about it.
    emit(scope, { url, discovery: ['link'], el: a, rendered: null });
  });
}
