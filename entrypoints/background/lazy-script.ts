/**
 * A part of the worker's code built as a script of its own (an unlisted entrypoint that leaves
 * its module on the worker's global), loaded on first use rather than evaluated each time the
 * worker starts. The worker starts for the pages a user browses (an event wakes it after it
 * idled), and what its script evaluates then competes with the page for the CPU (issue 17).
 */
type Scope = typeof globalThis & {
  importScripts?: (...urls: string[]) => void;
} & Record<string, unknown>;

export interface LazyScript<T> {
  /**
   * Chromium lets a service worker import a script after its install only if it imported that
   * script while installing: import it then (once per install or update), so the later import
   * on first use is allowed. Call while the worker's script first runs. A failure here costs
   * the install nothing: the first use fails instead, with a clear error.
   */
  importOnInstall(): void;
  /** The script's module, loaded into this worker (or background page) on first use. */
  load(): Promise<T>;
}

/** `path`: the script in the extension (e.g. '/background-services.js'); `global`: the name it sets. */
export function lazyScript<T>(path: string, global: string, what: string): LazyScript<T> {
  const scope = globalThis as Scope;
  const url = () => browser.runtime.getURL(path as '/');
  return {
    importOnInstall() {
      if (typeof scope.importScripts !== 'function') return; // Firefox: the background is a page
      scope.addEventListener('install', () => {
        try {
          scope.importScripts!(url());
        } catch (err) {
          console.error(`Heed: ${what} could not be installed`, err);
        }
      });
    },
    async load() {
      if (!scope[global]) {
        if (typeof scope.importScripts === 'function') scope.importScripts(url());
        else await appendScript(url(), what);
      }
      const module = scope[global] as T | undefined;
      if (!module) throw new Error(`${what} could not be loaded`);
      return module;
    },
  };
}

/** A background page (Firefox) loads the script as a page does. */
function appendScript(src: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${what} could not be loaded`));
    document.head.append(script);
  });
}
