import { buildManifest, type Manifest, type ManifestItem } from '../../../utils/model/manifest';

/** A stored item; `n` picks a distinct hash, URL and time. */
export function item(n: number, over: Partial<ManifestItem> = {}): ManifestItem {
  const hex = n.toString(16).padStart(2, '0');
  return {
    sha256: hex.repeat(32),
    mime: 'image/png',
    bytes: 10 + n,
    width: 40 + n,
    height: 30 + n,
    url: `https://museum.example/collection/${n}.png`,
    finalUrl: `https://museum.example/collection/${n}.png`,
    pageUrl: 'https://museum.example/',
    pageTitle: 'Open Museum',
    alt: `Object ${n}`,
    caption: '',
    discovery: ['img'],
    collectedAt: `2026-11-25T10:00:0${n % 10}.000Z`,
    purpose: 'ai-training',
    // Decided under the policy manifestOf writes in the header, as a current Heed records it.
    mode: 'licensed',
    policy: { acceptedLicences: ['CC0', 'PDM', 'CC-BY', 'CC-BY-SA'], robotsTokens: ['heed', 'GPTBot'] },
    licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'page', attribution: null },
    synthetic: null,
    evidence: [{ kind: 'licence', scope: 'page', source: 'https://museum.example/', value: 'CC-BY-4.0', effect: 'allow' }],
    ...over,
  };
}

/** A manifest over `items` with a refusal tally, as the store would build it. */
export function manifestOf(items: ManifestItem[], over: Partial<Parameters<typeof buildManifest>[0]> = {}): Manifest {
  return buildManifest({
    items,
    tally: { refused: { 'no-licence': 2, 'robots-disallow': 1 }, failed: { 'fetch-failed': 1 } },
    purpose: 'ai-training',
    mode: 'licensed',
    policy: { acceptedLicences: ['CC0', 'PDM', 'CC-BY', 'CC-BY-SA'], robotsTokens: ['heed', 'GPTBot'] },
    version: '0.1.0',
    exportedAt: '2026-11-26T08:00:00.000Z',
    ...over,
  });
}

/** Hostile page text: markup, script, Markdown link/image syntax, table pipes, a newline heading. */
export const HOSTILE = '<script>alert(1)</script> [click](javascript:alert(1)) ![x](https://evil.example/x.png) | *bold* `code`\n# Heading &amp; <img src=x onerror=alert(1)>';

/** Collect an async stream of chunks into bytes. */
export async function bytesOf(chunks: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  for await (const c of chunks) parts.push(typeof c === 'string' ? enc.encode(c) : c);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
