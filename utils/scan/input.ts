import { attrUrlIn, each, queryAll, type ScanScope, type Steps } from './scope';
import { emitShown } from './shown';

/** `<input type="image" src>`: an image submit button (the size rule drops icon-sized ones). */
export function* findInputImages(scope: ScanScope): Steps {
  yield* each(scope, queryAll(scope.root, 'input[type="image" i][src]'), (input) => {
    const url = attrUrlIn(scope.env, input, 'src');
    if (url) emitShown(scope, input, url, ['input']);
  });
}
