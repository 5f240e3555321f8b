import type { Discovery } from './collector';
import { imageLinkOf } from './link';
import { emit, type ScanScope } from './scope';

/**
 * Report `url` shown by `el` — or, when `el` sits in a link to an image file, that file (the
 * full-size original) with `url` as its thumbnail.
 */
export function emitShown(scope: ScanScope, el: Element, url: string, discovery: Discovery[], alternates: string[] = [], renditionsCut = false): void {
  const link = imageLinkOf(el, scope.env);
  const cut = renditionsCut ? { renditionsCut } : {};
  if (link && link !== url) {
    emit(scope, { url: link, thumbnailUrl: url, discovery: ['link', ...discovery], el, alternates: [url, ...alternates], ...cut });
  } else emit(scope, { url, discovery, el, alternates, ...cut });
}
