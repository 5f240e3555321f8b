// The caps live apart from the zod schemas (schema.ts) so that the readers, which run in the
// scripts injected into pages, do not pull zod into them: zod's top-level schema construction
// would be parsed and run in every frame on every Collect.

/** Caps that keep a hostile page from hanging the content script or bloating a message. */
export const LIMITS = {
  /** Longest text kept (names, credit lines), after trimming. */
  text: 500,
  /** Longest URL kept; longer ones are dropped, not cut (a cut URL names another resource). */
  url: 2048,
  /** Elements carrying rel/property/itemprop examined per document. */
  elements: 20_000,
  /** Ancestors walked to find an RDFa subject, microdata item or `<figure>`. */
  ancestors: 256,
  /** Descendants examined per element-level scope (figure, item, about). */
  scopeElements: 2_000,
  /** Characters of one JSON-LD script; a larger one is recorded as unreadable. */
  jsonLdScript: 1_000_000,
  /** Characters of JSON-LD read per document, all scripts together. */
  jsonLdTotal: 2_000_000,
  /** Nesting depth of JSON-LD arrays/objects; deeper documents are recorded as unreadable. */
  jsonLdDepth: 64,
  /** JSON-LD objects visited per document. */
  jsonLdNodes: 20_000,
  /** Entries kept in each output list. */
  licences: 100,
  imageObjects: 500,
  unreadable: 50,
} as const;

/** JSON-LD scripts a page script sends to the worker (page.ts jsonLdTextsOf); past them the markup reads as truncated. Apart from LIMITS, which the always-on script carries whole. */
export const JSON_LD_SCRIPTS_SENT = 1_000;
