import type { WorkerServices } from './services';

const MENU_PAGE = 'heed-collect-page';
const MENU_IMAGE = 'heed-collect-image';

/**
 * Context-menu entries and the keyboard shortcut: both start a collect on the tab; the popup
 * shows its progress and verdicts when opened (it reattaches to the tab's latest job).
 */
export function registerMenusAndShortcut(services: () => Promise<WorkerServices>): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({ id: MENU_PAGE, title: 'Collect images on this page', contexts: ['page'] });
      browser.contextMenus.create({ id: MENU_IMAGE, title: 'Collect this image', contexts: ['image'] });
    }).catch((err: unknown) => console.error('Heed: context menus', err));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    const tabId = tab.id;
    const only = info.menuItemId === MENU_IMAGE ? info.srcUrl : undefined;
    // The frame the image was chosen in: one the scan did not read fails closed (policy/image-to-judge.ts chosenImage).
    const where = { ...(info.frameId !== undefined ? { frameId: info.frameId } : {}), ...(info.frameUrl !== undefined ? { frameUrl: info.frameUrl } : {}) };
    void services().then(({ collector }) => collector.start(tabId, only ? { onlyUrl: only, ...where } : {}));
  });
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'collect-page') return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id !== undefined) void services().then(({ collector }) => collector.start(tab.id!));
    });
  });
}
