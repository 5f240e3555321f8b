import { describe, expect, it } from 'vitest';
import { hiddenByBrowser } from '@/utils/net/response-access';

// Host access is an input: Firefox (MV3) lets the user withhold it, and the browser then answers
// the background's requests as cross-origin ones (`cors`), hiding all but the CORS-safelisted headers.
describe('hiddenByBrowser', () => {
  it('without host access (a cors response) the response is unread, with the reason', () => {
    expect(hiddenByBrowser('cors')).toMatch(/without host access/);
  });

  it('an opaque or error response is unread', () => {
    expect(hiddenByBrowser('opaque')).not.toBeNull();
    expect(hiddenByBrowser('error')).not.toBeNull();
  });

  it('unchanged: with host access (a basic response, on Chromium and Firefox) the response is read', () => {
    expect(hiddenByBrowser('basic')).toBeNull();
  });
});
