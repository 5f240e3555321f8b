import { test, expect, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSiteServer, type SiteServer } from './harness/server';
import { injectScan, launchPlainChromium, scanIn, type PlainScanOptions } from './harness/scan-bundle';
import { ImageCandidateSchema, type ImageCandidate } from '../../utils/policy/verdict';

// Runs the scanner core (utils/scan/scan-page.ts, bundled) in real pages of plain Chromium: no
// extension needed. One fixture page per discovery path under sites/discovery.test/.
const SITES = resolve(import.meta.dirname, 'sites');
let server: SiteServer;
let browser: Browser;
let page: Page;

test.beforeAll(async () => {
  server = await startSiteServer(SITES);
  browser = await launchPlainChromium();
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});
test.beforeEach(async () => {
  page = await browser.newPage();
});
test.afterEach(async () => {
  await page.close();
});

async function scanPage(path: string, options: PlainScanOptions = {}, waitUntil: 'load' | 'networkidle' = 'load') {
  await page.goto(`${server.origin('discovery.test')}/${path}`, { waitUntil });
  const result = await scanIn(page, options);
  for (const c of result.candidates) expect(ImageCandidateSchema.safeParse(c).success, c.url.slice(0, 200)).toBe(true);
  return result;
}
const pathOf = (url: string) => (url.startsWith('data:') ? url.slice(0, 19) : new URL(url).pathname);
const paths = (cs: ImageCandidate[]) => cs.map((c) => pathOf(c.url)).sort();
const find = (cs: ImageCandidate[], path: string): ImageCandidate => {
  const c = cs.find((x) => pathOf(x.url) === path);
  if (!c) throw new Error(`${path} not found among ${paths(cs).join(', ')}`);
  return c;
};

test('img: currentSrc, the largest srcset candidate (w with sizes, x), relative URLs', async () => {
  const { candidates } = await scanPage('img.html');
  expect(paths(candidates)).toEqual(['/i/plain.png', '/i/relative.png', '/i/w-1600.png', '/i/x-3.png']);
  expect(find(candidates, '/i/plain.png')).toMatchObject({ width: 300, height: 200, discovery: ['img'], thumbnailUrl: null });
  const w = find(candidates, '/i/w-1600.png');
  expect(w.discovery).toEqual(['img', 'srcset']);
  expect(pathOf(w.thumbnailUrl!)).toBe('/i/w-400.png'); // what the 200px slot shows
  expect(w).toMatchObject({ width: 1600, height: 1200, renderedWidth: 200 }); // the sizes slot
  expect(find(candidates, '/i/x-3.png').discovery).toEqual(['img', 'srcset']);
});

test('picture: the largest <source> across sources', async () => {
  const { candidates } = await scanPage('picture.html');
  expect(paths(candidates)).toEqual(['/p/only-source.png', '/p/wide-2400.png']);
  expect(find(candidates, '/p/wide-2400.png').discovery).toEqual(['img', 'picture']);
});

test('lazy: one attribute list, placeholders skipped, native lazy images not yet loaded', async () => {
  const { candidates } = await scanPage('lazy.html');
  expect(paths(candidates)).toEqual(['/l/below-fold.png', '/l/lazy-bg.png', '/l/lazy-bg2.png', '/l/original.png', '/l/real.png', '/l/s-900.png', '/l/zoom.png']);
  expect(find(candidates, '/l/below-fold.png').discovery).toEqual(['img', 'lazy']);
  expect(find(candidates, '/l/real.png')).toMatchObject({ discovery: ['img', 'lazy'], thumbnailUrl: null, alt: 'placeholder swapped later' });
  expect(pathOf(find(candidates, '/l/zoom.png').thumbnailUrl!)).toBe('/l/thumb.png');
  expect(find(candidates, '/l/lazy-bg.png').discovery).toEqual(['lazy', 'css']);
});

