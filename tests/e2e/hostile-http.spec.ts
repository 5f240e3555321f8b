import { test, expect, openSiteWithPopup, PopupPage } from './harness/fixtures';
import { openPopup, tabIdFor } from './harness/browser';
import type { VerdictRow } from './harness/popup-page';

// Black-box false-permit audit: what real HTTP and a real page hand the parsers. Each image
// carries one hostile or awkward form of a signal that refuses it (DESIGN.md §2); a control
// image beside them shows the page would otherwise be kept, so every refusal below can fail.

/** The verdict whose URL ends with `tail` (the file name is unique per site). */
const row = (verdicts: VerdictRow[], tail: string) => {
  const v = verdicts.find((x) => x.url.endsWith(tail));
  if (!v) throw new Error(`no verdict for …${tail}: ${verdicts.map((x) => x.url).join(', ')}`);
  return v;
};

test('image responses: repeated, mixed-case and agent-prefixed opt-out headers, redirect hops and path tricks refuse', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('hh-img.test')}/`);
  const verdicts = await popup.collect();
  expect(row(verdicts, '/img/plain.png')).toMatchObject({ decision: 'permitted', reasons: [] });
  const refused: [string, string][] = [
    ['/img/xrt-lines.png', 'x-robots-tag'],
    ['/img/xrt-case.png', 'x-robots-tag'],
    ['/img/xrt-gptbot.png', 'x-robots-tag'],
    ['/img/xrt-google.png', 'x-robots-tag'],
    ['/img/cu-lines.png', 'content-usage-n'],
    ['/img/cu-joined.png', 'content-usage-n'],
    ['/img/tdm-hdr.png', 'tdm-reserved'],
    ['/img/hop-noai.png', 'x-robots-tag'],
    ['/img/to-owner.png', 'robots-disallow'],
    ['/a.png', 'robots-disallow'],
    ['/b.png', 'robots-disallow'],
    ['%2Fc.png', 'robots-disallow'],
    ['/d.png', 'robots-disallow'],
    ['/e.png', 'robots-disallow'],
    ['/f.png', 'robots-disallow'],
    ['/g.png?v=2', 'robots-disallow'],
    ['/x.png?', 'robots-disallow'],
    ['/img/cu-params.png', 'content-usage-n'],
  ];
  for (const [tail, reason] of refused) {
    const v = row(verdicts, tail);
    expect.soft(v.decision, `${tail}: ${v.url} ${v.reasons.join(' ')}`).toBe('refused');
    expect.soft(v.reasons, `${tail}: ${v.url}`).toContain(reason);
  }
  // `TDM-Reservation: 1` then `0` on another line, `Content-Usage:   train-ai = n` (not a
  // structured-field dictionary): not readings that keep the image (signal-unreadable is enough).
  expect(row(verdicts, '/img/tdm-lines.png')).toMatchObject({ decision: 'refused' });
  expect(row(verdicts, '/img/cu-spaced.png')).toMatchObject({ decision: 'refused' });
  // Refused before Heed asked for it (DESIGN.md §2 rule 2): the one request for the redirect's
  // disallowed target is the page's own <img> load (plain http sends no Sec-Fetch-Dest to tell it by).
  expect(sites.requests.filter((r) => r === 'hh-owner.test /private/y.png')).toHaveLength(1);
});

test('robots.txt with a BOM, lone CR line ends, served as text/html, gzip-encoded, redirected to another host or too slow still refuses', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('hh-robots.test')}/`);
  const verdicts = await popup.collect();
  expect(row(verdicts, `rb-open.test:${sites.port}/a.png`)).toMatchObject({ decision: 'permitted', reasons: [] });
  const refused: [string, string][] = [
    ['rb-bom.test', 'robots-disallow'],
    ['rb-cr.test', 'robots-disallow'],
    ['rb-html.test', 'robots-disallow'],
    ['rb-gzip.test', 'robots-disallow'],
    ['rb-redir.test', 'robots-disallow'],
    ['rb-slow.test', 'robots-unreachable'],
  ];
  for (const [host, reason] of refused) {
    const v = row(verdicts, `${host}:${sites.port}/a.png`);
    expect.soft(v.decision, `${host}: ${v.reasons.join(' ')}`).toBe('refused');
    expect.soft(v.reasons, host).toContain(reason);
  }
  expect(sites.requests).toContain('rb-store.test /rb-redir-robots.txt');
});

