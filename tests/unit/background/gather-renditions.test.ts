import { afterEach, describe, expect, it, vi } from 'vitest';
import { gatherImage } from '@/entrypoints/background/gather-image';
import type { OriginSignals } from '@/entrypoints/background/origin-signals';
import { MAX_RENDITION_SITES } from '@/utils/model/renditions';
import { parseSettings } from '@/utils/model/settings';
import type { ImageCandidate } from '@/utils/policy/verdict';
import { originFiles } from '../policy/fixtures/origin-files';
import { png } from '../media/image-fixtures';

const BIG = 'https://museum.example/a-2000.jpg';

const candidate = (over: Partial<ImageCandidate> = {}): ImageCandidate => ({
  url: BIG, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [], ...over,
});

/** The origins whose signal files gatherImage asked for, each answered with none restricting. */
function recording(): { origins: OriginSignals; asked: string[] } {
  const asked: string[] = [];
  const origins = {
    get: async (o: string) => {
      asked.push(o);
      return originFiles(o);
    },
    rslDocuments: async () => [],
  } as unknown as OriginSignals;
  return { origins, asked };
}

// A rendition the page names on another origin is this image too: that origin's robots.txt,
// ai.txt and tdmrep.json speak for it (assess.ts), so the worker reads them with the image's own.
describe('gatherImage reads the signal files of the renditions’ origins', () => {
  afterEach(() => vi.unstubAllGlobals());
  const run = async (renditions: string[]) => {
    vi.stubGlobal('fetch', async () => new Response(png({ width: 800, height: 600 }) as BodyInit, { status: 200, headers: { 'content-type': 'image/png' } }));
    const { origins, asked } = recording();
    const r = await gatherImage(origins, candidate({ renditions }), parseSettings({}), (_u, req) => req(), async () => null, 0);
    return { r, asked };
  };

  it('a srcset candidate on another origin has that origin’s files read', async () => {
    const { r, asked } = await run(['https://museum.example/a-800.jpg', 'https://cdn.other.example/736/a.jpg']);
    expect(r.ok).toBe(true);
    expect(asked).toEqual(['https://museum.example', 'https://cdn.other.example']);
  });

  it('reads at most MAX_RENDITION_SITES other sites’ files', async () => {
    const { asked } = await run(Array.from({ length: 20 }, (_, i) => `https://s${i}.example/a.jpg`));
    expect(asked.length).toBe(1 + MAX_RENDITION_SITES);
  });
});
