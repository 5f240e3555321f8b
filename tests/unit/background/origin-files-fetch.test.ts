import 'fake-indexeddb/auto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OriginSignals } from '@/entrypoints/background/origin-signals';
import { openHeedDB } from '@/utils/store/db';
import { evaluateRobots } from '@/utils/signals/robots-txt';
import { evaluateAiTxt } from '@/utils/signals/ai-txt';
import { purposeProfile } from '@/utils/model/purposes';

let n = 0;
const db = () => openHeedDB(`origin-files-fetch-test-${++n}`);
const AI = purposeProfile('ai-training');
const ORIGIN = 'https://site.example';
const IMAGE = `${ORIGIN}/img/a.png`;

/** Serves the given bodies (bytes as they travel, no Content-Encoding); every other URL is absent. */
function serve(files: Record<string, string | Uint8Array>): void {
  vi.stubGlobal('fetch', async (url: string) => {
    const body = files[url];
    return body === undefined ? new Response('', { status: 404 }) : new Response(body as BodyInit, { status: 200, headers: { 'content-type': 'text/plain' } });
  });
}

const gz = (text: string) => new Uint8Array(gzipSync(text));
const denies = (evidence: { effect: string; reason?: string }[]) => evidence.filter((e) => e.effect === 'deny').map((e) => e.reason);

// A robots.txt or ai.txt still gzip-compressed (served without Content-Encoding, or compressed
// twice) read as text was binary noise with no rule: GPTBot's `Disallow: /` was lost and every
// image allowed. It is inflated and read now; one that does not inflate fails closed.
describe('OriginSignals: signal files served gzip-compressed without saying so', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a gzip-compressed robots.txt is read: its Disallow applies', async () => {
    serve({ [`${ORIGIN}/robots.txt`]: gz('User-agent: GPTBot\nDisallow: /\n') });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toContain('robots-disallow');
  });

  it('a robots.txt that opens as gzip but does not inflate disallows everything (robots-unreachable)', async () => {
    serve({ [`${ORIGIN}/robots.txt`]: gz('User-agent: GPTBot\nDisallow: /\n').subarray(0, 12) });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toEqual(['robots-unreachable']);
  });

  it('a gzip-compressed ai.txt is read: its Disallow applies', async () => {
    serve({ [`${ORIGIN}/ai.txt`]: gz('User-Agent: *\nDisallow: *.png\n') });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateAiTxt(files.aiTxt, IMAGE, AI))).toContain('ai-txt-disallow');
  });

  it('a gzip-compressed ai.txt that inflates past the cap is unreadable, not read in part', async () => {
    serve({ [`${ORIGIN}/ai.txt`]: gz(`User-Agent: *\n${'Allow: /x\n'.repeat(60_000)}Disallow: *.png\n`) });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(files.aiTxt.outcome).toBe('error');
    expect(denies(evaluateAiTxt(files.aiTxt, IMAGE, AI))).toEqual(['signal-unreadable']);
  });

  it('a gzip bomb is read to the cap only', async () => {
    serve({ [`${ORIGIN}/robots.txt`]: gz(`User-agent: GPTBot\nDisallow: /\n${' '.repeat(64 * 1024 * 1024)}`) });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(files.robots).toMatchObject({ outcome: 'ok', truncated: true });
    expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toContain('robots-disallow');
  });

  it('a plain-text robots.txt is read as before', async () => {
    serve({ [`${ORIGIN}/robots.txt`]: 'User-agent: *\nDisallow: /img/\n' });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(files.robots).toMatchObject({ outcome: 'ok', body: 'User-agent: *\nDisallow: /img/\n' });
  });
});

// An IIS site's robots.txt says so in its Server header: its Disallow then holds in any letter
// case (robots-txt.test.ts › a server that serves paths in any letter case (IIS)).
describe('OriginSignals: a robots.txt answered by IIS', () => {
  afterEach(() => vi.unstubAllGlobals());
  const serveAs = (server: string) =>
    vi.stubGlobal('fetch', async (url: string) =>
      url === `${ORIGIN}/robots.txt` ? new Response('User-agent: GPTBot\nDisallow: /private/\n', { status: 200, headers: { 'content-type': 'text/plain', server } }) : new Response('', { status: 404 }),
    );

  it('its Disallow refuses the path written in another case', async () => {
    serveAs('Microsoft-IIS/10.0');
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, `${ORIGIN}/PRIVATE/a.png`, 'image', AI))).toEqual(['robots-disallow']);
  });

  it('another server’s does not', async () => {
    serveAs('nginx');
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, `${ORIGIN}/PRIVATE/a.png`, 'image', AI))).toEqual([]);
  });
});

