import { attrUrlIn, each, queryAll, type ScanScope, type Steps } from './scope';
import { emitShown } from './shown';

/** `<video poster>`: the still shown before playback. */
export function* findPosters(scope: ScanScope): Steps {
  yield* each(scope, queryAll(scope.root, 'video[poster]'), (v) => {
    const url = attrUrlIn(scope.env, v, 'poster');
    if (url) emitShown(scope, v, url, ['poster']);
  });
}
