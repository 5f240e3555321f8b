import type { ReasonCode } from './evidence';

/** Plain-language label for each reason code, for the popup and the library. */
export const REASON_LABELS: Record<ReasonCode, string> = {
  'site-blocked': 'The site’s terms forbid automated collection',
  'site-restricted': 'The site’s terms restrict this use',
  'user-blocked': 'You blocked this site',
  'robots-disallow': 'robots.txt disallows it for AI crawlers',
  'robots-unreachable': 'robots.txt could not be read (server error), so everything is disallowed',
  'content-usage-n': 'The site opts out of AI training (Content-Usage / Content-Signal)',
  'x-robots-tag': 'An X-Robots-Tag header opts out',
  'meta-robots': 'A robots meta tag on the page opts out',
  'tdm-reserved': 'Text and data mining rights are reserved (TDMRep)',
  'ai-txt-disallow': 'ai.txt disallows it',
  'rsl-prohibits': 'The RSL licence does not permit this use for free',
  'xmp-data-mining': 'Embedded metadata prohibits data mining / AI training',
  'c2pa-not-allowed': 'Content Credentials (C2PA) do not allow AI training',
  'no-licence': 'No licence found',
  'licence-not-accepted': 'The licence is not one you accept',
  'licence-conflict': 'Conflicting licences',
  'signal-unreadable': 'A rights signal is present but unreadable (fails closed)',
  'person-no-release': 'A person’s face is recognisable and no model release is recorded',
  'people-unchecked': 'Heed could not check this image for people (fails closed)',
  'fetch-failed': 'The image could not be fetched',
  'not-an-image': 'Not an image',
  'too-large': 'Larger than the size limit',
  duplicate: 'Already in your collection',
};
