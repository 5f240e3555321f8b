import { attrUrlIn, each, queryAll, type ScanScope, type Steps } from './scope';
import { emitShown } from './shown';
import { looksLikeImageFile } from './text';

/** `<object data>` / `<embed src>` showing an image (by MIME type, else by file extension). */
export function* findObjects(scope: ScanScope): Steps {
  // One query per selector: Chromium matches a selector list many times slower.
  for (const [selector, attr] of [['object[data]', 'data'], ['embed[src]', 'src']] as const) {
    yield* each(scope, queryAll(scope.root, selector), (el) => {
      const url = attrUrlIn(scope.env, el, attr);
      const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
      if (url && (type.startsWith('image/') || (!type && looksLikeImageFile(url)))) emitShown(scope, el, url, ['object']);
    });
  }
}
