import { describe, expect, it } from 'vitest';
import { serialScans } from '../../../utils/people/serial-scans';
import type { ScanAnswer, ScanRequest } from '../../../utils/people/scan-protocol';
import type { FaceScan } from '../../../utils/policy/people';

const request = (id: number): ScanRequest => ({ id, bytes: new Uint8Array([id]), mime: 'image/png', minFacePx: 32 });
const noFaces: FaceScan = { status: 'examined', detector: 'test', faces: [] };
const settle = () => new Promise((r) => setTimeout(r, 0));

// A people worker takes requests one at a time on a promise chain. Sending an answer that threw
// (the port closed under it, an answer the structured clone refused) rejected the chain, and every
// later request on that port waited for the 120 s timeout and was never answered, its busy count
// never falling, so the host document that closes when idle stayed open.
describe('a people worker answering its requests one at a time', () => {
  it('an answer that cannot be sent does not stop the answers after it', async () => {
    const sent: ScanAnswer[] = [];
    let failNext = true;
    const busy: boolean[] = [];
    const take = serialScans(async () => noFaces, (answer) => {
      if (failNext) {
        failNext = false;
        throw new Error('DataCloneError');
      }
      sent.push(answer);
    }, (b) => busy.push(b));
    take(request(1));
    take(request(2));
    for (let i = 0; i < 5; i++) await settle();
    expect(sent.map((a) => a.id)).toEqual([1, 2]);
    expect(sent[0]!.scan.status).toBe('unchecked');
    expect(busy[busy.length - 1]).toBe(false);
  });

  it('unchanged: answers go out in order, each with its own id and scan, and a scan that throws is unchecked', async () => {
    const sent: ScanAnswer[] = [];
    const take = serialScans(async (r) => (r.id === 2 ? Promise.reject(new Error('bad image')) : noFaces), (a) => sent.push(a), () => undefined);
    take(request(1));
    take(request(2));
    take(request(3));
    for (let i = 0; i < 5; i++) await settle();
    expect(sent.map((a) => [a.id, a.scan.status])).toEqual([[1, 'examined'], [2, 'unchecked'], [3, 'examined']]);
  });
});
