import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Collector } from '@/entrypoints/background/collector';
import type { OriginSignals } from '@/entrypoints/background/origin-signals';
import { openHeedDB } from '@/utils/store/db';
import { parseSettings, type Settings } from '@/utils/model/settings';

let n = 0;
const noOrigins = {} as OriginSignals;

/** The collector's check before it reads a page's cross-origin sheets (private: reached as the start of a collect reaches it). */
async function knownBlocked(pageUrl: string, settings: Settings): Promise<boolean> {
  const db = await openHeedDB(`collector-known-blocked-${++n}`);
  const collector = new Collector(db, noOrigins, async () => ({ ok: true, settings }) as never);
  return (collector as unknown as { knownBlocked(tabId: number, pageUrl: string, settings: Settings): Promise<boolean> }).knownBlocked(7, pageUrl, settings);
}

// The collector skips reading a blocked page's cross-origin stylesheets (no requests on a site it
// refuses). Its shortcut read the page's own host only: the Wayback Machine's copy of a Pinterest
// page — which the decision reads as Pinterest's (site-registry.ts archivedSiteEvidence) — was not
// known blocked, and its sheets were requested.
describe('knownBlocked (before the cross-origin sheets are read)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a Wayback Machine copy of a blocked site is known blocked, as the decision reads it', async () => {
    expect(await knownBlocked('https://web.archive.org/web/20200101000000/https://www.pinterest.com/pin/1/', parseSettings({}))).toBe(true);
    expect(await knownBlocked('https://web.archive.org/web/2020/https://museum.example/', parseSettings({ userBlock: ['museum.example'] }))).toBe(true);
  });

  it('a page the registry and lists do not cover is not known blocked', async () => {
    expect(await knownBlocked('https://web.archive.org/web/2020/https://museum.example/', parseSettings({}))).toBe(false);
    expect(await knownBlocked('https://www.pinterest.com/pin/1/', parseSettings({}))).toBe(true);
  });
});
