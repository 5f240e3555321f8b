import { attrUrlIn, each, queryAll, type ScanScope } from './scope';
import { emitShown } from './shown';

/** `<video poster>`: the still shown before playback. */
export function findPosters(scope: ScanScope): void {
  each(scope, queryAll(scope.root, 'video[poster]'), (v) => {
    const url = attrUrlIn(scope.env, v, 'poster');
    if (url) emitShown(scope, v, url, ['poster']);
  });
}
