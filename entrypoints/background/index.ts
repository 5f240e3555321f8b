import { getRawSettings, openHeedDB } from '@/utils/db';
import { parseSettings } from '@/utils/settings';
import { Collector } from './collector';
import { registerMessageHandlers, type Services } from './messaging';
import { OriginSignals } from './origin-signals';
import { captureMainFrameHeaders, forgetTab } from './tab-state';

export default defineBackground(() => {
  // Listeners are registered synchronously so a worker woken by an event receives it.
  captureMainFrameHeaders();
  const ready: Promise<Services> = openHeedDB().then((db) => {
    const origins = new OriginSignals(db);
    const collector = new Collector(db, origins, async () => parseSettings(await getRawSettings(db)));
    return { db, origins, collector };
  });
  registerMessageHandlers(ready);
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  void ready.then(({ collector }) => collector.resumeAll());
});
