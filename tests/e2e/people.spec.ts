import { test, expect, openSiteWithPopup, type PopupPage } from './harness/fixtures';
import { chooseSetting, libraryCount, openLibrary } from './harness/library-page';
import { stopServiceWorker } from './harness/worker';

// DESIGN.md §2 rule 6 through the real extension: the worker decodes each fetched photo, runs
// the shipped face detector (WASM) and applies the people setting (default for AI training: refuse).
test('people=refuse (AI training default): a CC0 portrait without a model release is refused; MR-UMR permits, MR-LMR refuses; a photo without people is kept; an SVG or an animation it cannot examine is people-unchecked', async ({ heed, sites }) => {
  test.setTimeout(120_000);
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('people.test')}/`);
  const verdicts = await popup.collect();
  const by = (path: string) => verdicts.find((v) => new URL(v.url).pathname === path);
  expect(by('/portrait.jpg')).toMatchObject({ decision: 'refused', reasons: ['person-no-release'] });
  expect(by('/portrait-mr-umr.jpg')).toMatchObject({ decision: 'permitted' });
  expect(by('/portrait-mr-lmr.jpg')).toMatchObject({ decision: 'refused', reasons: ['person-no-release'] });
  expect(by('/coffee.jpg')).toMatchObject({ decision: 'permitted' });
  expect(by('/drawing.svg')).toMatchObject({ decision: 'refused', reasons: ['people-unchecked'] });
  // The photo inside an SVG speaks for it: refused for its own XMP before any people check.
  expect(by('/wrapped.svg')).toMatchObject({ decision: 'refused', reasons: ['xmp-data-mining'] });
  // Its first frame decodes and shows no face; a face could be in the next one.
  expect(by('/animated.gif')).toMatchObject({ decision: 'refused', reasons: ['people-unchecked'] });

  // In plain words: the reason's label in the summary, and each refused row's note.
  await expect(popup.page.getByRole('listitem', { name: 'A person’s face is recognisable and no model release is recorded' })).toHaveCount(1);
  await expect(popup.page.getByText('1 recognisable face (32 px or larger) and no model release recorded', { exact: false })).toBeVisible();

  const { manifest } = await popup.exportManifest();
  const item = (path: string) => manifest.items.find((i: { url: string }) => new URL(i.url).pathname === path);
  expect(item('/portrait-mr-umr.jpg').people).toMatchObject({ modelRelease: 'MR-UMR', detector: expect.stringContaining('TinyFaceDetector') });
  expect(item('/portrait-mr-umr.jpg').people.faces).toBeGreaterThanOrEqual(1);
  expect(item('/portrait-mr-umr.jpg').people.largestFacePx).toBeGreaterThanOrEqual(32);
  expect(item('/coffee.jpg').people).toMatchObject({ faces: 0, largestFacePx: null, modelRelease: null });
  expect(manifest.summary.refused['person-no-release']).toBe(2);

  // The library's "shows people" filter: the released portrait, not the coffee cup.
  const library = await openLibrary(heed);
  expect(await libraryCount(library)).toBe(2);
  await library.getByTestId('filter-people').check();
  await expect(library.getByTestId('library-count')).toHaveAttribute('data-count', '1');
  // Its details say what was found and which release was read.
  await library.getByTestId('library-item').first().click();
  await expect(library.getByTestId('item-people')).toContainText(/^\d+ faces? found, the largest \d+ px; model release MR-UMR \(allows use\)\. Checked on this device by face-api TinyFaceDetector/);
});

const choosePeople = (heed: Parameters<typeof openLibrary>[0], value: 'flag' | 'off') => chooseSetting(heed, 'setting-people', value);

test('people=off records people: null; people=flag keeps a portrait and marks it', async ({ heed, sites }) => {
  test.setTimeout(120_000);
  await choosePeople(heed, 'off');
  const off = await openSiteWithPopup(heed, `${sites.origin('people.test')}/`);
  const offVerdicts = await off.popup.collect();
  expect(offVerdicts.find((v) => new URL(v.url).pathname === '/portrait.jpg')).toMatchObject({ decision: 'permitted' });
  // With no people check to refuse SVGs, a photo wrapped in one is still refused for what its own XMP says.
  expect(offVerdicts.find((v) => new URL(v.url).pathname === '/drawing.svg')).toMatchObject({ decision: 'permitted' });
  expect(offVerdicts.find((v) => new URL(v.url).pathname === '/wrapped.svg')).toMatchObject({ decision: 'refused', reasons: ['xmp-data-mining'] });
  let { manifest } = await off.popup.exportManifest();
  const portrait = manifest.items.find((i: { url: string }) => new URL(i.url).pathname === '/portrait.jpg');
  expect(portrait.people).toBeNull();
  expect(portrait.evidence.some((e: { kind: string }) => e.kind === 'people')).toBe(false);
  await off.page.close();
  await off.popup.page.close();

  await choosePeople(heed, 'flag');
  const flagged = await openSiteWithPopup(heed, `${sites.origin('people.test')}/flag.html`);
  const verdicts = await flagged.popup.collect();
  expect(verdicts.find((v) => new URL(v.url).pathname === '/photographer.jpg')).toMatchObject({ decision: 'permitted' });
  ({ manifest } = await flagged.popup.exportManifest());
  const kept = manifest.items.find((i: { url: string }) => new URL(i.url).pathname === '/photographer.jpg');
  expect(kept.people).toMatchObject({ faces: expect.any(Number), modelRelease: null });
  expect(kept.people.largestFacePx).toBeGreaterThanOrEqual(32);
  expect(kept.evidence.find((e: { kind: string }) => e.kind === 'people')).toMatchObject({ effect: 'info', note: expect.stringContaining('Kept and marked') });
});

test('a face small in a large photo is found (the photo is read in tiles, not only shrunk to the detector’s input); a photo needing more passes than Heed runs is people-unchecked, and says how to check it', async ({ heed, sites }) => {
  test.setTimeout(120_000);
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('people.test')}/crowd.html`);
  const verdicts = await popup.collect();
  const by = (path: string) => verdicts.find((v) => new URL(v.url).pathname === path);
  // Shrunk whole to 608 px its ~40–72 px faces were under 20 px and went unseen: the photo was kept.
  expect(by('/crowd.jpg')).toMatchObject({ decision: 'refused', reasons: ['person-no-release'] });
  expect(by('/huge.jpg')).toMatchObject({ decision: 'refused', reasons: ['people-unchecked'] });
  await expect(popup.page.getByText(/3600×2400 image takes \d+ detector passes, more than the 24 Heed runs per image/)).toBeVisible();
});

