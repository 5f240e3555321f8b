/**
 * C2PA / CAWG training-and-data-mining assertion (SIGNALS.md §8; DESIGN.md §2 rule 3):
 * `c2pa.training-mining` (C2PA 1.x) and `cawg.training-mining` (CAWG 1.0/1.1), each a map
 * `entries: {<key>: {use: allowed | notAllowed | constrained, constraint(s)_info}}`.
 * CAWG: `constrained` without understood constraints SHALL be treated as `notAllowed`.
 *
 * The manifest is read without validation (`utils/media/c2pa-store.ts`): signature, hashes and
 * certificates are not checked, so every entry is reported as an unverified claim. A validating
 * reader (@contentauth/c2pa-web 0.13.1) ships an ~8 MB WASM and runs c2pa-rs in a Web Worker,
 * which an MV3 service worker cannot spawn; an unverified opt-out is still an opt-out, and the
 * claim only ever narrows what Heed collects, so reading it unvalidated cannot admit an image.
 *
 * Unreadable store: fail closed only when the opt-out could be inside. Training-mining
 * labels are plain UTF-8 in JUMBF description boxes, so a broken store whose bytes name
 * `c2pa.training-mining`/`cawg.training-mining` denies (`signal-unreadable`, DESIGN.md §2
 * rule 5), as does one holding a Brotli-compressed (`brob`) box, which may hide them; a broken
 * store that does neither carries provenance only and is recorded as info ("c2pa present, unread"): refusing it would refuse every camera or editor image whose
 * manifest this small reader cannot walk, while no opt-out could be lost.
 *
 * Every manifest in the store is read. The active one (the last, C2PA 2.1 §11.1) speaks for
 * this asset; the others are its ingredients' (SIGNALS.md §8: scope "that asset and, via
 * ingredients, its provenance chain"). An ingredient's `notAllowed`/`constrained` still denies:
 * its owner refused the use of content this image is made from, and reading it as applying
 * only to the ingredient could keep what the owner refused (DESIGN.md §2, fail closed). An
 * ingredient's `allowed` is only info: it cannot speak for the edits made since.
 *
 * Metadata assertions (`c2pa.metadata`, `cawg.metadata`, C2PA ≤ 1.3 `stds.iptc`) carry the
 * image's IPTC fields as JSON-LD, `plus:DataMining` among them: read as the XMP's is (xmp.ts
 * dataMiningEvidence), so a prohibition stated only there refuses (`xmp-data-mining`).
 *
 * Brotli (`brob`, C2PA 2.x): a compressed manifest or assertion hides what it says. Heed carries
 * no Brotli decoder (Chromium's DecompressionStream refuses 'brotli' — checked in Chromium 156:
 * "Unsupported compression format" — and no small, well-kept pure-JS decoder with an output
 * cap fits this synchronous, pure reader), so a
 * compressed manifest, or a compressed training-mining assertion, fails closed:
 * `signal-unreadable`.
 */
import { readC2pa, type TrainingMiningEntry } from '../media/c2pa-store';
import type { Evidence } from '../model/evidence';
import type { PurposeProfile } from '../model/purposes';
import { plainLanguageRefusal } from './plain-refusal';
import { dataMiningEvidence } from './xmp';
import { headerLinks } from './link-header';
import { clipText } from '../model/clip-text';

const UNVERIFIED = 'unverified claim (signature not validated)';

function clip(s: string, max = 300): string {
  return clipText(s, max);
}

/** The entries C2PA 1.x and CAWG define, without their namespace. */
const KNOWN_ENTRIES = ['ai_training', 'ai_generative_training', 'ai_inference', 'data_mining'];

/**
 * An entry key or `use` value as it is meant. Decision (DESIGN.md §2 rules 3 and 5: the reading
 * that cannot keep a refusal): keys are read without case, spaces, namespace (`cawg.`, `c2pa.`,
 * `cawg:` or none) and with `-` for `_`, so `CAWG.AI-Training` binds like `cawg.ai_training`;
 * `use` values are read as their letters only, so `not_allowed` and `Not Allowed` are `notAllowed`.
 */
const entryName = (key: string) => key.trim().toLowerCase().replace(/-/g, '_').replace(/^(?:c2pa|cawg)[.:]/, '');
const useWord = (use: string) => use.toLowerCase().replace(/[^a-z]/g, '');

