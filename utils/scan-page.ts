import type { ImageCandidate } from './verdict';

const MAX_TEXT = 500;

/** Untrusted page text, whitespace-collapsed and capped (it is shown and stored as text only). */
export function cleanText(value: string | null | undefined, max = MAX_TEXT): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

function absolute(url: string, base: string): string | null {
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'data:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The caption of an image: its figure's figcaption, if any. */
function captionOf(el: Element): string {
  return cleanText(el.closest('figure')?.querySelector('figcaption')?.textContent);
}

/**
 * Find the images of a document (first pass: `<img>` by currentSrc). Handed the document and
 * its URL so tests can feed fixtures; richer discovery lands behind this same function.
 */
export function scanDocument(doc: Document, pageUrl: string): ImageCandidate[] {
  const seen = new Map<string, ImageCandidate>();
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    const src = (img as HTMLImageElement).currentSrc || img.getAttribute('src') || '';
    const url = absolute(src, pageUrl);
    if (!url || seen.has(url)) continue;
    seen.set(url, {
      url,
      thumbnailUrl: null,
      alt: cleanText(img.getAttribute('alt')),
      title: cleanText(img.getAttribute('title')),
      caption: captionOf(img),
      discovery: ['img'],
      width: (img as HTMLImageElement).naturalWidth || 0,
      height: (img as HTMLImageElement).naturalHeight || 0,
      elementLicences: [],
    });
  }
  return [...seen.values()];
}
