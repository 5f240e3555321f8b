import { openHeedDB, getRawSettings } from '@/utils/db';
import { parseSettings } from '@/utils/settings';
import { Collector } from './collector';
import { captureMainFrameHeaders, forgetTab } from './tab-state';
import { registerMessageHandlers } from './messaging';

export default defineBackground(() => {
  const dbReady = openHeedDB();
  captureMainFrameHeaders();
  const collectorReady = dbReady.then(
    (db) => new Collector(db, async () => parseSettings(await getRawSettings(db)), browser.runtime.getManifest().version),
  );
  registerMessageHandlers(dbReady, collectorReady);
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  void collectorReady.then((c) => c.resumeAll());
});
