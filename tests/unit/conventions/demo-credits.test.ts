import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { imageCredit } from '../../../utils/policy/credit';
import { readElementLicence, readPageLicenceSignals } from '../../../utils/signals/html-licence';

/**
 * The demo sites name each photo's author the way real sites do (issue 18): CC REL in a gallery's
 * captions, schema.org ImageObjects on a museum's and a stock site's pages, `<meta name="author">`
 * on a portfolio. Read here through the same readers Collect uses, so the demo's ATTRIBUTION.md
 * names an author for every image whose page states one.
 */
const SITES = resolve(import.meta.dirname, '../../../demo/sites');

function credits(host: string) {
  const pageUrl = `http://${host}:8080/`;
  const html = readFileSync(resolve(SITES, host, 'index.html'), 'utf8').replaceAll('{{PORT}}', '8080');
  const doc = parseHTML(html).document as unknown as Document;
  const page = readPageLicenceSignals(doc, pageUrl);
  return Array.from(doc.querySelectorAll('img')).map((img) => {
    const imageUrl = new URL(img.getAttribute('src')!, pageUrl).href;
    const credit = imageCredit({
      imageUrl, pageUrl, page, element: readElementLicence(img, pageUrl), sameRegistrableDomain: new URL(imageUrl).host === new URL(pageUrl).host,
      caption: img.closest('figure')?.querySelector('figcaption')?.textContent ?? '', alt: img.getAttribute('alt') ?? '',
    });
    return [new URL(imageUrl).pathname, credit.creator, credit.title] as const;
  });
}

describe('demo sites state their authors', () => {
  it.each([
    ['museum.test', [['/works/harbour.png', 'Eline Vos', 'Harbour at dawn (1851)'], ['/works/orchard.png', 'Jules Marchand', 'Orchard in bloom (1874)'], ['/works/sailors.png', 'Ida Berg', 'Two sailors (1890)'], ['/lent/portrait.png', null, 'Portrait, on loan from a private collection (served by the lender; not covered by the museum\'s licence)']]],
    ['gallery.test', [['/staff/market.png', 'Mara Lind', 'Morning market'], ['/staff/tram.png', 'Tomás Vid', 'Tram at dusk'], ['/members/rooftops.png', 'juno_k', 'Rooftops by juno_k — member upload']]],
    ['stock.test', [['/free/dunes.png', 'Kofi Mensah', 'Dunes at noon'], ['/free/fjord.png', 'Sigrid Haug', 'Fjord'], ['/premium/glacier.png', 'Sigrid Haug', 'Glacier']]],
    ['optout.test', [['/portfolio/dunes.png', 'Studio Lumen', 'Dunes'], ['/portfolio/forest.png', 'Studio Lumen', 'Forest']]],
  ] as const)('%s', (host, expected) => {
    expect(credits(host)).toEqual(expected);
  });
});
