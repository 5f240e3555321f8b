import type { SiteStatus } from '@/utils/policy/site-status';

const BADGE: Record<SiteStatus, { text: string; color: string; title: string }> = {
  blocked: { text: 'NO', color: '#b3261e', title: 'Heed: collection blocked on this site' },
  restricted: { text: '!', color: '#b26a00', title: 'Heed: collection restricted on this site' },
  permitted: { text: 'OK', color: '#1e7b34', title: 'Heed: openly licensed site' },
  unknown: { text: '', color: '#5f6368', title: 'Heed: no decisive rights signal on this page' },
};

/** Show a site status on the tab's toolbar badge (colour + short text for blocked/restricted). */
export async function showStatusBadge(tabId: number, status: SiteStatus): Promise<void> {
  const b = BADGE[status];
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: b.text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: b.color }),
    browser.action.setTitle({ tabId, title: b.title }),
  ]).catch(() => undefined); // the tab may have closed meanwhile
}