test('css: layers, image-set, ::before/::after, var(), @media/@supports, nesting, @import, inline — computing few styles', async () => {
  const { candidates, stats } = await scanPage('css.html');
  expect(paths(candidates)).toEqual(
    ['after-content', 'before', 'hero', 'imported', 'inline', 'layer1', 'layer2', 'linked', 'media', 'nested-decl', 'nested', 'set-2x', 'shorthand-var', 'var', 'wk-2x'].map((n) => `/c/${n}.png`),
  );
  expect(find(candidates, '/c/before.png').discovery).toEqual(['css', 'pseudo']);
  // Found from its rule (not only as a loaded resource): declarations after a nested rule count.
  expect(find(candidates, '/c/nested-decl.png').discovery).toEqual(['css']);
  expect(find(candidates, '/c/hero.png')).toMatchObject({ discovery: ['css'], renderedWidth: 200, renderedHeight: 120 });
  // ~330 elements on the page; only rule matches and inline styles are computed.
  expect(stats.computedStyleCalls).toBeLessThanOrEqual(20);
  expect(stats.unreadableSheets).toBe(0);
});

test('css: a cross-origin stylesheet is swept (own boxes, then ::before/::after), or read from text the shell fetched', async () => {
  // networkidle: CSS images are requested after the load event; Collect comes later still.
  const swept = await scanPage('css-cross-origin.html', {}, 'networkidle');
  expect(paths(swept.candidates)).toEqual(['/c/near.png', '/far-after.png', '/far.png']);
  expect(find(swept.candidates, '/far.png').discovery).toEqual(['css']);
  expect(find(swept.candidates, '/far-after.png').discovery).toEqual(['css', 'pseudo']);
  expect(swept.stats.unreadableSheets).toBe(1);
  const elements = await page.evaluate(() => document.querySelectorAll('*').length);
  expect(swept.stats.computedStyleCalls).toBeGreaterThanOrEqual(3 * elements); // the price of a blind sheet

  const href = `${server.origin('discovery-cdn.test')}/far.css`;
  const cssTexts = { [href]: readFileSync(resolve(SITES, 'discovery-cdn.test/far.css'), 'utf8') };
  const guided = await scanIn(page, { cssTexts });
  expect(paths(guided.candidates)).toEqual(['/c/near.png', '/far-after.png', '/far.png']);
  expect(guided.stats.unreadableSheets).toBe(0);
  expect(guided.stats.computedStyleCalls).toBeLessThanOrEqual(4);
});

test('svg: inline SVG as a standalone, script-free SVG file; icons skipped', async () => {
  const { candidates } = await scanPage('svg.html');
  expect(candidates).toHaveLength(2);
  const chart = candidates.find((c) => c.title === 'Quarterly chart')!;
  expect(chart).toMatchObject({ discovery: ['svg'], width: 400, height: 300, renderedWidth: 400 });
  const markup = decodeURIComponent(chart.url.slice(chart.url.indexOf(',') + 1));
  expect(markup).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(markup).toContain('fill="#3a7"');
  expect(markup).not.toMatch(/script|onclick/i);
  expect(candidates.find((c) => c !== chart)).toMatchObject({ renderedWidth: 240, renderedHeight: 160 });
  // The data: URL is a real image: Chromium decodes it at its own size.
  const size = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, chart.url);
  expect(size).toEqual([400, 300]);
});

test('svg image: a picture an inline SVG draws is found with its context; the SVG file keeps an absolute reference to it', async () => {
  const { candidates } = await scanPage('svg-image.html');
  const photos = candidates.filter((c) => !c.url.startsWith('data:'));
  expect(paths(photos)).toEqual(['/s/legacy.png', '/s/team.png']);
  expect(find(candidates, '/s/team.png')).toMatchObject({
    discovery: ['svg'],
    title: 'Team portrait', // the drawing SVG's own title
    caption: 'The team at the spring offsite',
    heading: 'Our team',
    renderedWidth: 300,
    renderedHeight: 300,
  });
  expect(find(candidates, '/s/legacy.png')).toMatchObject({ discovery: ['svg'], ariaLabel: 'Harbour at dawn', renderedWidth: 400 });
  // The drawing itself is still an SVG file, its reference made absolute so it survives leaving the page.
  const avatar = candidates.find((c) => c.url.startsWith('data:') && decodeURIComponent(c.url).includes('Team portrait'))!;
  expect(decodeURIComponent(avatar.url)).toContain(`href="${server.origin('discovery.test')}/s/team.png?w=600&amp;h=600"`);
});

test('video poster, input type=image, object and embed', async () => {
  const { candidates } = await scanPage('media.html');
  expect(paths(candidates)).toEqual(['/m/embed.png', '/m/object.png', '/m/poster.png', '/m/submit.png']);
  expect(find(candidates, '/m/poster.png').discovery).toEqual(['poster']);
  expect(find(candidates, '/m/submit.png')).toMatchObject({ discovery: ['input'], alt: 'Send' });
  expect(find(candidates, '/m/object.png').discovery).toEqual(['object']);
});

