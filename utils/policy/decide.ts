import type { Evidence, Licence, LicenceSource, Mode, Purpose, RefusalReason } from '../model/evidence';
import { isAcceptedLicence } from '../model/licence-url';

/** The parts of the user's settings that the decision depends on. */
export interface DecisionPolicy {
  purpose: Purpose;
  mode: Mode;
  /** Accepted licence families, e.g. `CC0`, `PDM`, `CC-BY`, `CC-BY-SA` (any version, any port). */
  acceptedLicences: readonly string[];
}

/** Everything known about one image: evaluated signal evidence plus licence candidates. */
export interface DecisionInput {
  evidence: readonly Evidence[];
  licences: readonly Licence[];
  /** Sites whose markup states a licence for this image without speaking for it (third-party claims). */
  claimedBy?: readonly string[];
}

export interface Decision {
  decision: 'permitted' | 'refused';
  /** Every refusal reason that applies, not just the first (DESIGN.md §2). */
  reasons: RefusalReason[];
  /** The licence that applies (at the most specific level found), if any. */
  licence: Licence | null;
  evidence: Evidence[];
}

const LICENCE_PRECEDENCE: readonly LicenceSource[] = ['xmp', 'element', 'page'];
const LICENCE_SCOPE = { xmp: 'image', element: 'image', page: 'page' } as const;
/** Evidence `source` in DESIGN.md §2's terms (a URL, or "xmp" / "html"): element and page markup are both read from the HTML. */
const LICENCE_EVIDENCE_SOURCE = { xmp: 'xmp', element: 'html', page: 'html' } as const;

function licenceKey(l: Licence): string {
  return l.id ?? l.url;
}

/**
 * Decide one image from its evidence (DESIGN.md §2): refused with every applicable reason
 * when any signal denies or (mode `licensed`) no single accepted licence applies.
 */
export function decide(input: DecisionInput, policy: DecisionPolicy): Decision {
  const evidence = [...input.evidence];
  const reasons = new Set<RefusalReason>();
  for (const e of evidence) if (e.effect === 'deny' && e.reason) reasons.add(e.reason);

  const level = LICENCE_PRECEDENCE.find((s) => input.licences.some((l) => l.source === s));
  const atLevel = level ? input.licences.filter((l) => l.source === level) : [];
  const distinct = [...new Map(atLevel.map((l) => [licenceKey(l), l])).values()];
  const licensed = policy.mode === 'licensed';
  let licence: Licence | null = null;

  if (distinct.length > 1) {
    const value = distinct.map(licenceKey).join(' ≠ ');
    evidence.push({
      kind: 'licence',
      scope: LICENCE_SCOPE[level!],
      source: LICENCE_EVIDENCE_SOURCE[level!],
      value,
      effect: licensed ? 'deny' : 'info',
      ...(licensed ? { reason: 'licence-conflict' as const } : {}),
      note: `Different licences at the most specific level (${level}): ${value}`,
    });
    if (licensed) reasons.add('licence-conflict');
  } else if (distinct.length === 1) {
    licence = distinct[0]!;
    const accepted = isAcceptedLicence(licence.id, policy.acceptedLicences);
    const denies = licensed && !accepted;
    evidence.push({
      kind: 'licence',
      scope: LICENCE_SCOPE[licence.source],
      source: LICENCE_EVIDENCE_SOURCE[licence.source],
      value: licence.id ?? licence.url,
      effect: denies ? 'deny' : accepted ? 'allow' : 'info',
      ...(denies ? { reason: 'licence-not-accepted' as const } : {}),
      note: accepted
        ? `${licence.id} (${licence.url}) is an accepted licence (found in ${licence.source})`
        : `${licence.id ?? licence.url} is not in the accepted licence set (found in ${licence.source})`,
    });
    if (denies) reasons.add('licence-not-accepted');
  } else if (licensed) {
    evidence.push({
      kind: 'licence',
      scope: 'image',
      source: 'html',
      value: 'none',
      effect: 'deny',
      reason: 'no-licence',
      note: `No licence applies to this image (embedded, element or page level)${
        input.claimedBy?.length ? `; the licence stated by ${input.claimedBy.join(', ')} is a claim about another site's image, not a grant` : ''
      }`,
    });
    reasons.add('no-licence');
  } else {
    // Opt-out mode: the licence check is still recorded, so the evidence shows why none was needed.
    evidence.push({
      kind: 'licence',
      scope: 'image',
      source: 'html',
      value: 'none',
      effect: 'info',
      note: `No licence found for this image (embedded, element or page level); none is required in opt-out mode, where only the opt-outs decide${
        input.claimedBy?.length ? `; the licence stated by ${input.claimedBy.join(', ')} is a claim about another site's image, not a grant` : ''
      }`,
    });
  }

  return {
    decision: reasons.size === 0 ? 'permitted' : 'refused',
    reasons: [...reasons],
    licence,
    evidence,
  };
}
