import type { ManifestItem } from '../../../utils/model/manifest';

/** A stored item with plausible defaults; `n` makes the sha256 unique. */
export function makeItem(n: number, over: Partial<ManifestItem> = {}): ManifestItem {
  return {
    sha256: n.toString(16).padStart(64, '0'),
    mime: 'image/png',
    bytes: 1000 + n,
    width: 400,
    height: 300,
    url: `https://museum.example/img/${n}.png`,
    finalUrl: `https://museum.example/img/${n}.png`,
    pageUrl: 'https://www.museum.example/collection',
    pageTitle: 'Collection',
    alt: `Item ${n}`,
    caption: '',
    discovery: ['img'],
    collectedAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
    purpose: 'ai-training',
    licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/', source: 'page', attribution: null },
    synthetic: null,
    evidence: [],
    ...over,
  };
}