test('links: the linked original is the image, the thumbnail is kept as thumbnailUrl', async () => {
  const { candidates } = await scanPage('links.html');
  expect(paths(candidates)).toEqual(['/k/full.png', '/k/full2.png', '/k/pic.png', '/k/raw.png']);
  const full = find(candidates, '/k/full.png');
  expect(full).toMatchObject({ discovery: ['link', 'img'], alt: 'thumbnail', linkUrl: null });
  expect(pathOf(full.thumbnailUrl!)).toBe('/k/thumb.png');
  expect(pathOf(find(candidates, '/k/full2.png').thumbnailUrl!)).toBe('/k/thumb2.png');
  expect(find(candidates, '/k/full2.png').discovery).toEqual(['link', 'css']);
  expect(pathOf(find(candidates, '/k/pic.png').linkUrl!)).toBe('/k/story.html');
  expect(find(candidates, '/k/raw.png').discovery).toEqual(['link']);
});

test('shadow: open roots recursively with their own and adopted styles; a closed root only via Resource Timing', async () => {
  const { candidates, stats } = await scanPage('shadow.html');
  expect(paths(candidates)).toEqual(['/s/adopted.png', '/s/closed.png', '/s/host-bg.png', '/s/nested.png', '/s/open.png', '/s/shadow-bg.png']);
  for (const p of ['/s/adopted.png', '/s/host-bg.png', '/s/nested.png', '/s/open.png', '/s/shadow-bg.png']) expect(find(candidates, p).discovery).toContain('shadow');
  expect(find(candidates, '/s/open.png')).toMatchObject({ discovery: ['img', 'shadow'], heading: 'Inside the card' });
  expect(find(candidates, '/s/closed.png').discovery).toEqual(['resource-timing']);
  expect(stats.roots).toBe(4);
});

test('iframe: each frame scans itself; frame candidates are marked iframe', async () => {
  const top = await scanPage('iframe.html');
  expect(paths(top.candidates)).toEqual(['/f/top.png']);
  expect(top.candidates[0]!.discovery).toEqual(['img']);
  const child = page.frames().find((f) => f.url().endsWith('/frame-child.html'))!;
  const inFrame = await scanIn(child);
  expect(paths(inFrame.candidates)).toEqual(['/f/child.png']);
  expect(inFrame.candidates[0]!.discovery).toEqual(['img', 'iframe']);
});

test('resource timing: images loaded but no longer in the DOM; beacons and errors left out', async () => {
  await page.goto(`${server.origin('discovery.test')}/resource-timing.html`, { waitUntil: 'load' });
  await page.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
  const { candidates } = await scanIn(page);
  expect(paths(candidates)).toEqual(['/r/js-only.png', '/r/removed.png', '/r/stays.png']);
  expect(find(candidates, '/r/removed.png').discovery).toEqual(['resource-timing']);
  expect(find(candidates, '/r/stays.png').discovery).toEqual(['img']);
});

test('small: icons, pixels, thin banners and placeholders skipped by rendered AND natural size', async () => {
  const { candidates, stats } = await scanPage('small.html');
  expect(paths(candidates)).toEqual(['/m/exact.png', '/m/thumb.png', '/m/upscaled.png']);
  expect(stats.skipped).toBeGreaterThanOrEqual(4);
  const lenient = await scanIn(page, { minWidth: 10, minHeight: 10 });
  expect(paths(lenient.candidates)).toEqual(['/m/banner.png', '/m/exact.png', '/m/icon.png', '/m/thumb.png', '/m/upscaled.png']);
});

test('context: alt, title, caption, aria-label, nearest heading, link, sizes, element licence', async () => {
  const { candidates } = await scanPage('context.html');
  expect(paths(candidates)).toEqual(['/x/kestrel.png', '/x/owl.png']);
  const kestrel = find(candidates, '/x/kestrel.png');
  expect(kestrel).toMatchObject({
    alt: 'A kestrel hovering',
    title: 'Kestrel',
    caption: 'Common kestrel by Ana Ruiz, CC BY 4.0',
    ariaLabel: 'Bird photo',
    heading: 'Falcons',
    width: 640,
    height: 480,
    renderedWidth: 320,
    renderedHeight: 240,
  });
  expect(pathOf(kestrel.linkUrl!)).toBe('/story/kestrel.html');
  expect(kestrel.elementLicences).toEqual([expect.objectContaining({ via: 'figure', licences: ['https://creativecommons.org/licenses/by/4.0/'] })]);
  expect(find(candidates, '/x/owl.png')).toMatchObject({ ariaLabel: 'Barn owl at dusk', heading: 'Owls', discovery: ['css'] });
});

