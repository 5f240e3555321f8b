import type { Page } from '@playwright/test';

export interface SeedOptions {
  count: number;
  /** How many of the newest items get image bytes (the rest show "No image"); see README note below. */
  withBlobs: number;
  /** Prefix for the fake sha256 values, so seeds never collide with collected items. */
  prefix?: string;
}

/** The item the hostile-text check opens: the newest seeded item. */
export const HOSTILE = {
  alt: '<img src=x onerror="window.__pwned=1">Hostile alt',
  pageTitle: '<script>window.__pwned=2</script>Hostile page',
  caption: '<b>bold?</b>',
  note: '<a href="javascript:window.__pwned=3">click</a>',
  source: 'javascript:window.__pwned=4',
};

/**
 * Write `count` items straight into the extension's IndexedDB from an extension page, with the
 * schema the page's own db module created (the page must have opened the database first). This
 * is test-only seeding: the build carries no hook for it. Runs inside the page.
 */
export function seedLibrary(page: Page, opts: SeedOptions): Promise<{ ms: number; count: number }> {
  return page.evaluate(seedInPage, { ...opts, prefix: opts.prefix ?? 'seed', hostile: HOSTILE });
}

async function seedInPage(args: SeedOptions & { prefix: string; hostile: typeof HOSTILE }): Promise<{ ms: number; count: number }> {
  const t0 = performance.now();
  const sites = ['museum.example', 'archive.example.org', 'photos.example.co.uk', 'gallery.example', 'library.example.edu', 'commons.example', 'zoo.example', 'maps.example'];
  const licences = [
    { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
    { id: 'CC-BY-SA-4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
    null,
  ];
  const purposes = ['ai-training', 'genai-training', 'research-tdm'];
  // A few distinct pictures: gradient tiles drawn on an OffscreenCanvas.
  const pictures: Blob[] = [];
  for (let p = 0; p < 16; p++) {
    const canvas = new OffscreenCanvas(160, 120);
    const ctx = canvas.getContext('2d')!;
    const g = ctx.createLinearGradient(0, 0, 160, 120);
    g.addColorStop(0, `hsl(${p * 22}, 60%, 55%)`);
    g.addColorStop(1, `hsl(${p * 22 + 80}, 55%, 35%)`);
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 160, 120);
    ctx.fillStyle = 'rgba(255,255,255,0.75)';
    ctx.beginPath();
    ctx.arc(40 + (p % 4) * 25, 40 + (p % 3) * 15, 18 + p, 0, Math.PI * 2);
    ctx.fill();
    pictures.push(await canvas.convertToBlob({ type: 'image/png' }));
  }
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('heed');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const base = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2025, 11, 31) - base;
  const CHUNK = 5000;
  for (let from = 0; from < args.count; from += CHUNK) {
    // Relaxed durability: a test seed need not survive a power cut, and it skips an fsync per chunk.
    const tx = db.transaction(['items', 'blobs'], 'readwrite', { durability: 'relaxed' });
    const items = tx.objectStore('items');
    const blobs = tx.objectStore('blobs');
    for (let i = from; i < Math.min(args.count, from + CHUNK); i++) {
      const newest = i === args.count - 1;
      const site = sites[i % sites.length]!;
      const licence = licences[i % licences.length]!;
      const sha256 = (args.prefix + i.toString(16)).replace(/[^0-9a-f]/g, 'e').padStart(64, '0');
      const title = newest ? args.hostile.pageTitle : `Photo ${i}`;
      items.put({
        sha256,
        mime: 'image/png',
        bytes: 2000 + (i % 5000),
        width: 160,
        height: 120,
        url: `https://img.${site}/photos/${i}.png`,
        finalUrl: `https://img.${site}/photos/${i}.png`,
        pageUrl: `https://www.${site}/gallery/${i % 97}`,
        pageTitle: title,
        alt: newest ? args.hostile.alt : `Photo ${i} from ${site}`,
        caption: newest ? args.hostile.caption : '',
        discovery: ['img'],
        // Spread over two years, newest last; the hostile item is the very newest.
        collectedAt: new Date(base + Math.floor((span * i) / args.count)).toISOString(),
        purpose: purposes[i % purposes.length],
        licence: licence && { ...licence, source: 'page', attribution: `“${title}” by ${site} is licensed under ${licence.id}` },
        synthetic: i % 5 === 0 ? true : i % 5 === 1 ? false : null,
        evidence: [
          { kind: 'robots-txt', scope: 'site', source: `https://www.${site}/robots.txt`, value: 'User-agent: *\nAllow: /', effect: 'allow' },
          { kind: 'licence', scope: 'page', source: newest ? args.hostile.source : 'html', value: licence?.url ?? '(none)', effect: licence ? 'allow' : 'info', note: newest ? args.hostile.note : 'Page-level licence link' },
          { kind: 'tdmrep', scope: 'site', source: `https://www.${site}/.well-known/tdmrep.json`, value: '404', effect: 'info' },
        ],
      });
      if (i >= args.count - args.withBlobs) blobs.put(pictures[i % pictures.length]!, sha256);
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('seed transaction aborted'));
    });
  }
  db.close();
  return { ms: Math.round(performance.now() - t0), count: args.count };
}
