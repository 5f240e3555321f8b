import { afterEach, describe, expect, it } from 'vitest';
import { announceJobChanged, onJobChanged } from '../../../utils/messages/job-events';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('job events (worker → open popups)', () => {
  it('changes in one task are announced once per job, after it', async () => {
    const got: string[] = [];
    stops.push(onJobChanged((id) => got.push(id)));
    announceJobChanged('job-1');
    announceJobChanged('job-1');
    announceJobChanged('job-2');
    await settle();
    expect(got.sort()).toEqual(['job-1', 'job-2']);
  });

  it('malformed messages on the channel are ignored', async () => {
    const got: string[] = [];
    stops.push(onJobChanged((id) => got.push(id)));
    const rogue = new BroadcastChannel('heed-jobs');
    for (const data of [{ type: 'job-changed', jobId: '' }, { type: 'job-changed', jobId: 'x'.repeat(101) }, { type: 'other', jobId: 'a' }, 'job-changed', null]) rogue.postMessage(data);
    rogue.close();
    await settle();
    expect(got).toEqual([]);
  });
});