function entryEvidence(label: string, active: boolean, key: string, entry: TrainingMiningEntry, profile: PurposeProfile): Evidence {
  const use = entry.use.trim();
  const value = clip(`${label}${active ? '' : ' (ingredient manifest)'} ${key}=${use} — ${UNVERIFIED}`);
  const info = entry.constraintInfo ? ` Constraints: ${clip(entry.constraintInfo, 200)}.` : '';
  const base = { kind: 'c2pa' as const, scope: 'image' as const, source: 'c2pa', value };
  const name = entryName(key);
  // Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): an entry
  // that says `allowed` but gives constraints_info (a URL of terms, or text) is allowed under
  // constraints: CAWG gives that field for a `constrained` use, and its owner pointed at terms
  // Heed does not read (nor fetches: they are on any site, and no reader of them exists here). Read
  // as a plain `allowed`, opt-out mode kept the image whatever the linked terms say; it is now read
  // as `constrained`, which CAWG says to treat as `notAllowed` when the constraint is not understood.
  const pointsAtTerms = useWord(use) === 'allowed' && (entry.constraintInfo ?? '').trim() !== '';
  const word = pointsAtTerms ? 'constrained' : useWord(use);
  if (!KNOWN_ENTRIES.includes(name)) {
    // An entry Heed does not know may name this purpose: only its plain permission is harmless.
    return word === 'allowed'
      ? { ...base, effect: 'info', note: `An entry Heed does not know; it allows its use.${info}` }
      : { ...base, effect: 'deny', reason: 'signal-unreadable', note: `An entry Heed does not know restricts a use that may be this one; fails closed.${info}` };
  }
  if (!profile.c2paKeys.map(entryName).includes(name)) {
    return { ...base, effect: 'info', note: `Does not bind ${profile.purpose}.${info}` };
  }
  if (!active) {
    // An ingredient's refusal binds (fail closed); its permission does not speak for this asset.
    if (word === 'allowed') return { ...base, effect: 'info', note: `Stated in an ingredient's manifest, not this image's own (active) one: it does not decide.${info}` };
    return word === 'notallowed' || word === 'constrained'
      ? { ...base, effect: 'deny', reason: 'c2pa-not-allowed', note: `An ingredient's C2PA manifest (this image's provenance chain) does not allow this use.${info}` }
      : { ...base, effect: 'deny', reason: 'signal-unreadable', note: `An ingredient's manifest states a use Heed cannot read; fails closed.${info}` };
  }
  switch (word) {
    case 'notallowed':
      return { ...base, effect: 'deny', reason: 'c2pa-not-allowed', note: `The image's C2PA manifest does not allow this use.${info}` };
    case 'constrained':
      return { ...base, effect: 'deny', reason: 'c2pa-not-allowed', note: `Allowed only under constraints Heed cannot evaluate${pointsAtTerms ? ' (it says allowed, but points at constraints)' : ''}; CAWG treats this as notAllowed.${info}` };
    case 'allowed':
      return { ...base, effect: 'allow', note: "The image's C2PA manifest allows this use." };
    default:
      return { ...base, effect: 'deny', reason: 'signal-unreadable', note: 'Unknown `use` value; fails closed.' };
  }
}

