import { afterEach, describe, expect, it, vi } from 'vitest';
import { addFrameHeaders, MAX_FRAMES } from '@/entrypoints/background/frame-headers';
import type { ImageCandidate } from '@/utils/policy/verdict';

const inFrame = (i: number): ImageCandidate =>
  ({ url: `https://img.example/${i}.png`, frames: [{ url: `https://frame${i}.example/`, metas: [], tdm: {} }] }) as unknown as ImageCandidate;

describe('addFrameHeaders', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads each frame’s opt-out headers once, keeping only those', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(null, { status: 200, headers: { 'X-Robots-Tag': 'noimageai', 'Set-Cookie': 'a=b', 'Content-Type': 'text/html' } });
    });
    const shared = inFrame(0);
    const twin = { ...inFrame(1), frames: shared.frames } as ImageCandidate;
    await addFrameHeaders([shared, twin]);
    expect(fetched).toEqual(['https://frame0.example/']);
    expect(shared.frames![0]!.headers).toEqual({ 'x-robots-tag': 'noimageai' });
  });

  it('frames past the cap are requested not at all and marked unread, so their images fail closed', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(null, { status: 200 });
    });
    const candidates = Array.from({ length: MAX_FRAMES + 1 }, (_, i) => inFrame(i));
    await addFrameHeaders(candidates);
    expect(fetched).toHaveLength(MAX_FRAMES);
    expect(candidates[MAX_FRAMES]!.frames![0]!.headersUnread).toMatch(/more than 20 frames/);
    expect(candidates[0]!.frames![0]!.headersUnread).toBeUndefined();
  });
});
