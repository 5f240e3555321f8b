import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../utils/model/evidence';
import { purposeProfile } from '../../../utils/model/purposes';
import { aiTxtRestrictions, evaluateAiTxt, parseAiTxt, rulesFor } from '../../../utils/signals/ai-txt';
import type { FetchedFile } from '../../../utils/signals/fetched-file';

const AI = purposeProfile('ai-training');
const URL_ = 'https://art.test/ai.txt';
const ok = (body: string): FetchedFile => ({ url: URL_, outcome: 'ok', body });
const SPAWNING = `# Spawning AI
# Prevent datasets from using the following file types

User-Agent: *
Disallow: *.jpg
Disallow: *.jpeg
Disallow: *.png
Allow: /press/*.jpg$
`;
const denyE = (value: string, forBot = ''): Evidence => ({
  kind: 'ai-txt', scope: 'site', source: URL_, value, effect: 'deny', reason: 'ai-txt-disallow',
  note: `The site's ai.txt disallows this image for AI datasets${forBot}.`,
});
const allowE = (value: string): Evidence => ({ kind: 'ai-txt', scope: 'site', source: URL_, value, effect: 'allow', note: "The site's ai.txt explicitly allows this image for AI datasets." });
const noRule: Evidence = { kind: 'ai-txt', scope: 'site', source: URL_, value: 'no rule matches this image', effect: 'info', note: "The site's ai.txt has no rule for this image." };
const notAiTxt = (error: string): Evidence => ({ kind: 'ai-txt', scope: 'site', source: URL_, value: `not a Spawning ai.txt: ${error}`, effect: 'info', note: 'The file at /ai.txt is not the robots-style Spawning format; it carries no opt-out.' });

describe('parseAiTxt', () => {
  it('reads the generator output', () => {
    expect(parseAiTxt(SPAWNING)).toEqual({
      ok: true,
      value: {
        truncated: false,
        groups: [{ agents: ['*'], rules: [
          { allow: false, pattern: '*.jpg', line: 5 },
          { allow: false, pattern: '*.jpeg', line: 6 },
          { allow: false, pattern: '*.png', line: 7 },
          { allow: true, pattern: '/press/*.jpg$', line: 8 },
        ] }],
      },
    });
  });

  it.each<[string, string, ReturnType<typeof parseAiTxt>]>([
    ['consecutive agents share a group; CRLF; comments', 'user-agent: GPTBot/1.0\r\nUser-Agent: CCBot # x\r\nDISALLOW: / # all\r\nUser-agent: *\r\nDisallow:\r\n', { ok: true, value: { truncated: false, groups: [
      { agents: ['gptbot', 'ccbot'], rules: [{ allow: false, pattern: '/', line: 3 }] },
      { agents: ['*'], rules: [] },
    ] } }],
    ['rules before any group are read as for everyone', 'Disallow: *.webp\n', { ok: true, value: { truncated: false, groups: [{ agents: ['*'], rules: [{ allow: false, pattern: '*.webp', line: 1 }] }] } }],
    ['Markdown aitxt.ing file', '# About us\n\nWe sell widgets. Prices: see /pricing.\n', { ok: false, error: 'no User-Agent, Allow or Disallow line' }],
    ['HTML soft 404', '<!doctype html><html><body>Not found</body></html>', { ok: false, error: 'no User-Agent, Allow or Disallow line' }],
    // Junk with no record (a NUL alone no longer makes a file junk: see the last describe).
    ['binary junk', '\u0000\u0001\u00ff\ufffd', { ok: false, error: 'no User-Agent, Allow or Disallow line' }],
    ['empty', '', { ok: false, error: 'no User-Agent, Allow or Disallow line' }],
  ])('%s', (_name, body, expected) => {
    expect(parseAiTxt(body)).toEqual(expected);
  });

  it('reads only the first 512 KiB', () => {
    const body = `User-Agent: *\n${'# padding\n'.repeat(60000)}Disallow: /\n`;
    expect(parseAiTxt(body)).toEqual({ ok: true, value: { truncated: true, groups: [{ agents: ['*'], rules: [] }] } });
  });
});

