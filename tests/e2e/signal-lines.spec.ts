import { test, expect, openSiteWithPopup } from './harness/fixtures';

// DESIGN.md §2 rule 3: a header sent on several lines is read line by line. The page's
// headers come from webRequest, one entry per line; an image's come from fetch, joined.
test('a page answering X-Robots-Tag on two lines (googlebot: noimageindex / noai, noimageai) is blocked', async ({ heed, sites }) => {
  await heed.serviceWorker.evaluate(() => true); // the webRequest observer reads the lines (see below)
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('xrobots-lines.test')}/page.html`);
  expect(await popup.siteStatus()).toBe('blocked');
  expect(await popup.siteReasons()).toEqual(['x-robots-tag']);
  const verdicts = await popup.collect();
  expect(verdicts.map((v) => [v.decision, v.reasons])).toEqual([['refused', ['x-robots-tag']]]);
});

test('a page answering one line `googlebot: noindex, noai` is read as that line: addressed to googlebot only', async ({ heed, sites }) => {
  // The webRequest observer keeps the line apart; were it joined (fetch), `noai` would bind everyone.
  // The worker must be running before the page loads, or the observer misses the response and
  // the fallback (fetch, joined: read fail-closed) answers instead.
  await heed.serviceWorker.evaluate(() => true);
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('xrobots-lines.test')}/one-line.html`);
  expect(await popup.siteStatus()).toBe('permitted');
});

test('an image answering X-Robots-Tag on two lines is refused; one for googlebot only is not', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('xrobots-lines.test')}/gallery.html`);
  expect(await popup.siteStatus()).toBe('permitted');
  const verdicts = await popup.collect();
  const byPath = Object.fromEntries(verdicts.map((v) => [new URL(v.url).pathname, [v.decision, v.reasons]]));
  expect(byPath).toEqual({
    '/img/two-lines.png': ['refused', ['x-robots-tag']],
    '/img/googlebot-only.png': ['permitted', []],
  });
});

// DESIGN.md §2 rule 2: 429 is not "no robots.txt": complete disallow (robots-unreachable).
test('robots.txt answering 429 disallows everything (robots-unreachable)', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('robots429.test')}/`);
  expect(await popup.siteStatus()).toBe('blocked');
  expect(await popup.siteReasons()).toEqual(['robots-unreachable']);
  const verdicts = await popup.collect();
  expect(verdicts.map((v) => [v.decision, v.reasons])).toEqual([['refused', ['robots-unreachable']]]);
});

// DESIGN.md §2 rules 2–3: every URL the bytes came through is the image's: a site between the
// first URL and the last (A → B → C) refuses by its robots.txt or the headers of its 3xx answer.
test('an image redirected A → B → C is refused by B: X-Robots-Tag on its redirect, its robots.txt', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('hops.test')}/`);
  const byPageLoad = sites.requests.length; // the page's own <img> loads request every hop
  const verdicts = await popup.collect();
  const byPath = Object.fromEntries(verdicts.map((v) => [new URL(v.url).pathname, [v.decision, v.reasons]]));
  expect(byPath).toEqual({
    // Refused on the way, before the last hop is requested: what only its answer could tell
    // (a licence) is not looked for, as for an image refused before its first request.
    '/img/via-b.png': ['refused', ['x-robots-tag']],
    '/img/via-b-robots.png': ['refused', ['robots-disallow']],
    // The hops were seen (nothing unreadable); no licence is all that stands in the way.
    '/img/via-clean.png': ['refused', ['no-licence']],
  });
  expect(sites.requests).toContain('hopb.test /robots.txt');
  // Rule 2 on the way too: each hop's target is judged before it is requested. B's robots.txt
  // disallows /private/, so B is never asked for it; B's redirect says noai, so C is never asked.
  const byHeed = sites.requests.slice(byPageLoad);
  expect(byHeed).not.toContain('hopb.test /private/c.png');
  expect(byHeed).not.toContain('hopc.test /img/c2.png');
  expect(byHeed).not.toContain('hopc.test /img/c.png');
  expect(byHeed).toContain('hopc.test /img/c3.png');
});

// DESIGN.md §2 rule 3: a frame is the page that shows the images in it; its robots meta and its
// response's X-Robots-Tag bind them.
test('an image inside a frame whose document says noimageai (meta or header) is refused; the top page’s own image is not', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('frames.test')}/`);
  const verdicts = await popup.collect();
  const byPath = Object.fromEntries(verdicts.map((v) => [new URL(v.url).pathname, [v.decision, v.reasons]]));
  expect(byPath).toEqual({
    '/img/top.png': ['permitted', []],
    '/img/in-frame.png': ['refused', ['meta-robots']],
    '/img/in-header-frame.png': ['refused', ['x-robots-tag']],
  });
  // The popup says which document refused: the frame, by its address, not "the page".
  const why = (path: string) => popup.page.locator(`[data-testid="verdict"][data-url$="${path}"] .verdict__why`);
  await expect(why('/img/in-frame.png')).toContainText("The frame's <meta name=");
  await expect(why('/img/in-header-frame.png')).toContainText(`The frame's X-Robots-Tag (${sites.origin('frames.test')}/`);
  await expect(why('/img/in-header-frame.png')).not.toContainText("page's");
});
