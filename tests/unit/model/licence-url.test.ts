import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCEPTED_LICENCES,
  SPDX_PORTED_CC_IDS,
  attributionLine,
  isAcceptedLicence,
  licenceLabel,
  parseLicenceUrl,
} from '../../../utils/model/licence-url';

const CC = 'https://creativecommons.org';

describe('parseLicenceUrl: Creative Commons licences', () => {
  // [input, SPDX id, label, canonical URL]
  it.each([
    // 4.0, every spelling of the same licence
    ['https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['http://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['http://www.creativecommons.org/licenses/by/4.0', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://www.creativecommons.org/licenses/by/4.0/deed.en', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0/deed.en?ref=x#foo', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0/legalcode', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0/legalcode.en', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0/legalcode.txt', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0/deed', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0/rdf', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['HTTPS://CreativeCommons.org/Licenses/BY/4.0/Deed.DE', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['  https://creativecommons.org/licenses/by/4.0/  ', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org//licenses//by//4.0//', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org./licenses/by/4.0/', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['//creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['www.creativecommons.org/licenses/by/4.0', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    ['https://creativecommons.org/licenses/by/4.0/deed.en#ref-appropriate-credit', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    // every 4.0 code, with language views
    ['https://creativecommons.org/licenses/by-sa/4.0/', 'CC-BY-SA-4.0', 'CC BY-SA 4.0', `${CC}/licenses/by-sa/4.0/`],
    ['https://creativecommons.org/licenses/by-sa/4.0/deed.de', 'CC-BY-SA-4.0', 'CC BY-SA 4.0', `${CC}/licenses/by-sa/4.0/`],
    ['https://creativecommons.org/licenses/by-sa/4.0/deed.zh-hans', 'CC-BY-SA-4.0', 'CC BY-SA 4.0', `${CC}/licenses/by-sa/4.0/`],
    ['https://creativecommons.org/licenses/by-sa/4.0/deed.zh_TW', 'CC-BY-SA-4.0', 'CC BY-SA 4.0', `${CC}/licenses/by-sa/4.0/`],
    ['https://creativecommons.org/licenses/by-sa/4.0/legalcode.fr', 'CC-BY-SA-4.0', 'CC BY-SA 4.0', `${CC}/licenses/by-sa/4.0/`],
    ['https://creativecommons.org/licenses/by-sa/4.0/deed.sr-Latn', 'CC-BY-SA-4.0', 'CC BY-SA 4.0', `${CC}/licenses/by-sa/4.0/`],
    ['https://creativecommons.org/licenses/by-nd/4.0/', 'CC-BY-ND-4.0', 'CC BY-ND 4.0', `${CC}/licenses/by-nd/4.0/`],
    ['https://creativecommons.org/licenses/by-nc/4.0/deed.ja', 'CC-BY-NC-4.0', 'CC BY-NC 4.0', `${CC}/licenses/by-nc/4.0/`],
    ['http://creativecommons.org/licenses/by-nc-sa/4.0/', 'CC-BY-NC-SA-4.0', 'CC BY-NC-SA 4.0', `${CC}/licenses/by-nc-sa/4.0/`],
    ['https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode.es', 'CC-BY-NC-ND-4.0', 'CC BY-NC-ND 4.0', `${CC}/licenses/by-nc-nd/4.0/`],
    // 4.0 has no ports: a port there falls back to the international licence
    ['https://creativecommons.org/licenses/by/4.0/de/', 'CC-BY-4.0', 'CC BY 4.0', `${CC}/licenses/by/4.0/`],
    // 3.0, 2.5, 2.0 unported
    ['http://creativecommons.org/licenses/by/3.0/', 'CC-BY-3.0', 'CC BY 3.0', `${CC}/licenses/by/3.0/`],
    ['http://creativecommons.org/licenses/by-sa/3.0/deed.en_US', 'CC-BY-SA-3.0', 'CC BY-SA 3.0', `${CC}/licenses/by-sa/3.0/`],
    ['http://creativecommons.org/licenses/by-sa/3.0/legalcode', 'CC-BY-SA-3.0', 'CC BY-SA 3.0', `${CC}/licenses/by-sa/3.0/`],
    ['http://creativecommons.org/licenses/by-nc-nd/3.0/', 'CC-BY-NC-ND-3.0', 'CC BY-NC-ND 3.0', `${CC}/licenses/by-nc-nd/3.0/`],
    ['http://creativecommons.org/licenses/by/2.5/', 'CC-BY-2.5', 'CC BY 2.5', `${CC}/licenses/by/2.5/`],
    ['http://creativecommons.org/licenses/by-sa/2.5/deed.it', 'CC-BY-SA-2.5', 'CC BY-SA 2.5', `${CC}/licenses/by-sa/2.5/`],
    ['http://creativecommons.org/licenses/by-nc/2.5', 'CC-BY-NC-2.5', 'CC BY-NC 2.5', `${CC}/licenses/by-nc/2.5/`],
    ['http://creativecommons.org/licenses/by/2.0/', 'CC-BY-2.0', 'CC BY 2.0', `${CC}/licenses/by/2.0/`],
    ['https://creativecommons.org/licenses/by-nc-sa/2.0/', 'CC-BY-NC-SA-2.0', 'CC BY-NC-SA 2.0', `${CC}/licenses/by-nc-sa/2.0/`],
    ['https://creativecommons.org/licenses/by-nd/2.0/deed.fr', 'CC-BY-ND-2.0', 'CC BY-ND 2.0', `${CC}/licenses/by-nd/2.0/`],
    // ports SPDX lists
    ['http://creativecommons.org/licenses/by-sa/3.0/de/', 'CC-BY-SA-3.0-DE', 'CC BY-SA 3.0 DE', `${CC}/licenses/by-sa/3.0/de/`],
    ['http://creativecommons.org/licenses/by-sa/3.0/de/deed.de', 'CC-BY-SA-3.0-DE', 'CC BY-SA 3.0 DE', `${CC}/licenses/by-sa/3.0/de/`],
    ['https://creativecommons.org/licenses/by-sa/3.0/de/legalcode', 'CC-BY-SA-3.0-DE', 'CC BY-SA 3.0 DE', `${CC}/licenses/by-sa/3.0/de/`],
    ['http://creativecommons.org/licenses/by/3.0/de', 'CC-BY-3.0-DE', 'CC BY 3.0 DE', `${CC}/licenses/by/3.0/de/`],
    ['http://creativecommons.org/licenses/by/3.0/us/', 'CC-BY-3.0-US', 'CC BY 3.0 US', `${CC}/licenses/by/3.0/us/`],
    ['http://creativecommons.org/licenses/by/3.0/nl/deed.nl', 'CC-BY-3.0-NL', 'CC BY 3.0 NL', `${CC}/licenses/by/3.0/nl/`],
    ['http://creativecommons.org/licenses/by/3.0/at/', 'CC-BY-3.0-AT', 'CC BY 3.0 AT', `${CC}/licenses/by/3.0/at/`],
    ['http://creativecommons.org/licenses/by/3.0/au/', 'CC-BY-3.0-AU', 'CC BY 3.0 AU', `${CC}/licenses/by/3.0/au/`],
    ['http://creativecommons.org/licenses/by/2.5/au/', 'CC-BY-2.5-AU', 'CC BY 2.5 AU', `${CC}/licenses/by/2.5/au/`],
    ['https://creativecommons.org/licenses/by/3.0/igo/', 'CC-BY-3.0-IGO', 'CC BY 3.0 IGO', `${CC}/licenses/by/3.0/igo/`],
    ['https://creativecommons.org/licenses/by-sa/3.0/igo/deed.en', 'CC-BY-SA-3.0-IGO', 'CC BY-SA 3.0 IGO', `${CC}/licenses/by-sa/3.0/igo/`],
    ['https://creativecommons.org/licenses/by-nc-sa/3.0/igo/', 'CC-BY-NC-SA-3.0-IGO', 'CC BY-NC-SA 3.0 IGO', `${CC}/licenses/by-nc-sa/3.0/igo/`],
    ['https://creativecommons.org/licenses/by-nc-nd/3.0/igo/', 'CC-BY-NC-ND-3.0-IGO', 'CC BY-NC-ND 3.0 IGO', `${CC}/licenses/by-nc-nd/3.0/igo/`],
    ['http://creativecommons.org/licenses/by-sa/2.0/uk/', 'CC-BY-SA-2.0-UK', 'CC BY-SA 2.0 UK', `${CC}/licenses/by-sa/2.0/uk/`],
    ['http://creativecommons.org/licenses/by-nc-sa/2.0/uk/', 'CC-BY-NC-SA-2.0-UK', 'CC BY-NC-SA 2.0 UK', `${CC}/licenses/by-nc-sa/2.0/uk/`],
    ['http://creativecommons.org/licenses/by-nc-sa/2.0/fr/', 'CC-BY-NC-SA-2.0-FR', 'CC BY-NC-SA 2.0 FR', `${CC}/licenses/by-nc-sa/2.0/fr/`],
    ['http://creativecommons.org/licenses/by-nc-sa/2.0/de/', 'CC-BY-NC-SA-2.0-DE', 'CC BY-NC-SA 2.0 DE', `${CC}/licenses/by-nc-sa/2.0/de/`],
    ['http://creativecommons.org/licenses/by-sa/2.1/jp/', 'CC-BY-SA-2.1-JP', 'CC BY-SA 2.1 JP', `${CC}/licenses/by-sa/2.1/jp/`],
    ['http://creativecommons.org/licenses/by-sa/3.0/at/', 'CC-BY-SA-3.0-AT', 'CC BY-SA 3.0 AT', `${CC}/licenses/by-sa/3.0/at/`],
    ['http://creativecommons.org/licenses/by-nc/3.0/de/', 'CC-BY-NC-3.0-DE', 'CC BY-NC 3.0 DE', `${CC}/licenses/by-nc/3.0/de/`],
    ['http://creativecommons.org/licenses/by-nd/3.0/de/', 'CC-BY-ND-3.0-DE', 'CC BY-ND 3.0 DE', `${CC}/licenses/by-nd/3.0/de/`],
    ['http://creativecommons.org/licenses/by-nc-nd/3.0/de/', 'CC-BY-NC-ND-3.0-DE', 'CC BY-NC-ND 3.0 DE', `${CC}/licenses/by-nc-nd/3.0/de/`],
    ['http://creativecommons.org/licenses/by-nc-sa/3.0/de/', 'CC-BY-NC-SA-3.0-DE', 'CC BY-NC-SA 3.0 DE', `${CC}/licenses/by-nc-sa/3.0/de/`],
    // ports SPDX does not list: the unported id, the ported URL
    ['http://creativecommons.org/licenses/by/3.0/fr/', 'CC-BY-3.0', 'CC BY 3.0 FR', `${CC}/licenses/by/3.0/fr/`],
    ['http://creativecommons.org/licenses/by-sa/2.5/scotland/', 'CC-BY-SA-2.5', 'CC BY-SA 2.5 Scotland', `${CC}/licenses/by-sa/2.5/scotland/`],
    ['http://creativecommons.org/licenses/by-nc-nd/2.0/uk/', 'CC-BY-NC-ND-2.0', 'CC BY-NC-ND 2.0 UK', `${CC}/licenses/by-nc-nd/2.0/uk/`],
    ['http://creativecommons.org/licenses/by/2.0/uk/', 'CC-BY-2.0', 'CC BY 2.0 UK', `${CC}/licenses/by/2.0/uk/`],
    ['http://creativecommons.org/licenses/by-sa/3.0/es/deed.es', 'CC-BY-SA-3.0', 'CC BY-SA 3.0 ES', `${CC}/licenses/by-sa/3.0/es/`],
    ['http://creativecommons.org/licenses/by/3.0/nz/', 'CC-BY-3.0', 'CC BY 3.0 NZ', `${CC}/licenses/by/3.0/nz/`],
    ['http://creativecommons.org/licenses/by-nc/2.5/br/', 'CC-BY-NC-2.5', 'CC BY-NC 2.5 BR', `${CC}/licenses/by-nc/2.5/br/`],
    // 2.1 existed only as ports; SPDX has no unported 2.1 ids
    ['http://creativecommons.org/licenses/by/2.1/jp/', 'LicenseRef-CC-BY-2.1', 'CC BY 2.1 JP', `${CC}/licenses/by/2.1/jp/`],
    ['http://creativecommons.org/licenses/by-nc-sa/2.1/es/', 'LicenseRef-CC-BY-NC-SA-2.1', 'CC BY-NC-SA 2.1 ES', `${CC}/licenses/by-nc-sa/2.1/es/`],
    // 1.0 and its oddities
    ['http://creativecommons.org/licenses/by/1.0/', 'CC-BY-1.0', 'CC BY 1.0', `${CC}/licenses/by/1.0/`],
    ['http://creativecommons.org/licenses/by-sa/1.0/', 'CC-BY-SA-1.0', 'CC BY-SA 1.0', `${CC}/licenses/by-sa/1.0/`],
    ['http://creativecommons.org/licenses/by-nd/1.0/', 'CC-BY-ND-1.0', 'CC BY-ND 1.0', `${CC}/licenses/by-nd/1.0/`],
    ['http://creativecommons.org/licenses/by-nc/1.0/', 'CC-BY-NC-1.0', 'CC BY-NC 1.0', `${CC}/licenses/by-nc/1.0/`],
    ['http://creativecommons.org/licenses/by-nc-sa/1.0/', 'CC-BY-NC-SA-1.0', 'CC BY-NC-SA 1.0', `${CC}/licenses/by-nc-sa/1.0/`],
    ['http://creativecommons.org/licenses/by-nd-nc/1.0/', 'CC-BY-NC-ND-1.0', 'CC BY-ND-NC 1.0', `${CC}/licenses/by-nd-nc/1.0/`],
    ['http://creativecommons.org/licenses/by-nd-nc/1.0/legalcode', 'CC-BY-NC-ND-1.0', 'CC BY-ND-NC 1.0', `${CC}/licenses/by-nd-nc/1.0/`],
    ['http://creativecommons.org/licenses/sa/1.0/', 'CC-SA-1.0', 'CC SA 1.0', `${CC}/licenses/sa/1.0/`],
    ['http://creativecommons.org/licenses/nd/1.0/', 'LicenseRef-CC-ND-1.0', 'CC ND 1.0', `${CC}/licenses/nd/1.0/`],
    ['http://creativecommons.org/licenses/nc/1.0/', 'LicenseRef-CC-NC-1.0', 'CC NC 1.0', `${CC}/licenses/nc/1.0/`],
    ['http://creativecommons.org/licenses/nc-sa/1.0/', 'LicenseRef-CC-NC-SA-1.0', 'CC NC-SA 1.0', `${CC}/licenses/nc-sa/1.0/`],
    ['http://creativecommons.org/licenses/nd-nc/1.0/', 'LicenseRef-CC-NC-ND-1.0', 'CC ND-NC 1.0', `${CC}/licenses/nd-nc/1.0/`],
    ['http://creativecommons.org/licenses/by/1.0/fi/', 'CC-BY-1.0', 'CC BY 1.0 FI', `${CC}/licenses/by/1.0/fi/`],
  ])('%s → %s', (input, id, name, url) => {
    expect(parseLicenceUrl(input)).toEqual({ id, name, url, family: 'cc' });
  });
});

describe('parseLicenceUrl: public domain tools', () => {
  it.each([
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'CC0-1.0', 'CC0 1.0', 'cc0'],
    ['http://creativecommons.org/publicdomain/zero/1.0/', 'CC0-1.0', 'CC0 1.0', 'cc0'],
    ['http://creativecommons.org/publicdomain/zero/1.0', 'CC0-1.0', 'CC0 1.0', 'cc0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/deed.en', 'CC0-1.0', 'CC0 1.0', 'cc0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/legalcode', 'CC0-1.0', 'CC0 1.0', 'cc0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/legalcode.ja', 'CC0-1.0', 'CC0 1.0', 'cc0'],
    ['https://www.creativecommons.org/publicdomain/zero/1.0/deed.pt_BR?x=1#y', 'CC0-1.0', 'CC0 1.0', 'cc0'],
    ['https://creativecommons.org/publicdomain/mark/1.0/', 'CC-PDM-1.0', 'Public Domain Mark 1.0', 'pdm'],
    ['http://creativecommons.org/publicdomain/mark/1.0', 'CC-PDM-1.0', 'Public Domain Mark 1.0', 'pdm'],
    ['https://creativecommons.org/publicdomain/mark/1.0/deed.de', 'CC-PDM-1.0', 'Public Domain Mark 1.0', 'pdm'],
    ['http://creativecommons.org/licenses/publicdomain/', 'CC-PDDC', 'Public Domain Dedication and Certification', 'pdm'],
    ['http://creativecommons.org/licenses/publicdomain', 'CC-PDDC', 'Public Domain Dedication and Certification', 'pdm'],
    ['http://creativecommons.org/licenses/publicdomain/deed.fr', 'CC-PDDC', 'Public Domain Dedication and Certification', 'pdm'],
  ])('%s → %s', (input, id, name, family) => {
    expect(parseLicenceUrl(input)).toMatchObject({ id, name, family });
  });

  it('canonicalises tool URLs', () => {
    expect(parseLicenceUrl('http://www.creativecommons.org/publicdomain/zero/1.0/legalcode')?.url).toBe(`${CC}/publicdomain/zero/1.0/`);
    expect(parseLicenceUrl('http://creativecommons.org/publicdomain/mark/1.0')?.url).toBe(`${CC}/publicdomain/mark/1.0/`);
    expect(parseLicenceUrl('http://creativecommons.org/licenses/publicdomain')?.url).toBe(`${CC}/licenses/publicdomain/`);
  });
});

