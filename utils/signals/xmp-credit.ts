/**
 * Who made an image and what it is called, as its own embedded metadata says (issue 18): the
 * most specific credit there is. XMP `dc:creator` (IPTC Core "Creator"), else IPTC-IIM 2:80
 * By-line (cameras with an IPTC preset write it), else `photoshop:Credit` / IIM 2:110 Credit
 * ("Credit Line": the provider to credit); `dc:title` (IPTC Core "Title"). Read by
 * utils/signals/xmp.ts; untrusted text, capped.
 */
import { creditText, NO_CREDIT, type Credit } from '../model/credit';
import type { EmbeddedRightsResult } from './xmp';

export function embeddedCredit(rights: EmbeddedRightsResult): Credit {
  if ('unreadable' in rights) return NO_CREDIT;
  const names = (list: readonly string[]) => creditText(list.map((n) => n.trim()).filter((n) => n !== '').join(', '));
  return {
    title: creditText(rights.title),
    creator: names(rights.creators) ?? names(rights.iimByline) ?? creditText(rights.credit) ?? creditText(rights.iimCredit),
    sourceUrl: null,
  };
}
