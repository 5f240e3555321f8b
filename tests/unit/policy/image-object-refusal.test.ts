import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { assessImage, assessPage } from '../../../utils/policy/assess';
import { refusalBeforeRequest } from '../../../utils/policy/pre-fetch';
import { parseSettings } from '../../../utils/model/settings';
import { readPageSignals } from '../../../utils/page/page-signals';
import { pageSignalsFromScan } from '../../../utils/page/received-signals';
import { ScannedPageSignalsSchema } from '../../../utils/messages/page-signals-schema';
import { originFiles } from './fixtures/origin-files';
import type { ImageCandidate } from '../../../utils/policy/verdict';

/**
 * A JSON-LD ImageObject's copyrightNotice (schema.org's IPTC Copyright Notice) refusing AI
 * training or data mining in plain words: read from the page's HTML as Collect's scanner reads
 * it, and decided as the same words in the image's own IPTC are (findings.ts imageObjectRefusals).
 */
const PAGE = 'https://museum.example/gallery';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

function pageWith(copyrightNotice: string, imageUrl: string, settings: ReturnType<typeof parseSettings>) {
  const object = { '@context': 'https://schema.org', '@type': 'ImageObject', contentUrl: imageUrl, license: CC_BY, copyrightNotice };
  const html = `<!doctype html><html><head><title>Gallery</title><link rel="license" href="${CC_BY}"><script type="application/ld+json">${JSON.stringify(object)}</script></head><body><img src="${imageUrl}"></body></html>`;
  const { document } = parseHTML(html);
  const signals = pageSignalsFromScan(ScannedPageSignalsSchema.parse(readPageSignals(document as unknown as Document, PAGE)));
  return assessPage({ page: signals, headers: {}, origin: originFiles('https://museum.example') }, settings);
}

function decide(copyrightNotice: string, imageUrl = 'https://museum.example/fox.jpg', purpose = 'ai-training', mode = 'licensed') {
  const settings = parseSettings({ purpose, mode });
  const page = pageWith(copyrightNotice, imageUrl, settings);
  const candidate: ImageCandidate = { url: imageUrl, thumbnailUrl: null, alt: '', title: '', caption: '', discovery: ['img'], width: 0, height: 0, elementLicences: [] };
  const image = { url: imageUrl, finalUrl: imageUrl, headers: {}, redirects: [], origins: [originFiles(new URL(imageUrl).origin)], embedded: { evidence: [], licence: null } };
  return assessImage(page, image, candidate, settings);
}

describe('a plain-language refusal in the copyrightNotice of a JSON-LD ImageObject about the image', () => {
  it('No AI training, or AI学習禁止, in the copyrightNotice refuses the image xmp-data-mining under a CC BY licence', () => {
    for (const notice of ['© 2025 Ann. No AI training.', '© 2025 Ann AI学習禁止']) {
      const d = decide(notice);
      expect(d.decision, notice).toBe('refused');
      expect(d.reasons, notice).toEqual(['xmp-data-mining']);
      expect(d.evidence.find((e) => e.reason === 'xmp-data-mining')?.value).toContain('copyrightNotice');
    }
  });

  it('also in opt-out mode, and on another site’s image the page describes', () => {
    expect(decide('No AI training', 'https://museum.example/fox.jpg', 'ai-training', 'opt-out').reasons).toEqual(['xmp-data-mining']);
    expect(decide('No AI training', 'https://cdn.photos.example/fox.jpg', 'ai-training', 'opt-out').reasons).toEqual(['xmp-data-mining']);
  });

  it('bound by purpose: a refusal of AI training does not bind research-tdm, a refusal of data mining does', () => {
    const training = decide('No AI training', 'https://museum.example/fox.jpg', 'research-tdm');
    expect(training.reasons).not.toContain('xmp-data-mining');
    expect(training.evidence.some((e) => e.effect === 'info' && e.value.includes('copyrightNotice'))).toBe(true);
    expect(decide('Text and data mining is prohibited', 'https://museum.example/fox.jpg', 'research-tdm').reasons).toEqual(['xmp-data-mining']);
  });

  it('unchanged: an ordinary copyright notice refuses nothing', () => {
    for (const notice of ['© 2025 Ann. All rights reserved.', 'Editorial use only', 'KI-Training erlaubt']) {
      expect(decide(notice).decision, notice).toBe('permitted');
    }
  });

  it('is known before the image is requested: refused unrequested, and an ordinary notice is not', () => {
    const settings = parseSettings({});
    const url = 'https://museum.example/fox.jpg';
    const before = (notice: string) => refusalBeforeRequest(pageWith(notice, url, settings), url, originFiles('https://museum.example'), settings);
    expect(before('© 2025 Ann. No AI training.')?.reasons).toEqual(['xmp-data-mining']);
    expect(before('© 2025 Ann. All rights reserved.')).toBeNull();
  });
});