// URL-shaped strings built from CC path pieces and noise (cheaper than fc.webUrl()).
const ccLikeUrl = fc
  .tuple(
    fc.constantFrom('http://', 'https://', '//', '', 'HTTPS://'),
    fc.constantFrom('creativecommons.org', 'www.creativecommons.org', 'creativecommons.org.', 'example.com', 'creativecommons.org:8080'),
    fc.array(fc.oneof(fc.constantFrom('licenses', 'publicdomain', 'by', 'by-sa', 'nd-nc', 'zero', 'mark', '1.0', '2.1', '4.0', 'de', 'igo', 'deed.de', 'legalcode', '', '..', '%2F'), fc.string({ maxLength: 6 })), { maxLength: 6 }),
    fc.constantFrom('', '/', '?a=1', '#x', '/deed.zh-hans?x#y'),
  )
  .map(([scheme, host, segments, tail]) => `${scheme}${host}/${segments.join('/')}${tail}`);

describe('parseLicenceUrl: not a CC licence', () => {
  it.each([
    // other licences and other CC pages: family "other", id null, URL kept
    ['https://www.gnu.org/licenses/gpl-3.0.html', 'https://www.gnu.org/licenses/gpl-3.0.html'],
    ['https://opensource.org/licenses/MIT', 'https://opensource.org/licenses/MIT'],
    ['https://example.com/licenses/by/4.0/', 'https://example.com/licenses/by/4.0/'],
    ['https://creativecommons.org.evil.example/licenses/by/4.0/', 'https://creativecommons.org.evil.example/licenses/by/4.0/'],
    ['https://creativecommons.org@evil.example/licenses/by/4.0/', 'https://creativecommons.org@evil.example/licenses/by/4.0/'],
    ['https://i.creativecommons.org/l/by/4.0/88x31.png', 'https://i.creativecommons.org/l/by/4.0/88x31.png'],
    ['https://de.creativecommons.org/licenses/by/4.0/', 'https://de.creativecommons.org/licenses/by/4.0/'],
    ['https://creativecommons.org/', 'https://creativecommons.org/'],
    ['https://creativecommons.org/licenses/', 'https://creativecommons.org/licenses/'],
    ['https://creativecommons.org/licenses/by/', 'https://creativecommons.org/licenses/by/'],
    ['https://creativecommons.org/licenses/by/5.0/', 'https://creativecommons.org/licenses/by/5.0/'],
    ['https://creativecommons.org/licenses/by/4/', 'https://creativecommons.org/licenses/by/4/'],
    ['https://creativecommons.org/licenses/by-sa-nc/4.0/', 'https://creativecommons.org/licenses/by-sa-nc/4.0/'],
    ['https://creativecommons.org/licenses/sa/2.0/', 'https://creativecommons.org/licenses/sa/2.0/'],
    ['https://creativecommons.org/licenses/by-nd-nc/2.0/', 'https://creativecommons.org/licenses/by-nd-nc/2.0/'],
    ['https://creativecommons.org/licenses/sampling+/1.0/', 'https://creativecommons.org/licenses/sampling+/1.0/'],
    ['https://creativecommons.org/licenses/nc-sampling+/1.0/', 'https://creativecommons.org/licenses/nc-sampling+/1.0/'],
    ['https://creativecommons.org/licenses/GPL/2.0/', 'https://creativecommons.org/licenses/GPL/2.0/'],
    ['https://creativecommons.org/licenses/by/4.0/88x31.png', 'https://creativecommons.org/licenses/by/4.0/88x31.png'],
    ['https://creativecommons.org/licenses/by/3.0/de/extra/', 'https://creativecommons.org/licenses/by/3.0/de/extra/'],
    ['https://creativecommons.org/publicdomain/zero/2.0/', 'https://creativecommons.org/publicdomain/zero/2.0/'],
    ['https://creativecommons.org/publicdomain/', 'https://creativecommons.org/publicdomain/'],
    ['https://creativecommons.org/about/cclicenses/', 'https://creativecommons.org/about/cclicenses/'],
    ['https://creativecommons.org/share-your-work/cclicenses/', 'https://creativecommons.org/share-your-work/cclicenses/'],
    // A view tail naming a licence element restricts what the path says: not CC BY (fail closed).
    ['https://creativecommons.org/licenses/by/4.0/deed.nc', 'https://creativecommons.org/licenses/by/4.0/deed.nc'],
    ['https://creativecommons.org/licenses/by/4.0/legalcode-nd', 'https://creativecommons.org/licenses/by/4.0/legalcode-nd'],
    ['https://creativecommons.org/licenses/by-sa/3.0/deed_nc-nd', 'https://creativecommons.org/licenses/by-sa/3.0/deed_nc-nd'],
  ])('%s → other', (input, url) => {
    expect(parseLicenceUrl(input)).toMatchObject({ id: null, family: 'other', url });
  });

  it.each([
    '',
    '   ',
    'CC BY 4.0',
    'CC-BY-4.0',
    'licenses/by/4.0/',
    '/licenses/by/4.0/',
    'javascript:alert(1)//creativecommons.org/licenses/by/4.0/',
    'data:text/html,https://creativecommons.org/licenses/by/4.0/',
    'ftp://creativecommons.org/licenses/by/4.0/',
    'mailto:licensing@creativecommons.org',
    'http://',
    'https://[::1',
    `https://creativecommons.org/licenses/by/4.0/?${'x'.repeat(5000)}`,
    '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY</a>',
    '"><script>alert(1)</script>',
    '\u0000\u0001',
  ])('%j → null', (input) => {
    expect(parseLicenceUrl(input)).toBeNull();
  });

  it('returns null for non-strings at run time', () => {
    for (const v of [null, undefined, 42, {}, [], Symbol('x')]) expect(parseLicenceUrl(v as unknown as string)).toBeNull();
  });

  it('never throws, and a CC id always comes with a CC family and canonical URL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), ccLikeUrl, fc.string().map((s) => `https://creativecommons.org/licenses/${s}`)), (s) => {
        const r = parseLicenceUrl(s);
        if (r === null) return;
        expect(typeof r.name).toBe('string');
        if (r.id !== null) {
          expect(r.family).not.toBe('other');
          expect(r.url.startsWith('https://creativecommons.org/')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('SPDX_PORTED_CC_IDS', () => {
  it('holds the 21 ported CC ids on the SPDX list, all shaped CC-<code>-<version>-<PORT>', () => {
    expect(SPDX_PORTED_CC_IDS.size).toBe(21);
    for (const id of SPDX_PORTED_CC_IDS) expect(id).toMatch(/^CC-BY(?:-(?:NC|ND|SA))*-\d\.\d-[A-Z]+$/);
  });
});

describe('isAcceptedLicence', () => {
  const accepted = DEFAULT_ACCEPTED_LICENCES;
  it('defaults to CC0, PDM, CC BY, CC BY-SA', () => {
    expect(DEFAULT_ACCEPTED_LICENCES).toEqual(['CC0', 'PDM', 'CC-BY', 'CC-BY-SA']);
  });

  it.each([
    ['CC0-1.0', true],
    ['CC-PDM-1.0', true],
    ['CC-PDDC', true],
    ['CC-BY-4.0', true],
    ['CC-BY-1.0', true],
    ['CC-BY-3.0-DE', true],
    ['CC-BY-3.0-IGO', true],
    ['LicenseRef-CC-BY-2.1', true],
    ['CC-BY-SA-4.0', true],
    ['CC-BY-SA-2.1-JP', true],
    ['cc-by-sa-3.0', true],
    ['CC-BY-NC-4.0', false],
    ['CC-BY-ND-4.0', false],
    ['CC-BY-NC-SA-4.0', false],
    ['CC-BY-NC-ND-3.0-IGO', false],
    ['CC-SA-1.0', false],
    ['LicenseRef-CC-NC-1.0', false],
    ['MIT', false],
    ['GPL-3.0-only', false],
    ['', false],
    [null, false],
  ])('%s in the default set: %s', (id, expected) => {
    expect(isAcceptedLicence(id, accepted)).toBe(expected);
  });

  it.each([
    ['CC-BY-NC-4.0', ['CC-BY-NC'], true],
    ['CC-BY-NC-SA-4.0', ['CC-BY-NC'], false],
    ['CC-BY-NC-SA-4.0', ['CC-BY-NC-SA'], true],
    ['CC-BY-NC-ND-1.0', ['CC-BY-ND-NC'], true],
    ['CC-BY-NC-ND-3.0-DE', ['cc-by-nc-nd'], true],
    ['CC-BY-4.0', ['CC-BY-4.0'], true],
    ['CC-BY-3.0-DE', ['CC-BY-3.0'], true],
    ['CC-BY-3.0', ['CC-BY-4.0'], false],
    ['CC-BY-3.0', ['CC-BY-3.0-DE'], false],
    ['CC0-1.0', ['CC0-1.0'], true],
    ['CC-PDM-1.0', ['CC-PDM'], true],
    ['CC-PDM-1.0', ['CC0'], false],
    ['CC0-1.0', ['PDM'], false],
    ['LicenseRef-CC-ND-1.0', ['CC-ND'], true],
    ['CC-BY-4.0', [], false],
    ['CC-BY-4.0', ['', 'nonsense', 42 as unknown as string], false],
  ])('%s with %j: %s', (id, set, expected) => {
    expect(isAcceptedLicence(id, set)).toBe(expected);
  });

  it('accepts what parseLicenceUrl recognises for the default families', () => {
    for (const url of [`${CC}/licenses/by/3.0/us/`, `${CC}/licenses/by-sa/2.5/scotland/`, `${CC}/publicdomain/zero/1.0/`, `${CC}/publicdomain/mark/1.0/`]) {
      expect(isAcceptedLicence(parseLicenceUrl(url)?.id ?? null)).toBe(true);
    }
    for (const url of [`${CC}/licenses/by-nc/4.0/`, `${CC}/licenses/nd/1.0/`, 'https://example.com/licence']) {
      expect(isAcceptedLicence(parseLicenceUrl(url)?.id ?? null)).toBe(false);
    }
  });
});

describe('licenceLabel', () => {
  it.each([
    ['CC-BY-SA-4.0', 'CC BY-SA 4.0'],
    ['CC-BY-3.0-DE', 'CC BY 3.0 DE'],
    ['CC0-1.0', 'CC0 1.0'],
    ['CC-PDM-1.0', 'Public Domain Mark 1.0'],
    ['CC-PDDC', 'Public Domain Dedication and Certification'],
    ['LicenseRef-CC-NC-1.0', 'CC NC 1.0'],
    ['MIT', 'MIT'],
  ])('%s → %s', (id, label) => {
    expect(licenceLabel(id)).toBe(label);
  });
});

describe('attributionLine', () => {
  const bySa = `${CC}/licenses/by-sa/4.0/`;
  it.each([
    [{ title: 'Fox', creator: 'Ann', licenceId: 'CC-BY-SA-4.0', licenceUrl: bySa }, `"Fox" by Ann is licensed under CC BY-SA 4.0 (${bySa})`],
    [{ title: 'Fox', creator: null, licenceId: 'CC-BY-SA-4.0', licenceUrl: bySa }, `"Fox" is licensed under CC BY-SA 4.0 (${bySa})`],
    [{ title: null, creator: 'Ann', licenceId: 'CC-BY-SA-4.0', licenceUrl: bySa }, `This image by Ann is licensed under CC BY-SA 4.0 (${bySa})`],
    [{ licenceId: 'CC-BY-SA-4.0', licenceUrl: bySa }, `This image is licensed under CC BY-SA 4.0 (${bySa})`],
    [{ title: '  Fox \n in   snow ', creator: ' Ann ', licenceId: 'CC-BY-SA-4.0', licenceUrl: `${bySa}deed.de?x=1` }, `"Fox in snow" by Ann is licensed under CC BY-SA 4.0 (${bySa})`],
    [{ title: 'Fox', creator: 'Ann', licenceId: 'CC0-1.0', licenceUrl: `${CC}/publicdomain/zero/1.0/` }, `"Fox" by Ann is marked with CC0 1.0 (${CC}/publicdomain/zero/1.0/)`],
    [{ title: null, creator: null, licenceId: 'CC-PDM-1.0', licenceUrl: `${CC}/publicdomain/mark/1.0/deed.en` }, `This image is marked with Public Domain Mark 1.0 (${CC}/publicdomain/mark/1.0/)`],
    [{ title: 'Map', creator: 'UN', licenceId: 'CC-BY-3.0-IGO', licenceUrl: `http://creativecommons.org/licenses/by/3.0/igo/legalcode` }, `"Map" by UN is licensed under CC BY 3.0 IGO (${CC}/licenses/by/3.0/igo/)`],
    [{ title: '', creator: '', licenceId: 'CC-BY-4.0', licenceUrl: '' }, 'This image is licensed under CC BY 4.0'],
    [{ title: 'Fox', creator: 'Ann', licenceId: 'CC-BY-4.0', licenceUrl: 'https://example.com/cc-by' }, '"Fox" by Ann is licensed under CC BY 4.0 (https://example.com/cc-by)'],
    [{ title: 'Fox', creator: 'Ann', licenceId: null, licenceUrl: 'https://example.com/terms' }, '"Fox" by Ann is licensed under the terms at https://example.com/terms'],
    [{ title: 'Fox', creator: 'Ann', licenceId: 'MIT', licenceUrl: 'https://opensource.org/licenses/MIT' }, '"Fox" by Ann is licensed under MIT (https://opensource.org/licenses/MIT)'],
    [{ title: null, creator: null, licenceId: null, licenceUrl: 'not a url' }, 'This image is licensed under the terms at not a url'],
  ])('%j', (input, expected) => {
    expect(attributionLine(input)).toBe(expected);
  });

  it('caps long names and strips control characters', () => {
    const line = attributionLine({ title: `A\u0000B${'x'.repeat(1000)}`, creator: 'C\u0007D', licenceId: 'CC-BY-4.0', licenceUrl: `${CC}/licenses/by/4.0/` });
    expect(line).toBe(`"A B${'x'.repeat(196)}…" by C D is licensed under CC BY 4.0 (${CC}/licenses/by/4.0/)`);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), fc.option(fc.string()), fc.string(), (title, creator, licenceId, licenceUrl) => {
        expect(typeof attributionLine({ title, creator, licenceId, licenceUrl })).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile input', () => {
  it('runs in linear time on long, ambiguous strings', () => {
    parseLicenceUrl(`https://creativecommons.org/licenses/by/4.0/deed${'-_.'.repeat(600)}!`);
    parseLicenceUrl(`https://creativecommons.org/${'by-'.repeat(600)}/4.0/`);
    isAcceptedLicence(`CC-${'BY-'.repeat(100_000)}4.0`, ['CC-BY']);
    attributionLine({ title: ' \t'.repeat(100_000), creator: 'x'.repeat(1_000_000), licenceId: 'CC-BY-4.0', licenceUrl: 'https://creativecommons.org/licenses/by/4.0/' });
  });
});

// A licence element where a jurisdiction port stands (`by/2.0/nc/`, `by-sa/4.0/nd/`) names a
// restriction, not a country: no CC port was ever called nc, nd, sa or by. Read as the
// unrestricted licence, it would keep what the owner restricted (DESIGN.md §2 rule 4; fail closed).
describe('parseLicenceUrl: licence elements in the port position', () => {
  it.each([
    'https://creativecommons.org/licenses/by/2.0/nc/',
    'https://creativecommons.org/licenses/by/3.0/nd/',
    'https://creativecommons.org/licenses/by-sa/4.0/nc/',
    'https://creativecommons.org/licenses/by/2.5/sa/',
  ])('%s is not an accepted licence', (url) => {
    expect(isAcceptedLicence(parseLicenceUrl(url)?.id)).toBe(false);
  });

  it('a real port still is', () => {
    expect(parseLicenceUrl('https://creativecommons.org/licenses/by/2.0/nl/')?.id).toBe('CC-BY-2.0');
  });
});

// A view tail (`deed.…`, `legalcode.…`) is a language, nothing else: a licence element anywhere
// in it (`deed.en.nc`, `legalcode.en-nd`) restricts what the path's code says, and a tail that is
// no language tag is no view of that licence. Neither is read as the licence (fail closed).
describe('parseLicenceUrl: licence elements in the view-page suffix', () => {
  it.each([
    'https://creativecommons.org/licenses/by/4.0/deed.en.nc',
    'https://creativecommons.org/licenses/by/4.0/deed.x-nc',
    'https://creativecommons.org/licenses/by/4.0/deed..nc',
    'https://creativecommons.org/licenses/by/4.0/deed.en@nc',
    'https://creativecommons.org/licenses/by/4.0/deed.EN.NC',
    'https://creativecommons.org/licenses/by/4.0/deed.en_US-nc',
    'https://creativecommons.org/licenses/by/4.0/legalcode.en-nd',
    'https://creativecommons.org/licenses/by/4.0/legalcode.txt.nd',
    'https://creativecommons.org/licenses/by-sa/4.0/deed.en.nd',
    'https://creativecommons.org/licenses/by-sa/3.0/de/deed.de.nc',
    'https://creativecommons.org/publicdomain/zero/1.0/deed.en.nc',
    'https://creativecommons.org/publicdomain/mark/1.0/deed.de-nd',
    // already refused: the first word is an element
    'https://creativecommons.org/licenses/by/4.0/deed.nc',
    'https://creativecommons.org/licenses/by/4.0/deed.sa',
    'https://creativecommons.org/licenses/by/4.0/deed.nc-en',
  ])('%s → other, not accepted', (url) => {
    const r = parseLicenceUrl(url);
    expect(r).toMatchObject({ id: null, family: 'other' });
    expect(isAcceptedLicence(r?.id)).toBe(false);
  });

  it.each([
    ['https://creativecommons.org/licenses/by/4.0/deed.en', 'CC-BY-4.0'],
    ['https://creativecommons.org/licenses/by/4.0/deed', 'CC-BY-4.0'],
    ['https://creativecommons.org/licenses/by/4.0/legalcode', 'CC-BY-4.0'],
    ['https://creativecommons.org/licenses/by/4.0/legalcode.txt', 'CC-BY-4.0'],
    ['https://creativecommons.org/licenses/by-sa/4.0/deed.de', 'CC-BY-SA-4.0'],
    ['https://creativecommons.org/licenses/by-sa/4.0/legalcode.fr', 'CC-BY-SA-4.0'],
    ['https://creativecommons.org/licenses/by-sa/4.0/deed.zh-hans', 'CC-BY-SA-4.0'],
    ['https://creativecommons.org/licenses/by-sa/4.0/deed.sr-Latn', 'CC-BY-SA-4.0'],
    ['https://creativecommons.org/licenses/by-sa/3.0/deed.en_US', 'CC-BY-SA-3.0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/deed.pt_BR', 'CC0-1.0'],
  ])('a real language view still reads: %s → %s', (url, id) => {
    expect(parseLicenceUrl(url)?.id).toBe(id);
  });
});

// `new URL` resolves dot segments, so `by-nc/4.0/../../by/4.0/` would read as CC BY although the
// text names BY-NC. A licence URL whose raw text carries a dot segment is not recognised.
describe('parseLicenceUrl: dot segments in the raw text', () => {
  it.each([
    'https://creativecommons.org/licenses/by-nc/4.0/%2e%2e/%2e%2e/by/4.0/',
    'https://creativecommons.org/licenses/by-nc/4.0/%2E%2E/%2e%2E/by/4.0/',
    'https://creativecommons.org/licenses/by-nc/4.0/.%2e/%2E./by/4.0/',
    'https://creativecommons.org/licenses/by-nc/4.0/../../by/4.0/',
    'https://creativecommons.org/licenses/by-nc/4.0/../../by/4.0',
    'https://creativecommons.org/licenses/by-nc/4.0/.\t./..\n/by/4.0/',
    'https://creativecommons.org/licenses/by-nc/4.0\\..\\..\\by\\4.0\\',
    '//creativecommons.org/licenses/by-nd/4.0/../../by/4.0/deed.en',
    'creativecommons.org/licenses/by-nc-sa/4.0/../../by-sa/4.0/',
    'https://creativecommons.org/licenses/nc/../by/4.0/',
    'https://creativecommons.org/publicdomain/zero/1.0/../../../licenses/by/4.0/',
  ])('%j → other, not accepted', (url) => {
    const r = parseLicenceUrl(url);
    expect(r).toMatchObject({ id: null, family: 'other' });
    expect(isAcceptedLicence(r?.id)).toBe(false);
  });

  it('dots elsewhere are no dot segment', () => {
    expect(parseLicenceUrl('https://creativecommons.org/licenses/by/4.0/deed.en?x=a..b')?.id).toBe('CC-BY-4.0');
    expect(parseLicenceUrl('https://creativecommons.org./licenses/by-sa/3.0/de/')?.id).toBe('CC-BY-SA-3.0-DE');
  });
});

// A query or fragment is dropped as a view's; one naming a restriction (`?nc`, `#non-commercial`)
// says the licence meant is not the one the path names. Dropped, `by/4.0/?use=non-commercial`
// read as CC BY and kept what the owner restricted (DESIGN.md §2 rule 4; fail closed).
describe('parseLicenceUrl: a licence restriction in the query or fragment', () => {
  it.each([
    'https://creativecommons.org/licenses/by/4.0/?nc',
    'https://creativecommons.org/licenses/by/4.0/#nd',
    'https://creativecommons.org/licenses/by/4.0/#non-commercial',
    'https://creativecommons.org/licenses/by-sa/4.0/deed.en?use=NonCommercial',
    'https://creativecommons.org/licenses/by/4.0/?terms=no_derivatives',
    'https://creativecommons.org/licenses/by/4.0/?restrict=nc-nd',
    'https://creativecommons.org/licenses/by/4.0/?x=%6Ec',
    'https://creativecommons.org/publicdomain/zero/1.0/?non%20commercial',
  ])('%j → other, not accepted', (url) => {
    const r = parseLicenceUrl(url);
    expect(r).toMatchObject({ id: null, family: 'other' });
    expect(isAcceptedLicence(r?.id)).toBe(false);
  });

  it('other queries and fragments are still dropped', () => {
    for (const url of [
      'https://creativecommons.org/licenses/by/4.0/?ref=chooser-v1',
      'https://creativecommons.org/licenses/by/4.0/deed.en#ref-appropriate-credit',
      'https://creativecommons.org/licenses/by/4.0/?ref=ncbi&lang=en',
      'https://creativecommons.org/licenses/by/4.0/?x=%zz',
    ]) expect(parseLicenceUrl(url)?.id, url).toBe('CC-BY-4.0');
  });
});

// A restriction in the query or fragment written so the word scan missed it: escaped beside a
// malformed escape (the whole text was then read undecoded, `n%63` not seen as `nc`), the licence
// elements joined into one word (`bync`, `cc-byncnd`), or non-commercial said as `no commercial`
// or `commercial=no`. Each read as CC BY and kept what the owner restricted; now not that licence.
describe('parseLicenceUrl: a restriction in the query written past the word scan', () => {
  it.each([
    'https://creativecommons.org/licenses/by/4.0/?x=%E0%A4&n%63',
    'https://creativecommons.org/licenses/by/4.0/#%zz-%4Eon-commercial',
    'https://creativecommons.org/licenses/by/4.0/?bync',
    'https://creativecommons.org/licenses/by/4.0/?licence=cc-byncnd',
    'https://creativecommons.org/licenses/by-sa/4.0/#byncsa',
    'https://creativecommons.org/licenses/by/4.0/?use=no-commercial',
    'https://creativecommons.org/licenses/by/4.0/?not_for_commercial_use',
    'https://creativecommons.org/licenses/by/4.0/?commercial=no',
    'https://creativecommons.org/licenses/by/4.0/?commercial-use=false',
    'https://creativecommons.org/licenses/by/4.0/?derivatives=no',
  ])('%j → other, not accepted', (url) => {
    const r = parseLicenceUrl(url);
    expect(r?.family).toBe('other');
    expect(isAcceptedLicence(r?.id)).toBe(false);
  });
  it('a query naming no restriction is still dropped', () => {
    for (const url of [
      'https://creativecommons.org/licenses/by/4.0/?x=%E0%A4&ref=ncbi',
      'https://creativecommons.org/licenses/by/4.0/?by',
      'https://creativecommons.org/licenses/by/4.0/?commercial=yes',
      'https://creativecommons.org/licenses/by/4.0/deed.en#ref-commercial-purposes',
    ]) expect(parseLicenceUrl(url)?.id, url).toBe('CC-BY-4.0');
  });
});