test('context: nearest headings hold across the chunks of the tree pass (1,024 elements each)', async () => {
  await page.goto(`${server.origin('discovery.test')}/context.html`, { waitUntil: 'load' });
  await page.evaluate(() => {
    const body: string[] = [];
    for (let i = 0; i < 5000; i++) body.push(i % 500 === 0 ? `<h2>Part ${i}</h2>` : i % 10 === 5 ? `<img src="/none/i${i}.png" width="80" height="60" alt="">` : '<p>t</p>');
    document.body.innerHTML = body.join('');
  });
  const { candidates } = await scanIn(page, { resourceTiming: false });
  expect(candidates).toHaveLength(500);
  for (const c of candidates) {
    const i = Number(/i(\d+)\.png$/.exec(c.url)![1]);
    expect(c.heading, c.url).toBe(`Part ${Math.floor(i / 500) * 500}`);
  }
});

test('blob: images a page script made are reported (as blob: URLs), not dropped', async () => {
  const { candidates } = await scanPage('blob.html');
  expect(candidates.map((c) => c.url.replace(/^blob:[^/]+\/\/[^/]+\/.*$/, 'blob:…'))).toEqual([expect.stringMatching(/\/b\/plain\.png/), 'blob:…']);
  expect(candidates.find((c) => c.url.startsWith('blob:'))).toMatchObject({ discovery: ['img'], alt: 'drawn by a script', width: 200, height: 150 });
});

test('hostile page: markup in text, 5,000-deep nesting, closed shadow root, a page rewriting itself while scanned', async () => {
  const t0 = Date.now();
  const { candidates, stats } = await scanPage('hostile.html');
  expect(Date.now() - t0).toBeLessThan(15_000);
  const stable = find(candidates, '/h/stable.png');
  expect(stable.alt).toBe('<img src=x onerror=alert(1)>');
  expect(stable.title).toBe('</title><script>alert(2)</script>');
  expect(find(candidates, '/h/long-alt.png').alt).toBe('A'.repeat(500));
  expect(find(candidates, '/h/deep.png')).toMatchObject({ caption: 'five thousand down', alt: 'at the bottom' });
  expect(find(candidates, '/h/closed.png').discovery).toEqual(['resource-timing']);
  expect(stats.errors).toBeGreaterThan(0); // the throwing getter cost its element only
  expect(stats.ms).toBeLessThan(5_000);
  // Scanning again and again while the page churns never throws.
  for (let i = 0; i < 3; i++) expect((await scanIn(page)).candidates.length).toBeGreaterThan(3);
});

test('watch: an infinite feed reports new images as the user scrolls, until stopped', async () => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${server.origin('discovery.test')}/feed.html`, { waitUntil: 'load' });
  await injectScan(page);
  await page.evaluate(() => {
    const w = window as unknown as { batches: string[][]; stopWatch: () => void; HeedScan: { watchForImages: (...a: unknown[]) => () => void } };
    w.batches = [];
    w.stopWatch = w.HeedScan.watchForImages(document, location.href, (cs: { url: string }[]) => w.batches.push(cs.map((c) => new URL(c.url).pathname)), { throttleMs: 100 });
  });
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, 1500);
    await page.waitForTimeout(250);
  }
  const reported = await page.evaluate(() => (window as unknown as { batches: string[][] }).batches.flat());
  const expected = [2, 3, 4, 5].flatMap((p) => [0, 1, 2].map((i) => `/feed/p${p}-${i}.png`));
  expect([...reported].sort()).toEqual(expected.sort()); // page 1 was on the page when watching began
  await page.evaluate(() => {
    (window as unknown as { stopWatch: () => void }).stopWatch();
    const img = document.createElement('img');
    img.src = '/feed/after-stop.png';
    document.body.append(img);
  });
  await page.waitForTimeout(400);
  const after = await page.evaluate(() => (window as unknown as { batches: string[][] }).batches.flat());
  expect(after).not.toContain('/feed/after-stop.png');
});
