import { AI_TOKENS, HEED_TOKEN } from './ai-tokens';
import type { Purpose } from './evidence';

/** What a purpose selects: the tokens and vocabulary entries that bind it (DESIGN.md §2). */
export interface PurposeProfile {
  purpose: Purpose;
  /** robots.txt product tokens to honour (each with the `*` fallback), `heed` first. */
  robotsTokens: string[];
  /** IETF aipref Content-Usage category, or null when the vocabulary has none for it. */
  contentUsageCategory: 'train-ai' | null;
  /**
   * Labels of earlier aipref vocabulary drafts (SIGNALS.md §2.1 table), or another vocabulary's
   * name for the use, whose `n` refuses this purpose: `narrower` ones named this use or a part of it (their `n` refuses whatever the
   * current label says), `broader` ones named every automated use (their `n` refuses unless the
   * current label says `y`: in those drafts the more specific label decided). `*`, a valid key
   * and no vocabulary's label, is read as the broadest: `*=n` says no to every use. See content-usage.ts.
   */
  contentUsageEarlierLabels: { narrower: string[]; broader: string[] };
  /** Cloudflare Content-Signal key whose `no` opts out. */
  contentSignalKeys: string[];
  /** PLUS DataMining IDs (bare, without the vocab URI) that prohibit this purpose. */
  dataMiningProhibited: string[];
  /** C2PA / CAWG training-mining entry keys whose notAllowed/constrained refuses. */
  c2paKeys: string[];
  /** RSL usage tokens this purpose needs. */
  rslUsages: string[];
  /** ai.txt / meta words that opt out (beyond the general noindex family). */
  optOutWords: string[];
}

// Every DMI-PROHIBITED* value restricts; the SEE* values defer to text Heed cannot
// evaluate, so they fail closed (SIGNALS.md §7.2). An unspecified "AI training" purpose may
// train a generative model, so the generative-only prohibition binds it too.
const DMI_ALL_PROHIBITED = [
  'DMI-PROHIBITED',
  'DMI-PROHIBITED-AIMLTRAINING',
  'DMI-PROHIBITED-GENAIMLTRAINING',
  'DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING',
  'DMI-PROHIBITED-SEECONSTRAINT',
  'DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR',
  'DMI-PROHIBITED-SEELINKEDRIGHTSEXPR',
];

function tokensFor(purpose: Purpose): string[] {
  return [HEED_TOKEN, ...AI_TOKENS.filter((t) => t.purposes.includes(purpose)).map((t) => t.token)];
}

/** The profile for a purpose. research-tdm is data mining, not model training: it honours
 * dataset crawlers' tokens, TDMRep and every data-mining prohibition, but not train-ai. */
export function purposeProfile(purpose: Purpose): PurposeProfile {
  switch (purpose) {
    // A generic "AI training" purpose may train a generative model, and a generative one may
    // train a classifier alongside: both honour every training signal.
    case 'ai-training':
    case 'genai-training':
      return {
        purpose,
        robotsTokens: tokensFor(purpose),
        contentUsageCategory: 'train-ai',
        // vocab-01 `ai` / `genai`, vocab-02/-03 `train-genai`, and Cloudflare's name for it
        // (`ai-train`, `ai_train`) written in aipref syntax; vocab-01 `tdm`, -02 `all`, -03/-04 `bots`.
        // Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): the
        // category's own labels written with `_` (`train_ai=n`, `train_genai=n`) are those labels, as
        // Content-Signal reads `train_ai=no` and RSL `train-ai`; read as unknown labels, the image was
        // kept. Only their `n` refuses (a misspelt `y` grants nothing).
        contentUsageEarlierLabels: { narrower: ['ai', 'genai', 'train-genai', 'ai-train', 'ai_train', 'train_ai', 'train_genai'], broader: ['tdm', 'all', 'bots', '*'] },
        // Cloudflare's key, and the aipref label written in Content-Signal syntax (`train-ai=no`).
        contentSignalKeys: ['ai-train', 'train-ai'],
        dataMiningProhibited: DMI_ALL_PROHIBITED,
        c2paKeys: ['c2pa.ai_training', 'c2pa.ai_generative_training', 'cawg.ai_training', 'cawg.ai_generative_training', 'c2pa.data_mining', 'cawg.data_mining'],
        rslUsages: ['ai-train', 'all'],
        optOutWords: ['noai', 'noimageai'],
      };
    case 'research-tdm':
      return {
        purpose,
        robotsTokens: tokensFor(purpose),
        contentUsageCategory: null,
        // vocab-01 `tdm` named text and data mining itself; -02 `all` and -03/-04 `bots` every automated use.
        contentUsageEarlierLabels: { narrower: ['tdm'], broader: ['all', 'bots', '*'] },
        // Cloudflare has no key for data mining (its `ai-train` is training: DESIGN.md §2 rule 3
        // scopes it to the AI purposes). Decision (rule 3, DESIGN silent; the reading that cannot
        // keep what the owner refused): the words Content-Usage reads as refusing research-tdm
        // (`tdm`, and `all`, `bots`, `*`: every use) refuse it in Content-Signal syntax too
        // (`tdm=no`, `*=no`). Before, research-tdm read no Content-Signal at all, and an owner's
        // `*=no` that refused the AI purposes kept the image for data mining.
        contentSignalKeys: ['tdm', 'all', 'bots', '*'],
        dataMiningProhibited: DMI_ALL_PROHIBITED.filter((id) => !id.includes('MLTRAINING')),
        c2paKeys: ['c2pa.data_mining', 'cawg.data_mining'],
        rslUsages: ['all'],
        optOutWords: ['noai', 'noimageai'],
      };
  }
}
