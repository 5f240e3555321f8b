import { describe, expect, it } from 'vitest';
import type { SiteStatusView } from '../../../utils/messages/messages';
import { noticeFor } from '../../../utils/ui/site-notice';

const blocked = (note: string | undefined): SiteStatusView => ({
  pageUrl: 'https://photos.example/',
  status: 'blocked',
  reasons: ['robots-disallow'],
  evidence: [{ kind: 'robots-txt', scope: 'site', source: 'https://photos.example/robots.txt', value: 'Disallow: /', effect: 'deny', reason: 'robots-disallow', ...(note === undefined ? {} : { note }) }],
});

describe('the in-page notice on a blocked site', () => {
  it('shows a bidi control or invisible character in a reason as its code point, as the popup does', () => {
    const notice = noticeFor(blocked('Disallowed by robots.txt for \u202Egpj.otohp'));
    expect(notice?.reasons).toEqual(['Disallowed by robots.txt for [U+202E]gpj.otohp']);
  });

  it('unchanged: a plain note is shown as it is, a missing one as the reason’s label, and a site not blocked gets no notice', () => {
    expect(noticeFor(blocked('robots.txt disallows every crawler'))?.reasons).toEqual(['robots.txt disallows every crawler']);
    expect(noticeFor(blocked(undefined))?.reasons[0]).toMatch(/robots/i);
    expect(noticeFor({ ...blocked(undefined), status: 'restricted' })).toBeNull();
  });
});