describe('evaluateAiTxt', () => {
  it.each<[string, FetchedFile, string, Evidence[]]>([
    ['extension glob disallows', ok(SPAWNING), 'https://art.test/gallery/fox.jpg', [denyE('User-Agent: * → Disallow: *.jpg (line 5)')]],
    ['the query does not hide the extension', ok(SPAWNING), 'https://art.test/i/fox.PNG.png?w=300', [denyE('User-Agent: * → Disallow: *.png (line 7)')]],
    ['longer Allow wins', ok(SPAWNING), 'https://art.test/press/kit.jpg', [allowE('User-Agent: * → Allow: /press/*.jpg$ (line 8)')]],
    // A file type has no case: IMG.JPG is a JPEG the owner listed (fail closed; see below).
    ['an upper-case extension meets the lower-case glob', ok(SPAWNING), 'https://art.test/fox.JPG', [denyE('User-Agent: * → Disallow: *.jpg (line 5)')]],
    ['other file types unaffected', ok(SPAWNING), 'https://art.test/fox.gif', [noRule]],
    ['a named AI-token group replaces * for that token, and binds', ok('User-Agent: *\nAllow: /\nUser-Agent: GPTBot\nDisallow: /\n'), 'https://art.test/a.gif', [
      denyE('User-Agent: gptbot → Disallow: / (line 4)', ' (for gptbot)'),
    ]],
    ['a heed group overrides * for heed, but * still binds the AI tokens without groups', ok('User-Agent: heed\nAllow: /\nUser-Agent: *\nDisallow: *.jpg\n'), 'https://art.test/a.jpg', [
      denyE('User-Agent: * → Disallow: *.jpg (line 4)'),
    ]],
    ['equal length: Allow wins the tie', ok('User-Agent: *\nDisallow: /a\nAllow: /a\n'), 'https://art.test/a.png', [allowE('User-Agent: * → Allow: /a (line 3)')]],
    ['404: no restriction', { url: URL_, outcome: 'absent' }, 'https://art.test/a.jpg', [
      { kind: 'ai-txt', scope: 'site', source: URL_, value: 'absent', effect: 'info', note: 'No /ai.txt on this site: no restriction from it.' },
    ]],
    // DESIGN.md §2 rule 3: an ai.txt answering 429 or 5xx, or larger than its cap, is unreadable (rule 5).
    ...['HTTP 502', 'HTTP 429', 'larger than 512 KiB'].map((detail): [string, FetchedFile, string, Evidence[]] => [`unreadable (${detail}): fails closed`, { url: URL_, outcome: 'error', detail }, 'https://art.test/a.jpg', [
      { kind: 'ai-txt', scope: 'site', source: URL_, value: `unavailable: ${detail}`, effect: 'deny', reason: 'signal-unreadable', note: 'ai.txt could not be read; Heed fails closed (DESIGN.md §2 rules 3 and 5).' },
    ]]),
    ['not the Spawning format', ok('# ai.txt\nThis site is about cats.\n'), 'https://art.test/a.jpg', [notAiTxt('no User-Agent, Allow or Disallow line')]],
  ])('%s', (_name, fetched, image, expected) => {
    expect(evaluateAiTxt(fetched, image, AI)).toEqual(expected);
  });

  it('huge file: reads the first 512 KiB and says so', () => {
    // ~8,000 rules fit in 512 KiB (within the rule cap, past which the file is unreadable, below).
    const body = `User-Agent: *\n${`Disallow: /nothing-here/${'x'.repeat(40)}\n`.repeat(15000)}Disallow: *.jpg\n`;
    expect(evaluateAiTxt(ok(body), 'https://art.test/a.jpg', AI)).toEqual([
      { kind: 'ai-txt', scope: 'site', source: URL_, value: 'no rule matches this image', effect: 'info', note: "The site's ai.txt has no rule for this image (only the first 512 KiB were read)." },
    ]);
  });

  it('never throws on junk', () => {
    // A file not as Heed fetches them fails closed: it never reads as no ai.txt.
    expect(evaluateAiTxt(null as unknown as FetchedFile, 'x', AI)).toMatchObject([{ effect: 'deny', reason: 'signal-unreadable' }]);
    expect(evaluateAiTxt(ok(SPAWNING), 'not a url', AI)).toEqual([
      { kind: 'ai-txt', scope: 'site', source: URL_, value: 'image URL unreadable', effect: 'info', note: 'The image URL could not be parsed.' },
    ]);
  });

  it('property: parse and evaluate never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 2000 }), fc.array(fc.tuple(fc.constantFrom('User-Agent: ', 'Disallow: ', 'Allow: ', '# '), fc.string({ maxLength: 30 })).map(([k, v]) => k + v), { maxLength: 30 }).map((l) => l.join('\n'))),
        fc.string({ maxLength: 60 }).map((p) => `https://art.test/${p}`),
        (body, url) => {
          expect(typeof parseAiTxt(body).ok).toBe('boolean');
          expect(Array.isArray(evaluateAiTxt(ok(body), url, AI))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// DESIGN.md §2 rule 2's reading of repeated slashes, applied to ai.txt's robots.txt-style rules.
describe('repeated slashes in the image path', () => {
  it.each(['https://art.test//private/a.jpg', 'https://art.test/private//a.jpg', 'https://art.test//%70rivate/a.jpg'])('%s meets Disallow: /private/', (url) => {
    const found = evaluateAiTxt(ok('User-Agent: *\nDisallow: /private/\nAllow: //private/\n'), url, AI);
    expect(found.map((e) => e.reason ?? e.effect)).toEqual(['ai-txt-disallow']);
  });
});

// Real files meet real image names: cameras write IMG_0001.JPG, and hand-written files list
// several agents on one line. Each must still refuse (DESIGN.md §2 rule 3; fail closed).
describe('messy ai.txt files and image names', () => {
  const refuses = (body: string, url: string) => evaluateAiTxt(ok(body), url, AI).some((e) => e.effect === 'deny' && e.reason === 'ai-txt-disallow');

  it.each([
    ['an upper-case extension under a lower-case file-type glob', 'User-Agent: *\nDisallow: *.jpg\n', 'https://art.test/photos/IMG_0001.JPG'],
    ['a mixed-case extension', 'User-Agent: *\nDisallow: *.png\n', 'https://art.test/a/Scan.Png'],
    ['a comma-separated list of agents', 'User-Agent: ChatGPT-User, GPTBot\nDisallow: /\n', 'https://art.test/a.png'],
    ['a quoted agent', 'User-Agent: "GPTBot"\nDisallow: /\n', 'https://art.test/a.png'],
  ])('%s refuses', (_, body, url) => {
    expect(refuses(body, url)).toBe(true);
  });

  it('a case-insensitive reading never turns a disallowed image into an allowed one', () => {
    // Allow: *.JPG does not match /a.jpg as written: Disallow: / decides, as before.
    expect(refuses('User-Agent: *\nDisallow: /\nAllow: *.JPG\n', 'https://art.test/a.jpg')).toBe(true);
    expect(refuses('User-Agent: *\nDisallow: *.jpg\n', 'https://art.test/a.gif')).toBe(false);
  });
});

// SIGNALS.md §5.1: ai.txt lists file types ("Prevent datasets from using the following file
// types"); an image served without the extension in its URL is still of that type.
describe('ai.txt file-type rules and images whose URL has no extension', () => {
  const file = (body: string) => ({ url: 'https://art.test/ai.txt', outcome: 'ok' as const, body });
  const denied = (body: string, url: string, mime?: string) => evaluateAiTxt(file(body), url, purposeProfile('ai-training'), mime).some((e) => e.effect === 'deny');
  it('Disallow: *.jpg refuses a JPEG served at /image/123 or /image/123?w=800', () => {
    expect(denied('User-Agent: *\nDisallow: *.jpg\n', 'https://art.test/image/123', 'image/jpeg')).toBe(true);
    expect(denied('User-Agent: *\nDisallow: *.jpeg\n', 'https://art.test/image/123?w=800', 'image/jpeg')).toBe(true);
    expect(denied('User-Agent: *\nDisallow: *.webp$\n', 'https://art.test/i/9', 'image/webp')).toBe(true);
  });
  it('another type, or an Allow that decides for the path, stays as it was', () => {
    expect(denied('User-Agent: *\nDisallow: *.jpg\n', 'https://art.test/image/123', 'image/png')).toBe(false);
    expect(denied('User-Agent: *\nDisallow: *.jpg\nAllow: /press/\n', 'https://art.test/press/123', 'image/jpeg')).toBe(false);
  });
});

// A query does not change the file type: `Disallow: *.jpg$` refused /p/a.jpg but not /p/a.jpg?w=800,
// because every reading kept the query after the extension (DESIGN.md §2 rule 3; fail closed).
describe('ai.txt file-type rules anchored with $ and image URLs with a query', () => {
  const file = (body: string) => ({ url: 'https://art.test/ai.txt', outcome: 'ok' as const, body });
  const denied = (body: string, url: string, mime?: string) => evaluateAiTxt(file(body), url, purposeProfile('ai-training'), mime).some((e) => e.effect === 'deny' && e.reason === 'ai-txt-disallow');
  const JPG_END = 'User-Agent: *\nDisallow: *.jpg$\n';

  it.each<[string, string | undefined]>([
    ['https://art.test/p/a.jpg?w=800', undefined],
    ['https://art.test/p/A.JPG?x', undefined],
    ['https://art.test//p/a.jpg?w=800', undefined],
    ['https://art.test/img/123?w=800', 'image/jpeg'],
    ['https://art.test/p/a.jpg', undefined],
  ])('Disallow: *.jpg$ refuses %s (type %s)', (url, mime) => {
    expect(denied(JPG_END, url, mime)).toBe(true);
  });

  it('benign cases are unchanged', () => {
    expect(denied(JPG_END, 'https://art.test/p/a.png?w=800')).toBe(false);
    expect(denied(JPG_END, 'https://art.test/p/a.png?w=800', 'image/png')).toBe(false);
    expect(denied(JPG_END, 'https://art.test/img/123?w=800', 'image/png')).toBe(false);
    expect(denied('User-Agent: *\nAllow: *.jpg$\n', 'https://art.test/p/a.jpg?w=800', 'image/jpeg')).toBe(false);
    expect(denied('User-Agent: *\nAllow: /\n', 'https://art.test/p/a.jpg?w=800', 'image/jpeg')).toBe(false);
  });
});

describe('aiTxtRestrictions (site status)', () => {
  it('names each Disallow that binds the purpose, * groups included', () => {
    expect(aiTxtRestrictions(ok(SPAWNING), AI).map((e) => [e.effect, e.reason, e.value])).toEqual([
      ['info', 'ai-txt-disallow', 'User-Agent: * → Disallow: *.jpg (line 5)'],
      ['info', 'ai-txt-disallow', 'User-Agent: * → Disallow: *.jpeg (line 6)'],
      ['info', 'ai-txt-disallow', 'User-Agent: * → Disallow: *.png (line 7)'],
    ]);
  });
  it('an unreadable file restricts; an absent one, another crawler\'s rules or a non-Spawning file do not', () => {
    expect(aiTxtRestrictions({ url: URL_, outcome: 'error', detail: 'HTTP 500' }, AI).map((e) => e.reason)).toEqual(['signal-unreadable']);
    expect(aiTxtRestrictions({ url: URL_, outcome: 'absent' }, AI)).toEqual([]);
    expect(aiTxtRestrictions(ok('User-Agent: Googlebot\nDisallow: /'), AI)).toEqual([]);
    expect(aiTxtRestrictions(ok('# hello'), AI)).toEqual([]);
  });
});

describe('an ai.txt that cannot be evaluated', () => {
  it('refuses (signal-unreadable) rather than recording nothing', () => {
    // A file whose evaluation throws (here its body cannot be read) may hold a Disallow for the image.
    const broken = { url: URL_, outcome: 'ok', get body(): string { throw new Error('boom'); } } as unknown as FetchedFile;
    const [e] = evaluateAiTxt(broken, 'https://art.test/a.png', AI);
    expect(e).toMatchObject({ kind: 'ai-txt', effect: 'deny', reason: 'signal-unreadable' });
  });
});

// Rules past the 20,000th were skipped silently: a `Disallow: /img/` after 20,000 `Allow:` lines
// (a 309 KB file, within the 512 KiB read) was never read, so the image was kept. Past the cap
// the file is unreadable (fails closed, DESIGN.md §2 rule 5); a file within it reads as before.
describe('an ai.txt with more rules than are read', () => {
  const many = (n: number, last = 'Disallow: /img/') => `User-agent: *\n${Array.from({ length: n }, (_, i) => `Allow: /p${i}/`).join('\n')}\n${last}\n`;
  const unreadableRules: Evidence = {
    kind: 'ai-txt', scope: 'site', source: URL_, value: 'unreadable: more than 20000 Allow / Disallow rules', effect: 'deny', reason: 'signal-unreadable',
    note: "The site's ai.txt has more rules than Heed reads; one it did not read may disallow this image, so Heed fails closed.",
  };

  it('a Disallow after 20,000 Allow rules: signal-unreadable', () => {
    expect(many(20000).length).toBeLessThan(512 * 1024);
    expect(evaluateAiTxt(ok(many(20000)), 'https://art.test/img/owl.jpg', AI)).toEqual([unreadableRules]);
    expect(evaluateAiTxt(ok(many(20000, 'Allow: /img/')), 'https://art.test/img/owl.jpg', AI)).toEqual([unreadableRules]);
  });

  it('the site status says so too', () => {
    expect(aiTxtRestrictions(ok(many(20000)), AI).map((e) => [e.effect, e.reason])).toEqual([['info', 'signal-unreadable']]);
  });

  it('20,000 rules are read as before', () => {
    expect(evaluateAiTxt(ok(many(19999)), 'https://art.test/img/owl.jpg', AI)).toEqual([denyE('User-Agent: * → Disallow: /img/ (line 20001)')]);
    expect(evaluateAiTxt(ok(many(19999)), 'https://art.test/p7/owl.jpg', AI)).toEqual([allowE('User-Agent: * → Allow: /p7/ (line 9)')]);
  });
});

// Many servers (nginx, S3) decode `%2F`: /private%2Fa.jpg serves /private/a.jpg (DESIGN.md §2 rule 2).
describe('encoded slashes in the image path', () => {
  it.each(['https://art.test/private%2Fa.jpg', 'https://art.test/private%2fa.jpg', 'https://art.test/%2Fprivate%2F%2Fa.jpg'])('%s meets Disallow: /private/', (url) => {
    const found = evaluateAiTxt(ok('User-Agent: *\nDisallow: /private/\nAllow: /private%2F\n'), url, AI);
    expect(found.map((e) => e.reason ?? e.effect)).toEqual(['ai-txt-disallow']);
  });

  it('benign paths are unchanged', () => {
    expect(evaluateAiTxt(ok('User-Agent: *\nDisallow: /private/\n'), 'https://art.test/public%2Fa.jpg', AI)).toEqual([noRule]);
    expect(evaluateAiTxt(ok('User-Agent: *\nDisallow: /private/\n'), 'https://art.test/a.jpg?u=%2Fprivate%2Fa', AI)).toEqual([noRule]);
  });
});

// A file type written without Spawning's `*` (`Disallow: .jpg`, `Disallow: jpg`) matched no
// image: RFC 9309 paths start with `/`, so the owner's listed file type refused nothing.
describe('ai.txt file types written without the `*`', () => {
  const decide = (body: string, url: string, mime?: string) => evaluateAiTxt(ok(body), url, AI, mime).map((e) => [e.effect, e.reason]);
  it.each(['.jpg', '.JPG', 'jpg', 'JPG', '.jpg$', 'jpeg'])('Disallow: %s refuses a JPEG', (rule) => {
    const body = `User-Agent: *\nDisallow: ${rule}\n`;
    expect(decide(body, 'https://art.test/img/photo.jpg', 'image/jpeg')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide(body, 'https://art.test/img/photo.JPEG', 'image/jpeg')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide(body, 'https://art.test/i/123?w=800', 'image/jpeg')).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('refuses only that type; a bare word that is no image type stays a path; an Allow is read as written', () => {
    expect(decide('User-Agent: *\nDisallow: .png\n', 'https://art.test/img/photo.jpg', 'image/jpeg')).toEqual([['info', undefined]]);
    expect(decide('User-Agent: *\nDisallow: .webp\n', 'https://art.test/img/photo.webp')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: *\nDisallow: photos\n', 'https://art.test/img/photo.jpg', 'image/jpeg')).toEqual([['info', undefined]]);
    expect(decide('User-Agent: *\nDisallow: /\nAllow: .jpg\n', 'https://art.test/img/photo.jpg', 'image/jpeg')).toEqual([['deny', 'ai-txt-disallow']]);
  });
});

// A NUL anywhere in the file (a stray byte, a file joined from parts) made the whole ai.txt "not a
// Spawning ai.txt": its `Disallow: /` was read as no opt-out and every image kept. And a field name
// the robots.txt reader reads as that field (a typo Google's parser accepts, a zero-width space or
// BOM before it, full-width letters, a blank instead of the colon) was no field in ai.txt, so its
// rule was ignored. The file is now read both ways, and a refusal in either counts.
describe('ai.txt lines written as robots.txt readers read them', () => {
  const decide = (body: string, url = 'https://art.test/img/photo.jpg') => evaluateAiTxt(ok(body), url, AI, 'image/jpeg').map((e) => [e.effect, e.reason]);

  it.each([
    ['a NUL after the rules', 'User-Agent: *\nDisallow: /\n\u0000'],
    ['a NUL before the rules', '\u0000User-Agent: *\nDisallow: *.jpg\n'],
    ['a NUL inside a comment', '# made by \u0000 tool\nUser-Agent: GPTBot\nDisallow: /img/\n'],
  ])('%s: its Disallow still refuses', (_name, body) => {
    expect(decide(body)).toEqual([['deny', 'ai-txt-disallow']]);
  });

  it.each([
    ['a typo robots.txt readers accept', 'User-Agent: *\nDissallow: *.jpg\n'],
    ['another typo', 'User-Agent: *\nDisalow: /\n'],
    ['a zero-width space before the field', 'User-Agent: *\n\u200bDisallow: /img/\n'],
    ['full-width letters', 'User-Agent: *\n\uff24\uff49\uff53\uff41\uff4c\uff4c\uff4f\uff57: /\n'],
    ['a blank instead of the colon', 'User-Agent: *\nDisallow *.jpg\n'],
    ['the only record spelt so', 'Disalow: /\n'],
  ])('%s: the Disallow refuses', (_name, body) => {
    expect(decide(body)).toEqual([['deny', 'ai-txt-disallow']]);
  });

  it('read so, an Allow never lifts a Disallow read as written', () => {
    expect(decide('User-Agent: *\nDisallow: /\nAllow /img/\n')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: *\nDisallow: /img/\n\u200bAllow: /img/photo.jpg\n')).toEqual([['deny', 'ai-txt-disallow']]);
  });

  it('the site status names such a Disallow too', () => {
    expect(aiTxtRestrictions(ok('User-Agent: *\nDisalow: *.png\n'), AI).map((e) => [e.effect, e.reason])).toEqual([['info', 'ai-txt-disallow']]);
  });

  it('files without such lines read as before', () => {
    expect(decide('User-Agent: *\nDisallow: /other/\nAllow: /img/\n')).toEqual([['allow', undefined]]);
    expect(decide('User-Agent: *\nDisallow: /other/\n')).toEqual([['info', undefined]]);
    expect(parseAiTxt('User-Agent: *\nDisallow: /other/\n')).toEqual({ ok: true, value: { truncated: false, groups: [{ agents: ['*'], rules: [{ allow: false, pattern: '/other/', line: 2 }] }] } });
  });
});

// As in robots.txt (robots-txt.test.ts › rules written as a full URL): `Disallow:
// https://art.test/private/` matched nothing, read as the path `/https://art.test/private/`.
describe('ai.txt rules written as a full URL', () => {
  const decide = (body: string, url: string) => evaluateAiTxt(ok(body), url, AI, 'image/jpeg').map((e) => [e.effect, e.reason]);

  it('a Disallow naming the site by URL refuses the images under it', () => {
    expect(decide('User-Agent: *\nDisallow: https://art.test/private/\n', 'https://art.test/private/a.jpg')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: GPTBot\nDisallow: http://www.art.test/\n', 'https://art.test/a.jpg')).toEqual([['deny', 'ai-txt-disallow']]);
  });

  it('an Allow written so never lifts a Disallow; other paths are untouched', () => {
    expect(decide('User-Agent: *\nDisallow: /private/\nAllow: https://art.test/private/\n', 'https://art.test/private/a.jpg')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: *\nDisallow: https://art.test/private/\n', 'https://art.test/public/a.jpg')).toEqual([['info', undefined]]);
  });
});

// As in robots.txt (robots-txt.test.ts › rules written in quotes, or several to a line).
describe('ai.txt rules written in quotes, or several to a line', () => {
  const decide = (body: string, url: string) => evaluateAiTxt(ok(body), url, AI, 'image/png').map((e) => [e.effect, e.reason]);

  it.each([
    ['quoted', 'User-Agent: *\nDisallow: "*.png"\n'],
    ['several file types', 'User-Agent: *\nDisallow: *.jpg *.png\n'],
    ['a comma-separated list', 'User-Agent: *\nDisallow: *.jpg, *.png, *.gif\n'],
  ])('%s: the rule refuses', (_, body) => {
    expect(decide(body, 'https://art.test/img/a.png')).toEqual([['deny', 'ai-txt-disallow']]);
  });

  it('an Allow written so never lifts a Disallow; other types are untouched', () => {
    expect(decide('User-Agent: *\nDisallow: *.png\nAllow: "/img/a.png"\n', 'https://art.test/img/a.png')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: *\nDisallow: *.jpg, *.gif\n', 'https://art.test/img/a.png')).toEqual([['info', undefined]]);
  });
});

// As in robots.txt (robots-txt.test.ts › User-agent: * written another way): `User-Agent: (*)`
// or a full-width `＊` named no agent, so the group's Disallow bound nobody.
describe('ai.txt User-Agent: * written another way', () => {
  it.each(['(*)', '\uff0a', '`*`', '<*>'])('User-Agent: %s binds every agent', (ua) => {
    expect(evaluateAiTxt(ok(`User-Agent: ${ua}\nDisallow: /\n`), 'https://art.test/a.jpg', AI, 'image/jpeg').map((e) => e.reason)).toEqual(['ai-txt-disallow']);
  });
  it('a value with a name in it names that agent only', () => {
    expect(evaluateAiTxt(ok('User-Agent: (Googlebot)\nDisallow: /\n'), 'https://art.test/a.jpg', AI, 'image/jpeg').map((e) => e.effect)).toEqual(['info']);
  });
});

describe('ai.txt file types read from the served type', () => {
  const denies = (body: string, url: string, mime?: string) => evaluateAiTxt(ok(body), url, AI, mime).some((e) => e.effect === 'deny' && e.reason === 'ai-txt-disallow');
  it('refuses a JPEG served at a .txt path when only text files are allowed', () => {
    expect(denies('User-Agent: *\nAllow: *.txt\nDisallow: /\n', 'https://art.test/files/a.txt', 'image/jpeg')).toBe(true);
  });
  it('refuses a JPEG served at an .html path when JPEGs are disallowed and HTML allowed', () => {
    expect(denies('User-Agent: *\nAllow: *.html\nDisallow: *.jpg\n', 'https://art.test/a.html', 'image/jpeg')).toBe(true);
    expect(denies('User-Agent: *\nAllow: *.html\nDisallow: *.jpg\n', 'https://art.test/x.html?a=1', 'image/jpeg')).toBe(true);
  });
  it('refuses an ICO icon when .ico files are disallowed, whatever its path says', () => {
    expect(denies('User-Agent: *\nDisallow: *.ico\n', 'https://art.test/favicon?v=2', 'image/x-icon')).toBe(true);
  });
  it('still permits a JPEG when the ai.txt disallows only other file types', () => {
    expect(denies('User-Agent: *\nAllow: *.txt\nDisallow: *.mp3\n', 'https://art.test/a.jpg', 'image/jpeg')).toBe(false);
    expect(denies('User-Agent: *\nAllow: /\nDisallow: *.png\nDisallow: *.ico\n', 'https://art.test/photo.jpg?w=800', 'image/jpeg')).toBe(false);
    expect(denies('User-Agent: *\nAllow: *.jpg\nDisallow: /\n', 'https://art.test/photo.jpg?w=800', 'image/jpeg')).toBe(false);
  });
});

describe('ai.txt Disallow values written by hand', () => {
  const denies = (body: string, url: string) => evaluateAiTxt(ok(body), url, AI).some((e) => e.effect === 'deny' && e.reason === 'ai-txt-disallow');
  it('reads file types listed with commas and no blank', () => {
    expect(denies('User-Agent: *\nDisallow: *.jpg,*.png\n', 'https://art.test/a.png')).toBe(true);
    expect(denies('User-Agent: *\nDisallow: .jpg,.png;.gif\n', 'https://art.test/a.gif')).toBe(true);
  });
  it('reads a value in typographic quotes or with an invisible character at its end', () => {
    expect(denies('User-Agent: *\nDisallow: \u201c*.jpg\u201d\n', 'https://art.test/a.jpg')).toBe(true);
    expect(denies('User-Agent: *\nDisallow: *.jpg\u200b\n', 'https://art.test/a.jpg')).toBe(true);
  });
  it('does not split a path that holds a comma', () => {
    expect(denies('User-Agent: *\nDisallow: /a,b/\n', 'https://art.test/a.jpg')).toBe(false);
    expect(denies('User-Agent: *\nDisallow: *.jpg,*.png\n', 'https://art.test/a.webp')).toBe(false);
  });
});

describe('ai.txt file types spelled another way', () => {
  const denies = (body: string, url: string) => evaluateAiTxt(ok(body), url, AI).some((e) => e.effect === 'deny' && e.reason === 'ai-txt-disallow');
  it('refuses a .jpeg file under Disallow *.jpg before its type is known', () => {
    expect(denies('User-Agent: *\nDisallow: *.jpg\n', 'https://cdn.art.test/a.jpeg')).toBe(true);
    expect(denies('User-Agent: *\nDisallow: *.jpeg$\n', 'https://cdn.art.test/a.JPG')).toBe(true);
    expect(denies('User-Agent: *\nDisallow: *.tif\n', 'https://cdn.art.test/scan.tiff')).toBe(true);
  });
  it('still permits a PNG when only JPEGs are disallowed', () => {
    expect(denies('User-Agent: *\nDisallow: *.jpg\n', 'https://cdn.art.test/a.png')).toBe(false);
    expect(denies('User-Agent: *\nDisallow: *.jpg\nAllow: *.jpeg\n', 'https://cdn.art.test/a.jpeg')).toBe(false);
  });
});

// `User-Agent: Spawning/AI/all`, `all`, `AI`, `Everyone`: names no crawler, so the group bound
// nobody and its `Disallow: /` refused nothing. The owner addressed every AI agent.
describe('ai.txt User-Agent lines naming every AI agent in words', () => {
  const decide = (body: string, profile = AI) => evaluateAiTxt(ok(body), 'https://art.test/img/a.jpg', profile, 'image/jpeg').map((e) => [e.effect, e.reason]);
  it('User-Agent: Spawning/AI/all binds every agent', () => {
    expect(decide('User-Agent: Spawning/AI/all\nDisallow: /\n')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: Spawning/AI/all\nDisallow: /\n', purposeProfile('research-tdm'))).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('all, AI, all AI, every AI bot, Everyone and any bind every agent', () => {
    for (const ua of ['all', 'ALL', 'AI', 'all AI', 'All-AI', 'every AI bot', 'Everyone', 'everybody', 'any', 'AI crawlers', 'all bots'])
      expect([ua, decide(`User-Agent: ${ua}\nDisallow: /img/\n`)]).toEqual([ua, [['deny', 'ai-txt-disallow']]]);
  });
  it('a group naming a crawler still speaks for that crawler only', () => {
    expect(decide('User-Agent: Googlebot\nDisallow: /\n')).toEqual([['info', undefined]]);
    expect(decide('User-Agent: Allbot\nDisallow: /\n')).toEqual([['info', undefined]]);
  });
  it('unchanged: an all-agents group that allows keeps the image', () => {
    expect(decide('User-Agent: all\nDisallow: /private/\n')).toEqual([['info', undefined]]);
  });
});

// `Disallowed:`, `Deny:`, `Dis-allow:`, `DISALLOWS:` and a misspelt User-Agent (`User_agents:`)
// were no field: the rule was ignored (and after `User_agents: *` the Disallow joined the group
// before it, which allowed), so the image was kept.
describe('ai.txt Disallow and User-Agent field names misspelt', () => {
  const decide = (body: string) => evaluateAiTxt(ok(body), 'https://art.test/img/a.jpg', AI, 'image/jpeg').map((e) => [e.effect, e.reason]);
  it('Disallowed, Deny, Dis-allow, Disallows and Dis allow refuse as Disallow does', () => {
    for (const field of ['Disallowed', 'Deny', 'DENY', 'Dis-allow', 'Disallows', 'Dis allow', 'Dis_allow'])
      expect([field, decide(`User-Agent: *\n${field}: /img/\n`)]).toEqual([field, [['deny', 'ai-txt-disallow']]]);
  });
  it('a misspelt User-Agent line starts a group of its own', () => {
    expect(decide('User-Agent: GPTBot\nAllow: /\n\nUser_Agents: *\nDisallow: /\n')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: GPTBot\nAllow: /\n\nUser agents: *\nDisallow: /\n')).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('an Allow misspelt lifts nothing', () => {
    expect(decide('User-Agent: *\nDisallow: /\nAllowed: /img/\n')).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('unchanged: correctly spelt files read as before', () => {
    expect(decide('User-Agent: *\nDisallow: /private/\nAllow: /img/\n')).toEqual([['allow', undefined]]);
    expect(decide('User-Agent: GPTBot\nAllow: /\nUser-Agent: *\nAllow: /\n')).toEqual([['allow', undefined]]);
  });
});

// `Allow: *.png` matched `/a.png.jpg` and `/p.png/a.jpg` (`.png` anywhere in the path), so a JPEG
// the owner refused with `Disallow: /` was kept as if it were a PNG.
describe('ai.txt Allow of a file type', () => {
  const decide = (body: string, url: string, mime?: string) => evaluateAiTxt(ok(body), url, AI, mime).map((e) => [e.effect, e.reason]);
  it('Allow *.png does not lift a refusal of a JPEG whose path holds .png elsewhere', () => {
    expect(decide('User-Agent: *\nAllow: *.png\nDisallow: /\n', 'https://art.test/p/a.png.jpg', 'image/jpeg')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: *\nAllow: *.png\nDisallow: /\n', 'https://art.test/p.png/a.jpg', 'image/jpeg')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: *\nAllow: *.png\nDisallow: *.jpg\n', 'https://art.test/p.png/a.jpg')).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('unchanged: Allow *.png still permits a PNG, with a query or at a path with no extension', () => {
    expect(decide('User-Agent: *\nAllow: *.png\nDisallow: /\n', 'https://art.test/p/a.png', 'image/png')).toEqual([['allow', undefined]]);
    expect(decide('User-Agent: *\nAllow: *.png\nDisallow: /\n', 'https://art.test/p/a.png?w=800', 'image/png')).toEqual([['allow', undefined]]);
    expect(decide('User-Agent: *\nAllow: *.png\nDisallow: /\n', 'https://art.test/p/a.png')).toEqual([['allow', undefined]]);
  });
});

// Every image of a collect re-filtered the groups and re-built the rules for each of ~30 tokens.
describe('ai.txt rules are gathered once per file and token', () => {
  it('rulesFor gives the same rules, in any case of the token, for one parsed file', () => {
    const parsed = parseAiTxt('User-Agent: GPTBot\nDisallow: /a/\nUser-Agent: *\nDisallow: *.jpg\n');
    if (!parsed.ok) throw new Error('not parsed');
    expect(rulesFor(parsed.value, 'GPTBot')).toBe(rulesFor(parsed.value, 'gptbot'));
    expect(rulesFor(parsed.value, 'heed')).toBe(rulesFor(parsed.value, 'heed'));
  });
  it('unchanged: what each token reads stays its own', () => {
    const parsed = parseAiTxt('User-Agent: GPTBot\nDisallow: /a/\nUser-Agent: *\nDisallow: *.jpg\n');
    if (!parsed.ok) throw new Error('not parsed');
    expect(rulesFor(parsed.value, 'GPTBot')).toEqual({ agent: 'gptbot', rules: [{ allow: false, pattern: '/a/', line: 2 }] });
    expect(rulesFor(parsed.value, 'heed')).toEqual({ agent: '*', rules: [{ allow: false, pattern: '*.jpg', line: 4 }] });
  });
});

// `User-Agent:` left empty before `Disallow: /`: the group named no agent, so it bound nobody and
// the owner's refusal was lost.
describe('ai.txt User-Agent left empty', () => {
  const decide = (body: string) => evaluateAiTxt(ok(body), 'https://art.test/img/a.jpg', AI, 'image/jpeg').map((e) => [e.effect, e.reason]);
  it('an empty User-Agent’s Disallow binds every agent', () => {
    expect(decide('User-Agent:\nDisallow: /\n')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('User-Agent: GPTBot\nAllow: /\n\nUser-Agent: \nDisallow: *.jpg\n')).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('an empty User-Agent’s Allow lifts nothing', () => {
    expect(decide('User-Agent: *\nDisallow: /\n\nUser-Agent:\nAllow: /\n')).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('unchanged: an empty User-Agent with a Disallow elsewhere keeps the image', () => {
    expect(decide('User-Agent:\nDisallow: /private/\n')).toEqual([['info', undefined]]);
  });
});

// `Disallow: image/jpeg`, `image/*` (a MIME type), `*.{jpg,png}` (a shell glob), `*.jpg|*.png`
// and `.*` (a regular expression) matched no image as written, and the owner's refusal was lost.
describe('ai.txt Disallow values written as MIME types, globs or regular expressions', () => {
  const denies = (body: string, url = 'https://art.test/img/a.jpg', mime: string | undefined = 'image/jpeg') => evaluateAiTxt(ok(body), url, AI, mime).some((e) => e.effect === 'deny' && e.reason === 'ai-txt-disallow');
  it('Disallow: image/jpeg and image/* refuse a JPEG', () => {
    expect(denies('User-Agent: *\nDisallow: image/jpeg\n')).toBe(true);
    expect(denies('User-Agent: *\nDisallow: image/jpeg\n', 'https://art.test/img/a.jpeg', undefined)).toBe(true);
    expect(denies('User-Agent: *\nDisallow: image/*\n')).toBe(true);
    expect(denies('User-Agent: *\nDisallow: Image/PNG\n', 'https://art.test/img/a.png', 'image/png')).toBe(true);
  });
  it('Disallow: *.{jpg,png}, *.jpg|*.png and .* refuse a PNG', () => {
    expect(denies('User-Agent: *\nDisallow: *.{jpg,png}\n', 'https://art.test/img/a.png', 'image/png')).toBe(true);
    expect(denies('User-Agent: *\nDisallow: *.jpg|*.png\n', 'https://art.test/img/a.png', 'image/png')).toBe(true);
    expect(denies('User-Agent: *\nDisallow: .*\n', 'https://art.test/img/a.png', 'image/png')).toBe(true);
  });
  it('unchanged: another MIME type or glob keeps the image, and an Allow written so lifts nothing', () => {
    expect(denies('User-Agent: *\nDisallow: image/png\n')).toBe(false);
    expect(denies('User-Agent: *\nDisallow: *.{gif,png}\n')).toBe(false);
    expect(denies('User-Agent: *\nDisallow: text/*\n')).toBe(false);
    expect(denies('User-Agent: *\nDisallow: *.jpg\nAllow: image/jpeg\n')).toBe(true);
  });
});

// `User-Agent = *` / `Disallow = /` and a file pasted from a Markdown list (`- Disallow: /`) had
// no field a robots reader knows, so every rule was ignored.
describe('ai.txt lines written with = or as a Markdown list', () => {
  const decide = (body: string) => evaluateAiTxt(ok(body), 'https://art.test/img/a.jpg', AI, 'image/jpeg').map((e) => [e.effect, e.reason]);
  it('User-Agent = * and Disallow = / refuse', () => {
    expect(decide('User-Agent = *\nDisallow = /\n')).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('- User-Agent: * and * Disallow: / refuse', () => {
    expect(decide('- User-Agent: *\n- Disallow: /\n')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('* User-Agent: *\n* Disallow: *.jpg\n')).toEqual([['deny', 'ai-txt-disallow']]);
  });
  it('unchanged: an Allow written so lifts nothing, and a Disallow so elsewhere keeps the image', () => {
    expect(decide('User-Agent: *\nDisallow: /\n- Allow: /img/\n')).toEqual([['deny', 'ai-txt-disallow']]);
    expect(decide('- User-Agent: *\n- Disallow: /private/\n')).toEqual([['info', undefined]]);
  });
});