// Issue 17: the face detector runs in people workers beside the collect, which Chromium's
// service worker cannot start: an offscreen document does. One left open by an earlier life of
// the service worker holds ports no longer anyone's; the next people check opens it afresh.
test('the people check runs in workers an offscreen document hosts, also after the service worker was stopped', async ({ heed, sites }) => {
  test.setTimeout(120_000);
  const hasOffscreen = () => heed.context.serviceWorkers().find((w) => w.url().includes(heed.extensionId))!.evaluate(() => (globalThis as unknown as { chrome: { offscreen: { hasDocument(): Promise<boolean> } } }).chrome.offscreen.hasDocument());
  // A face found (not people-unchecked): the detector ran. The second collect finds the cup stored already.
  const expectPeopleChecked = (verdicts: Awaited<ReturnType<PopupPage['collect']>>, cup: 'permitted' | 'duplicate') => {
    expect(verdicts.find((v) => new URL(v.url).pathname === '/portrait.jpg')).toMatchObject({ decision: 'refused', reasons: ['person-no-release'] });
    expect(verdicts.find((v) => new URL(v.url).pathname === '/coffee.jpg')).toMatchObject({ decision: cup });
  };
  expect(await hasOffscreen()).toBe(false);
  const first = await openSiteWithPopup(heed, `${sites.origin('people.test')}/`);
  expectPeopleChecked(await first.popup.collect(), 'permitted');
  expect(await hasOffscreen()).toBe(true);
  await stopServiceWorker(heed, first.popup.page);
  const again = await openSiteWithPopup(heed, `${sites.origin('people.test')}/?again`);
  expectPeopleChecked(await again.popup.collect(), 'duplicate');
});

// Issue 17: a service worker stopped before it closed the offscreen document left it, and the
// detector's memory in each worker, for the rest of the session. The document closes itself when
// its workers have had no image for its idle time (HOST_IDLE_MS, passed as `idle`; short here).
test('the people workers’ offscreen document closes itself when idle', async ({ heed }) => {
  const worker = heed.context.serviceWorkers().find((w) => w.url().includes(heed.extensionId))!;
  type Offscreen = { chrome: { offscreen: { hasDocument(): Promise<boolean>; createDocument(o: object): Promise<void> } } };
  await worker.evaluate(() => (globalThis as unknown as Offscreen).chrome.offscreen.createDocument({
    url: 'people-host.html?workers=1&nonce=left-over&idle=1500', reasons: ['WORKERS'], justification: 'test',
  }));
  expect(await worker.evaluate(() => (globalThis as unknown as Offscreen).chrome.offscreen.hasDocument())).toBe(true);
  await expect.poll(() => worker.evaluate(() => (globalThis as unknown as Offscreen).chrome.offscreen.hasDocument()), { timeout: 10_000 }).toBe(false);
});
