import { parseLicenceUrl, isAcceptedLicence } from './utils/model/licence-url';
import { evaluateXRobotsTag } from './utils/signals/x-robots-tag';
import { evaluateAiTxt } from './utils/signals/ai-txt';
import { purposeProfile } from './utils/model/purposes';
const AI = purposeProfile('ai-training');
for (const u of ['https://ｃｒｅａｔｉｖｅｃｏｍｍｏｎｓ.org/licenses/by/4.0/','https://creativecommons.org/licenses/ｂｙ/4.0/','https://creativecommons.org.evil.test/licenses/by/4.0/','https://creativecommons.org/licenses/by/4.0/deed.nc','https://creativecommons.org/licenses/by/4.0/../by-nc/4.0/','https://creativecommons.org/licenses/by%2Dnc/4.0/','https://creativecommons.org/licenses/by/4.0/legalcode;nc','https://creativecommons.org/licenses/by-nc-nd/4.0/','https://creativecommons.org/licenses/BY-NC/4.0/','https://creativecommons.org/licenses/by/4.0/?nc','https://creativecommons.org/licenses/by/4.0/%20nc','https://creativecommons.org/licenses/by-/4.0/','https://creativecommons.org/licenses/by/4.0/nc-nd','https://creativecommons.org/licenses/by/2.0/uk/nc','https://creativecommons.org./licenses/by/4.0/','https://creativecommons.org/licenses/by\\u00ad-nc/4.0/','https://creativecommons.org/licenses//by/4.0/','https://creativecommons.org/licenses/by/4.0//nc/','https://creativecommons.org/licenses/by/4.0/nc/deed.en','https://creativecommons.org/licenses/by/4.0/deed.en/nc','https://creativecommons.org/licenses/by.nc/4.0/','https://creativecommons.org/licenses/by_nc/4.0/','https://creativecommons.org/licenses/by-nc/4.0','creativecommons.org/licenses/by-sa/4.0','https://creativecommons.org/licenses/by/4.0/deed.en?ref=nc-nd']) {
  const p = parseLicenceUrl(u); console.log(JSON.stringify(u), '→', p?.id, p?.id ? isAcceptedLicence(p.id) : false);
}
for (const h of ['unavailable_after: 2001-01-01', 'unavailable_after: 25 Jun 2010 15:00:00 PST', 'max-image-preview: none', 'NOAI', 'noai;', 'no-ai', 'noimageai,', 'all, noai', 'GPTBot:noai', 'gptbot : noimageai', 'googlebot: noindex, gptbot: noai', 'robots: none', 'otherbot: index, noai']) {
  const ev = evaluateXRobotsTag([h], 'https://x.test/a.png', 'image', AI);
  console.log('XRT', JSON.stringify(h), ev.filter(e=>e.effect==='deny').map(e=>e.reason));
}