// A robots.txt or ai.txt still compressed with Brotli or zstd (a pre-compressed file served
// without Content-Encoding; unlike gzip, Heed cannot inflate them) read as text was binary noise
// with no rule: GPTBot's `Disallow: /` was lost and every image allowed (robots.txt), or the file
// was "not a Spawning ai.txt" (info). A body whose first bytes are not text (WHATWG MIME
// Sniffing's binary data bytes) is now unreadable: robots.txt unreachable, the others
// signal-unreadable.
describe('OriginSignals: signal files that are not text', () => {
  afterEach(() => vi.unstubAllGlobals());
  const rules = `User-agent: GPTBot\nDisallow: /\n${'# padding, as real files have comments\n'.repeat(20)}`;
  const br = (text: string) => new Uint8Array(brotliCompressSync(text));
  const zstdFrame = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x2c, 0x61, 0x01, 0x00, 0x55, 0x73, 0x65, 0x72]);

  it('a Brotli-compressed robots.txt disallows everything (robots-unreachable)', async () => {
    serve({ [`${ORIGIN}/robots.txt`]: br(rules) });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toEqual(['robots-unreachable']);
  });

  it('a zstd frame as robots.txt disallows everything (robots-unreachable)', async () => {
    serve({ [`${ORIGIN}/robots.txt`]: zstdFrame });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toEqual(['robots-unreachable']);
  });

  // UTF-32 opens with FF FE 00 00, which reads as UTF-16's byte order mark: decoded as UTF-16, every
  // other character was a NUL, no field name was known, and GPTBot's `Disallow: /` was lost.
  it('a robots.txt in UTF-32 disallows everything (robots-unreachable)', async () => {
    const utf32le = Uint8Array.from([0xff, 0xfe, 0, 0, ...[...rules].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])]);
    serve({ [`${ORIGIN}/robots.txt`]: utf32le });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toEqual(['robots-unreachable']);
  });

  it('a Brotli-compressed ai.txt is unreadable (signal-unreadable)', async () => {
    serve({ [`${ORIGIN}/ai.txt`]: br('User-Agent: *\nDisallow: *.png\n'.repeat(10)) });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateAiTxt(files.aiTxt, IMAGE, AI))).toEqual(['signal-unreadable']);
  });

  it('text with tabs, form feeds, a UTF-8 BOM or in UTF-16 is read as before', async () => {
    serve({
      [`${ORIGIN}/robots.txt`]: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('User-agent:\tGPTBot\fDisallow:\t/img/\n\f\n')]),
      [`${ORIGIN}/ai.txt`]: Uint8Array.from([0xff, 0xfe, ...[...'User-Agent: *\nDisallow: *.png\n'].flatMap((c) => [c.charCodeAt(0), 0])]),
    });
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(files.robots.outcome).toBe('ok');
    expect(denies(evaluateAiTxt(files.aiTxt, IMAGE, AI))).toEqual(['ai-txt-disallow']);
  });
});

// A bot-protection challenge (Cloudflare's "Just a moment…", Vercel's attack mode) answers in the
// file's place when the worker's request, sent without the user's cookies, is not let through:
// Cloudflare marks every challenge page `cf-mitigated: challenge`, Vercel `x-vercel-mitigated:
// challenge`. It says nothing about the file behind it, which may refuse GPTBot. Read as a 403
// it was "no robots.txt" (no restriction), read as a 200 it was a robots.txt with no rules.
describe('OriginSignals: a bot challenge answered in place of a signal file', () => {
  afterEach(() => vi.unstubAllGlobals());
  const challenge = (status: number, header = 'cf-mitigated') =>
    vi.stubGlobal('fetch', async () => new Response('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>', { status, headers: { 'content-type': 'text/html', [header]: 'challenge' } }));

  it('robots.txt challenged with HTTP 403, 200 or 404 disallows everything (robots-unreachable)', async () => {
    for (const status of [403, 200, 404]) {
      challenge(status);
      const files = await new OriginSignals(await db()).get(ORIGIN);
      expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toEqual(['robots-unreachable']);
    }
  });

  it('Vercel’s challenge header reads the same', async () => {
    challenge(403, 'x-vercel-mitigated');
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toEqual(['robots-unreachable']);
  });

  it('AWS WAF’s challenge (HTTP 202) and CAPTCHA (HTTP 405) disallow everything (robots-unreachable)', async () => {
    for (const [status, action] of [[202, 'challenge'], [405, 'captcha']] as const) {
      vi.stubGlobal('fetch', async () => new Response(status === 202 ? '' : '<!DOCTYPE html><title>Human verification</title>', { status, headers: { 'content-type': 'text/html', 'x-amzn-waf-action': action } }));
      const files = await new OriginSignals(await db()).get(ORIGIN);
      expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toEqual(['robots-unreachable']);
    }
  });

  it('ai.txt challenged with HTTP 200 or 404 is unreadable (signal-unreadable), not absent', async () => {
    for (const status of [200, 404]) {
      challenge(status);
      const files = await new OriginSignals(await db()).get(ORIGIN);
      expect(files.aiTxt.outcome).toBe('error');
      expect(denies(evaluateAiTxt(files.aiTxt, IMAGE, AI))).toEqual(['signal-unreadable']);
    }
  });

  it('a robots.txt served as text/html without a challenge header is read: its Disallow applies', async () => {
    vi.stubGlobal('fetch', async (url: string) => (url === `${ORIGIN}/robots.txt` ? new Response('User-agent: GPTBot\nDisallow: /\n', { status: 200, headers: { 'content-type': 'text/html' } }) : new Response('', { status: 404 })));
    const files = await new OriginSignals(await db()).get(ORIGIN);
    expect(denies(evaluateRobots(files.robots, IMAGE, 'image', AI))).toEqual(['robots-disallow']);
  });
});
