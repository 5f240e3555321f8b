import { attrUrlIn, each, queryAll, type ScanScope } from './scope';
import { emitShown } from './shown';
import { looksLikeImageFile } from './text';

/** `<object data>` / `<embed src>` showing an image (by MIME type, else by file extension). */
export function findObjects(scope: ScanScope): void {
  each(scope, queryAll(scope.root, 'object[data], embed[src]'), (el) => {
    const isObject = el.tagName.toLowerCase() === 'object';
    const url = attrUrlIn(scope.env, el, isObject ? 'data' : 'src');
    const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
    if (url && (type.startsWith('image/') || (!type && looksLikeImageFile(url)))) emitShown(scope, el, url, ['object']);
  });
}