test('page opt-outs added by script, placed in <body>, beside permissive ones, in a srcdoc frame, in odd case, or in page header lines refuse', async ({ heed, sites }) => {
  const cases: [string, string, string][] = [
    ['pm-late.test', '/', 'meta-robots'],
    ['pm-body.test', '/', 'meta-robots'],
    ['pm-dup.test', '/', 'meta-robots'],
    ['pm-tdm.test', '/', 'tdm-reserved'],
    ['pm-hdr.test', '/p.html', 'x-robots-tag'],
    ['pm-cu.test', '/p.html', 'content-usage-n'],
    ['pm-tdmhdr.test', '/p.html', 'tdm-reserved'],

  ];
  for (const [host, path, reason] of cases) {
    const { page, popup } = await openSiteWithPopup(heed, `${sites.origin(host)}${path}`);
    if (host === 'pm-late.test') await expect(page.locator('meta[name="robots"]')).toHaveCount(1);
    const v = row(await popup.collect(), `${host}:${sites.port}/a.png`);
    expect.soft(v.decision, `${host}: ${v.reasons.join(' ')}`).toBe('refused');
    expect.soft(v.reasons, host).toContain(reason);
    await popup.page.close();
    await page.close();
  }
  // A frame is a page of its own (DESIGN.md §2 rule 1): its robots meta refuses its images only.
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('pm-srcdoc.test')}/`);
  const verdicts = await popup.collect();
  expect(row(verdicts, '/a.png')).toMatchObject({ decision: 'permitted', reasons: [] });
  expect(row(verdicts, '/in.png')).toMatchObject({ decision: 'refused' });
  expect(row(verdicts, '/in.png').reasons).toContain('meta-robots');
});

// The owner's server wrote `<meta name="robots" content="noai, noimageai">`; a script removes it,
// or rewrites it to `index, follow`, once the page runs (a head manager). Read from the live
// document alone, the page had no opt-out and its images were kept; the HTML as served is read
// too (utils/page/served-metas.ts; DESIGN.md §2 rule 3).
test('a robots meta the server sent, removed or rewritten by a script once the page runs, still refuses', async ({ heed, sites }) => {
  for (const host of ['pm-removed.test', 'pm-rewritten.test']) {
    const { page, popup } = await openSiteWithPopup(heed, `${sites.origin(host)}/`);
    // The live document no longer says noai.
    expect(await page.locator('meta[name="robots"][content*="noai"]').count()).toBe(0);
    const v = row(await popup.collect(), `${host}:${sites.port}/a.png`);
    expect.soft(v, host).toMatchObject({ decision: 'refused', reasons: ['meta-robots'] });
    await popup.page.close();
    await page.close();
  }
});

// A bot check answered in robots.txt's place is not the site's file (DESIGN.md §2 rules 2 and 5;
// origin-files.ts isBotChallenge). AWS WAF answers its Challenge with 202 and its CAPTCHA with 405,
// marked `x-amzn-waf-action`: read before as a file with no rule and as "no robots.txt", the
// owner's GPTBot `Disallow: /` behind it went unread and the images were kept.
test('robots.txt answered by an AWS WAF challenge (HTTP 202) or CAPTCHA (HTTP 405) disallows everything', async ({ heed, sites }) => {
  const { popup } = await openSiteWithPopup(heed, `${sites.origin('hh-waf.test')}/`);
  const verdicts = await popup.collect();
  expect(row(verdicts, `rb-open.test:${sites.port}/a.png`)).toMatchObject({ decision: 'permitted', reasons: [] });
  for (const host of ['rb-waf.test', 'rb-captcha.test']) {
    expect.soft(row(verdicts, `${host}:${sites.port}/a.png`), host).toMatchObject({ decision: 'refused', reasons: ['robots-unreachable'] });
  }
  expect(sites.requests).toContain('rb-waf.test /robots.txt');
  expect(sites.requests).toContain('rb-captcha.test /robots.txt');
});

// A reload revalidates the page: the server answers 304 without the X-Robots-Tag its 200 carried
// (Apache sends a 304 without the headers `Header set` adds). The cached response the browser
// shows still carries the owner's noai (RFC 9111 §4.3.4: a 304 updates the stored headers it
// names, and keeps the others).
test('a page reloaded and revalidated with a 304 that omits its X-Robots-Tag: noai still refuses', async ({ heed, sites }) => {
  const page = await heed.context.newPage();
  const url = `${sites.origin('pm-304.test')}/p.html`;
  await page.goto(url);
  const before = sites.requests.filter((r) => r === 'pm-304.test /p.html').length;
  await page.reload();
  expect(sites.requests.filter((r) => r === 'pm-304.test /p.html').length).toBe(before + 1);
  expect(sites.notModified).toContain('pm-304.test /p.html');
  const popup = new PopupPage(await openPopup(heed, await tabIdFor(heed, page)));
  expect(await popup.siteStatus()).toBe('blocked');
  const v = row(await popup.collect(), `pm-304.test:${sites.port}/a.png`);
  expect(v.decision).toBe('refused');
  expect(v.reasons).toContain('x-robots-tag');
});
