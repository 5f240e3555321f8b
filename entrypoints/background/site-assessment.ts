import { assessPage, type PageAssessment } from '@/utils/assess';
import type { HeedDatabase } from '@/utils/db';
import type { PageSignals } from '@/utils/page-signals';
import type { Settings } from '@/utils/settings';

/** Gather the site- and page-level evidence for a page and assess it. */
export async function assessSite(
  _db: HeedDatabase,
  _tabId: number,
  _pageUrl: string,
  page: PageSignals,
  settings: Settings,
): Promise<PageAssessment> {
  return assessPage({ page, siteEvidence: [] }, settings);
}
