import { LIMITS } from './limits';
import { tokens } from './dom';

/** What a statement says, once the vocabulary is resolved. */
export type Predicate = 'licence' | 'creator' | 'title' | 'creditText' | 'contentUrl' | 'copyrightNotice' | 'acquireLicensePage' | 'attributionUrl' | 'type';

const CC = 'http://creativecommons.org/ns#';
const XHV = 'http://www.w3.org/1999/xhtml/vocab#';
const DCTERMS = 'http://purl.org/dc/terms/';
const DC11 = 'http://purl.org/dc/elements/1.1/';
const SCHEMA = 'http://schema.org/';

// ccREL prefixes plus the RDFa 1.1 initial context, where `dc` means DC Terms
// (https://www.w3.org/2011/rdfa-context/rdfa-1.1). A prefix declared on the page overrides these.
const DEFAULT_PREFIXES: Readonly<Record<string, string>> = {
  cc: CC,
  xhv: XHV,
  dc: DCTERMS,
  dcterms: DCTERMS,
  dct: DCTERMS,
  dc11: DC11,
  schema: SCHEMA,
};

// SIGNALS.md §6.2–6.3: ccREL treats xhv:license (HTML rel=license) as cc:license.
const PREDICATES: ReadonlyMap<string, Predicate> = new Map<string, Predicate>([
  [`${CC}license`, 'licence'],
  [`${XHV}license`, 'licence'],
  [`${DCTERMS}license`, 'licence'],
  [`${DC11}license`, 'licence'],
  [`${SCHEMA}license`, 'licence'],
  [`${CC}attributionname`, 'creator'],
  // ccREL: the URL to credit the work with (the TASL "source"; issue 18).
  [`${CC}attributionurl`, 'attributionUrl'],
  [`${DCTERMS}creator`, 'creator'],
  [`${DC11}creator`, 'creator'],
  [`${SCHEMA}creator`, 'creator'],
  [`${SCHEMA}author`, 'creator'],
  [`${DCTERMS}title`, 'title'],
  [`${DC11}title`, 'title'],
  [`${SCHEMA}name`, 'title'],
  [`${SCHEMA}credittext`, 'creditText'],
  [`${SCHEMA}contenturl`, 'contentUrl'],
  [`${SCHEMA}copyrightnotice`, 'copyrightNotice'],
  [`${SCHEMA}acquirelicensepage`, 'acquireLicensePage'],
  // schema.org's super-property of acquireLicensePage: where the terms of use are (json-ld.ts termsPagesOf).
  [`${SCHEMA}usageinfo`, 'acquireLicensePage'],
  // CC REL's work type (dct:type dcmitype:Text…): a licence of a Text work is the text's only.
  [`${DCTERMS}type`, 'type'],
  [`${DC11}type`, 'type'],
]);

/** Lower-cased IRI with the https/http spellings of the vocabularies made one. */
function normaliseIri(iri: string): string {
  return iri.toLowerCase().replace(/^https:\/\/(schema\.org|creativecommons\.org|purl\.org|www\.w3\.org)\//, 'http://$1/');
}

/** A prefix declared with `prefix="p: iri"` or `xmlns:p` on the element or an ancestor. */
function declaredPrefix(el: Element, prefix: string): string | null {
  let x: Element | null = el;
  for (let i = 0; x && i < LIMITS.ancestors; i++, x = x.parentElement) {
    const decl = x.getAttribute('prefix');
    if (decl) {
      // RDFa 1.1 `prefix`: "name: iri name: iri …" (rdfa-core §7.5 step 3), tokenised linearly.
      const parts = tokens(decl);
      for (let j = 0; j + 1 < parts.length; j++) if (parts[j] === `${prefix}:`) return parts[j + 1] ?? null;
    }
    const xmlns = x.getAttribute(`xmlns:${prefix}`);
    if (xmlns) return xmlns;
  }
  return null;
}

function nearestVocab(el: Element): string | null {
  let x: Element | null = el;
  for (let i = 0; x && i < LIMITS.ancestors; i++, x = x.parentElement) {
    const vocab = x.getAttribute('vocab');
    if (vocab !== null) return vocab || null;
  }
  return null;
}

/** Expand one RDFa term, CURIE or IRI to a normalised IRI, or null if it cannot be resolved. */
function expandRdfa(token: string, el: Element): string | null {
  if (/^https?:\/\//.test(token)) return normaliseIri(token);
  const colon = token.indexOf(':');
  if (colon > 0) {
    const prefix = token.slice(0, colon);
    if (prefix === '_') return null;
    const ns = declaredPrefix(el, prefix) ?? DEFAULT_PREFIXES[prefix];
    return ns ? normaliseIri(ns + token.slice(colon + 1)) : null;
  }
  // The bare term `license` is the HTML link type and the RDFa initial-context term xhv:license.
  if (token === 'license') return `${XHV}license`;
  const vocab = nearestVocab(el);
  return vocab ? normaliseIri(vocab + token) : null;
}

/** Predicates named by an RDFa `rel`/`property` value. */
export function rdfaPredicates(el: Element, value: string | null): Predicate[] {
  const out: Predicate[] = [];
  for (const token of tokens(value)) {
    const iri = expandRdfa(token, el);
    const p = iri ? PREDICATES.get(iri) : undefined;
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** Predicates named by a microdata `itemprop` value (bare schema.org names or full IRIs). */
export function microdataPredicates(value: string | null): Predicate[] {
  const out: Predicate[] = [];
  for (const token of tokens(value)) {
    const iri = /^https?:\/\//.test(token) ? normaliseIri(token) : SCHEMA + token;
    const p = PREDICATES.get(iri);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

export { isImageType, isMediaType, isNoWorkShown, typeNames } from './work-types';
