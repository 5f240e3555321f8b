import { describe, expect, it } from 'vitest';
import { pendingWithdrawals } from '@/utils/policy/pending-withdrawals';

const X = 'https://cdn.example/x.jpg';
const Y = 'https://cdn.example/y.jpg';
const at = (index: number, seq: number, decision: 'permitted' | 'duplicate' | 'refused' | 'failed', sha256: string | null = decision === 'refused' ? null : 'a'.repeat(64)) => ({ index, seq, verdict: { decision, sha256 } });

describe('pendingWithdrawals (a refusal a stopped worker did not act on)', () => {
  it('an image kept, then refused or failed where it was found again, is to be taken out', () => {
    expect(pendingWithdrawals([{ url: X }, { url: X }], [at(0, 0, 'permitted'), at(1, 1, 'refused')])).toEqual([X]);
    expect(pendingWithdrawals([{ url: X }, { url: X }], [at(0, 0, 'duplicate'), at(1, 1, 'failed', null)])).toEqual([X]);
  });

  it('an image whose last verdict keeps it, or that was never kept, is left alone', () => {
    expect(pendingWithdrawals([{ url: X }, { url: X }], [at(0, 0, 'failed', null), at(1, 1, 'permitted')])).toEqual([]);
    expect(pendingWithdrawals([{ url: X }, { url: Y }], [at(0, 0, 'permitted'), at(1, 1, 'refused')])).toEqual([]);
    expect(pendingWithdrawals([{ url: X }, { url: X }], [at(0, 0, 'refused'), at(1, 1, 'refused')])).toEqual([]);
  });

  it('orders by seq, not by index, and ignores a verdict whose candidate is gone', () => {
    expect(pendingWithdrawals([{ url: X }, { url: X }], [at(1, 0, 'permitted'), at(0, 1, 'refused')])).toEqual([X]);
    expect(pendingWithdrawals([{ url: X }, { url: X }], [at(1, 0, 'refused'), at(0, 1, 'permitted')])).toEqual([]);
    expect(pendingWithdrawals([{ url: X }], [at(0, 0, 'permitted'), at(7, 1, 'refused')])).toEqual([]);
  });
});

describe('pendingWithdrawals (a stored image marked unread after its verdict)', () => {
  const unread = { headersUnread: 'the image was shown again after this collect was full; that report was not read' };
  it('a kept image whose candidate now carries a frame Heed did not read is to be taken out', () => {
    expect(pendingWithdrawals([{ url: X, frames: [{}, unread] }], [at(0, 0, 'permitted')])).toEqual([X]);
  });
  it('a frame read, or an unread one on an image never kept, is left alone', () => {
    expect(pendingWithdrawals([{ url: X, frames: [{}] }], [at(0, 0, 'permitted')])).toEqual([]);
    expect(pendingWithdrawals([{ url: X, frames: [unread] }], [at(0, 0, 'refused')])).toEqual([]);
  });
});

describe('pendingWithdrawals (damaged records)', () => {
  it('a verdict record without its verdict, or a candidate without a URL, is passed over, never a throw', () => {
    const damaged = [{ index: 0, seq: 0 }, { index: 1, seq: 1, verdict: null }, at(2, 2, 'permitted'), at(3, 3, 'refused')] as never;
    expect(pendingWithdrawals([{ url: X }, { url: X }, { url: X }, null, { url: X }] as never, damaged)).toEqual([]);
    expect(pendingWithdrawals([{ url: X }, { url: X }, { url: X }, { url: X }], damaged)).toEqual([X]);
  });
});
