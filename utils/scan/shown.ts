import type { Discovery } from './collector';
import { imageLinkOf } from './link';
import { emit, type ScanScope } from './scope';

/**
 * Report `url` shown by `el` — or, when `el` sits in a link to an image file, that file (the
 * full-size original) with `url` as its thumbnail.
 */
export function emitShown(scope: ScanScope, el: Element, url: string, discovery: Discovery[], alternates: string[] = []): void {
  const link = imageLinkOf(el, scope.env);
  if (link && link !== url) {
    emit(scope, { url: link, thumbnailUrl: url, discovery: ['link', ...discovery], el, alternates: [url, ...alternates] });
  } else emit(scope, { url, discovery, el, alternates });
}
