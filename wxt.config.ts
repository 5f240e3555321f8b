import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Permissions are the minimum Heed needs; each one is justified in README.md ("Permissions").
export default defineConfig({
  manifest: {
    name: 'Heed',
    description:
      'Consent-aware image collection: reads every rights signal, keeps only what is permitted, and proves each decision.',
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'tabs', 'webRequest', 'alarms', 'contextMenus'],
    host_permissions: ['<all_urls>'],
    // `icons` is filled in by WXT from public/icon/<size>.png (rendered by scripts/make-icons.ts);
    // the toolbar button gets the same files explicitly.
    action: {
      default_title: 'Heed',
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    },
    // The always-on page reader (entrypoints/page-signals.ts), an unlisted script kept tiny.
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['page-signals.js'], run_at: 'document_idle' }],
    commands: {
      'collect-page': { suggested_key: { default: 'Alt+Shift+H' }, description: 'Collect the images on this page' },
    },
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