/** Evidence from the image's C2PA/CAWG training-mining assertions for the purpose; never throws. */
export function evaluateC2pa(bytes: Uint8Array, profile: PurposeProfile): Evidence[] {
  const reading = readC2pa(bytes);
  if (!reading.present) return [];
  const base = { kind: 'c2pa' as const, scope: 'image' as const, source: 'c2pa' };
  if (!reading.readable) {
    return reading.mentionsTrainingMining
      ? [{ ...base, value: clip(`training-mining assertion present, unread: ${reading.problem}`), effect: 'deny', reason: 'signal-unreadable', note: 'The C2PA manifest names a training-and-data-mining assertion, or holds a compressed box that may hide one, that cannot be read (fails closed).' }]
      : [{ ...base, value: clip(`c2pa present, unread: ${reading.problem}`), effect: 'info', note: 'A C2PA manifest is present but could not be read; its bytes name no training-and-data-mining assertion.' }];
  }
  const evidence: Evidence[] = reading.unreadableAssertions.map((label) => ({
    ...base, value: clip(`${label} present, unread`), effect: 'deny' as const, reason: 'signal-unreadable' as const,
    note: 'A training-and-data-mining assertion, or a manifest that may hold one, could not be read (fails closed).',
  }));
  // plus:DataMining in a metadata assertion: read as the XMP's is (xmp.ts). An ingredient's
  // prohibition binds as its training-mining refusal does (above); its DMI-ALLOWED permits nothing anyway.
  for (const stated of reading.dataMining ?? []) {
    const where = `The image's C2PA ${stated.label} assertion${stated.active ? '' : " (an ingredient's manifest)"}`;
    const found = dataMiningEvidence(stated.values, profile, { kind: 'c2pa', source: 'c2pa', where });
    evidence.push(...found.map((e) => ({ ...e, value: clip(`${stated.label}${stated.active ? '' : ' (ingredient manifest)'} ${e.value} — ${UNVERIFIED}`) })));
  }
  // A plain-language refusal in a metadata assertion's usage terms or copyright notice: read as
  // in the XMP (xmp.ts, plain-refusal.ts), as the PLUS ID it says in words.
  for (const stated of reading.rightsTexts ?? []) {
    const where = `The image's C2PA ${stated.label} assertion's rights text${stated.active ? '' : " (an ingredient's manifest)"}`;
    for (const text of stated.values) {
      const id = plainLanguageRefusal(text);
      if (id === null) continue;
      const found = dataMiningEvidence([id], profile, { kind: 'c2pa', source: 'c2pa', where });
      evidence.push(...found.map((e) => ({ ...e, value: clip(`${stated.label}${stated.active ? '' : ' (ingredient manifest)'} rights text: ${text} — ${UNVERIFIED}`) })));
    }
  }
  for (const assertion of reading.assertions) {
    if (assertion.entries.size === 0) {
      evidence.push({ ...base, value: clip(`${assertion.label}: no entries — ${UNVERIFIED}`), effect: 'info', note: 'The assertion states no use.' });
    }
    for (const [key, entry] of assertion.entries) evidence.push(entryEvidence(assertion.label, assertion.active, key, entry, profile));
  }
  if (evidence.length === 0) {
    evidence.push({ ...base, value: `c2pa manifest, no training-mining assertion — ${UNVERIFIED}`, effect: 'info', note: 'Provenance only; no statement about training or data mining.' });
  }
  return evidence;
}

/** More remote manifests than one response names: past it, they are one piece of evidence. */
const MAX_REMOTE = 4;

/**
 * Evidence for the C2PA manifest stores an image response points at (`Link: <…>;
 * rel="c2pa-manifest"`, C2PA's external manifest; also given as `rel*=`), which Heed does not fetch.
 * Decision (DESIGN.md §2 rules 3 and 5, the reading that cannot keep what the owner refused): a
 * manifest kept elsewhere may hold a training-mining `notAllowed` (a creator's "do not train"
 * preference is such an assertion), and one named beside an embedded store may be its updated
 * version, so it is present but unread: `signal-unreadable`, for every purpose and mode (as this
 * module already fails closed on a store that may hide such an assertion). Heed does not fetch it:
 * such stores live on a provenance service's host, which DESIGN.md §1 never contacts, and a
 * same-site one would need a reader of standalone stores this module does not have.
 */
export function remoteManifestEvidence(linkValues: readonly string[], baseUrl: string): Evidence[] {
  const base = { kind: 'c2pa' as const, scope: 'image' as const, source: baseUrl };
  const note = "The image's C2PA manifest is kept at another address that Heed does not read: it may state that this use is not allowed (fails closed).";
  try {
    const urls: string[] = [];
    for (const l of headerLinks(linkValues, baseUrl, true)) {
      const rels = [...l.rels, ...(l.extendedRel ?? '').split(/\s+/)];
      if (rels.includes('c2pa-manifest') && !urls.includes(l.url)) urls.push(l.url);
    }
    const shown = urls.slice(0, MAX_REMOTE).map((u) => clip(u));
    if (urls.length > MAX_REMOTE) shown.push(`and ${urls.length - MAX_REMOTE} more`);
    return shown.map((u) => ({ ...base, value: `remote manifest: ${u}`, effect: 'deny' as const, reason: 'signal-unreadable' as const, note }));
  } catch (e) {
    return [{ ...base, value: 'Link header not read', effect: 'deny', reason: 'signal-unreadable', note: `The image response's Link header could not be read for a remote C2PA manifest (${e instanceof Error ? e.message : String(e)}); Heed fails closed.` }];
  }
}
