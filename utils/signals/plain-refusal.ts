/**
 * A plain-language refusal of AI training or data mining in an image's own rights text
 * (XMP `xmpRights:UsageTerms`, `dc:rights`, `photoshop:Instructions`, `plus:OtherConstraints`;
 * IPTC-IIM Copyright Notice and Special Instructions): "No AI training", "Not to be used to train
 * AI models", "Text and data mining is prohibited", "TDM rights reserved". Pure, linear-time.
 *
 * Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): these
 * fields are free text, which Heed does not otherwise evaluate, but an owner who wrote "No AI
 * training" there refused as plainly as one who wrote `DMI-PROHIBITED-AIMLTRAINING`. Only an
 * unambiguous refusal counts, read narrowly so that ordinary notices keep reading as before:
 * the use (AI/ML training; text and data mining) must be named right beside the refusing word
 * (`no`, `not … used for`, `prohibited`, `forbidden`, `not permitted`, `reserved`). A bare
 * "All rights reserved", "© 2024 Jane Doe", "Editorial use only" or "No AI was used" names no
 * such use and stays info (DESIGN.md §2 rule 4: a copyright notice and UsageTerms alone are
 * info); "no restrictions on AI training" or "AI training is not prohibited" does not refuse.
 * English only; other languages stay info (see the report).
 *
 * The refusal is returned as the PLUS Data Mining ID it says in words, so a purpose is bound as
 * by `plus:DataMining` (purposes.ts dataMiningProhibited): AI training → DMI-PROHIBITED-
 * AIMLTRAINING (binds the AI purposes, not research-tdm); data mining → DMI-PROHIBITED (all).
 *
 * The text is read as its reader sees it (foldLookalikes: NFKC, invisible characters dropped)
 * before any word is matched.
 */

import { foldLookalikes } from './lookalikes';

const AI_WORD = String.raw`(?:ai|a\.i\.|artificial[\s-]+intelligence|ml|machine[\s-]+learning)`;
/** "AI", "generative AI", "AI/ML", "AI or ML", "machine learning and AI". */
const AI = String.raw`(?:gen(?:erative)?[\s-]*)?${AI_WORD}(?:\s*(?:[/&]|\bor\b|\band\b)\s*(?:gen(?:erative)?[\s-]*)?${AI_WORD})?`;
/** "AI training", "AI model training", "training of AI models", "train AI", "training generative AI". */
const AI_TRAINING = String.raw`(?:${AI}[\s-]+(?:models?[\s-]+)?(?:training|train)|train(?:ing)?\s+(?:of\s+)?(?:an?\s+|any\s+)?${AI}(?:[\s-]+(?:models?|systems?|tools?))?)`;
const MINING = String.raw`(?:text\s+(?:and|&)\s+data\s+mining|data[\s-]*mining|tdm)`;

const REFUSED = String.raw`(?:prohibited|forbidden|not\s+(?:permitted|allowed|authori[sz]ed)|reserved|excluded)`;
const NOT_USED = String.raw`(?:not|never)\s+(?:to\s+be\s+|be\s+)?used\s+(?:for|to|in)\s+(?:the\s+)?`;
/** "Not for AI training", "Not for use in AI training", "No use for data mining". */
const NOT_FOR = String.raw`(?:not\s+for\s+(?:use\s+(?:in|for|to)\s+)?|no\s+use\s+(?:in|for)\s+)(?:the\s+)?`;
const DO_NOT_USE = String.raw`(?:do\s+not|don't|must\s+not|may\s+not)\s+use\s+(?:(?:this|the)\s+)?(?:(?:image|photo|photograph|picture|work|content)\s+)?(?:for|to|in)\s+(?:the\s+)?`;
const PROHIBITED_FOR = String.raw`(?:prohibited|forbidden|not\s+(?:permitted|allowed|authori[sz]ed))\s+(?:for|from)\s+(?:use\s+in\s+|use\s+for\s+|the\s+)?`;
const RESERVES = String.raw`reserves?\s+(?:all\s+|the\s+|its\s+|their\s+)?rights?\s+(?:to\s+(?:use\s+(?:(?:this|the|its)\s+\w+\s+)?(?:for\s+|in\s+)?)?|of\s+|for\s+)?`;
/** "All rights reserved, including (the right to use for) AI training". */
const RESERVED_INCLUDING = String.raw`reserved[,;]?\s+including\s+(?:(?:for|in)\s+|the\s+rights?\s+(?:to|of|for)\s+(?:use\s+(?:\w+\s+)?(?:for|in)\s+)?)?`;

/** The refusing forms around a use: "no USE", "not to be used for USE", "USE (is) prohibited", … */
function refusing(written: string): RegExp {
  const use = String.raw`(?:${written})\b`;
  return new RegExp(
    String.raw`\b(?:no\s+${use}(?!\s+(?:restrictions?|limits?|limitations?|constraints?|conditions?|prohibitions?|reservations?|opt[\s-]?outs?|polic(?:y|ies)|data|datasets?|sets?|was|were|is|used|involved))|${NOT_USED}${use}|${NOT_FOR}${use}|${DO_NOT_USE}${use}|${PROHIBITED_FOR}${use}|${RESERVES}${use}|${RESERVED_INCLUDING}${use}|${use}(?:\s+rights?)?\s+(?:is\s+|are\s+)?(?:strictly\s+|expressly\s+)?${REFUSED})`,
    'i',
  );
}

const REFUSES_AI_TRAINING = refusing(AI_TRAINING);
const REFUSES_MINING = refusing(MINING);

/** The PLUS Data Mining ID a text's plain-language refusal amounts to, or null if it states none. */
export function plainLanguageRefusal(text: string): 'DMI-PROHIBITED' | 'DMI-PROHIBITED-AIMLTRAINING' | null {
  // Decision (DESIGN.md §2 rule 3): the text as its reader sees it (lookalikes.ts): full-width
  // `ＮＯ ＡＩ ｔｒａｉｎｉｎｇ` or `No AI<zero-width space> training` is the refusal it shows.
  const t = foldLookalikes(text).replace(/\s+/g, ' ');
  if (REFUSES_MINING.test(t)) return 'DMI-PROHIBITED';
  if (REFUSES_AI_TRAINING.test(t)) return 'DMI-PROHIBITED-AIMLTRAINING';
  return null;
}
