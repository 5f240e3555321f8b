import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The face detector's files (DESIGN.md §2 rule 6), shipped in the extension under people/: never fetched from the web. */
const PEOPLE_ASSETS = [
  ...['tiny_face_detector_model.bin', 'tiny_face_detector_model-weights_manifest.json'].map((f) => join(packageDir('@vladmandic/face-api'), 'model', f)),
  ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((f) => join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist', f)),
];

/**
 * Firefox's add-on settings: a fixed id (storage and the e2e suite's moz-extension:// UUID map
 * are keyed by it), the oldest Firefox the e2e suite runs on (Debian's firefox-esr), and what
 * Heed collects and sends anywhere: nothing (DESIGN.md §3; AMO requires the declaration).
 */
export const FIREFOX_GECKO = {
  id: 'heed@heed.invalid',
  strict_min_version: '153.0',
  data_collection_permissions: { required: ['none'] },
} as const;

/** The first Chromium with the `browser` namespace (all extension APIs, promise-returning onMessage listeners included). */
export const MINIMUM_CHROME_VERSION = '148';

/**
 * The scripts Heed injects into a page (Collect's scanners, the popup's page reader) start with
 * V8's explicit compile hint (Chrome 136+; other engines read a comment): every function is
 * compiled with the script, once, instead of pre-parsed and then parsed again when first called.
 * Nearly all of a scanner's functions run on its first scan, so this halves the compile work the
 * page pays on Collect (issue 17; `npm run bench`, the injected first-scan row).
 */
const EAGERLY_COMPILED = new Set(['scanner.js', 'scanner-watch.js', 'page-reader.js']);
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

function compileHints(): Plugin {
  return {
    name: 'heed-compile-hints',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && EAGERLY_COMPILED.has(chunk.fileName)) chunk.code = COMPILE_HINT + chunk.code;
      }
    },
  };
}

// Permissions are the minimum Heed needs; each one is justified in README.md ("Permissions").
export default defineConfig({
  // Firefox gets MV3 too (README, "Firefox": why, and the host access the user must grant).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Heed',
    description:
      'Consent-aware image collection: reads every rights signal, keeps only what is permitted, and proves each decision.',
    // `offscreen` (Chromium only): its service worker cannot start the people check's workers, an
    // offscreen document does (entrypoints/people-host); Firefox's background page starts them itself.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'tabs', 'webRequest', 'alarms', 'contextMenus', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: ['<all_urls>'],
    // The face detector runs on TensorFlow.js's WASM backend, from the .wasm files shipped under
    // people/ (README, "People in photos"): WebAssembly needs 'wasm-unsafe-eval'; no remote script.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    // `icons` is filled in by WXT from public/icon/<size>.png (rendered by scripts/make-icons.ts);
    // the toolbar button gets the same files explicitly.
    action: {
      default_title: 'Heed',
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    },
    // No content script: the worker reads each page's rights markup once the page has loaded
    // (entrypoints/page-signals.ts, injected from tabs.onUpdated), so nothing of Heed's runs in a
    // page before its load event (issue 17).
    commands: {
      'collect-page': { suggested_key: { default: 'Alt+Shift+H' }, description: 'Collect the images on this page' },
    },
    // The browser's own promise-based `browser` namespace in every context (README, "Firefox"):
    // Firefox has always had it, Chromium has since 148.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: FIREFOX_GECKO } } : { minimum_chrome_version: MINIMUM_CHROME_VERSION }),
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const absoluteSrc of PEOPLE_ASSETS) files.push({ absoluteSrc, relativeDest: `people/${absoluteSrc.split('/').pop()}` });
    },
  },
  vite: () => ({
    plugins: [preact(), compileHints()],
  }),
});
