import { assessImage, type PageAssessment } from '@/utils/policy/assess';
import type { ItemToStore, Job } from '@/utils/store/db';
import { manifestPolicy, type ManifestItem } from '@/utils/model/manifest';
import type { Settings } from '@/utils/model/settings';
import type { ImageCandidate, Verdict } from '@/utils/policy/verdict';
import { carriedSiteOrigins, refusalBeforeHop, refusalBeforeRequest, renditionSiteOrigins } from '@/utils/policy/pre-fetch';
import { originOf } from '@/utils/signals/origin-files';
import { frameDocumentAddresses } from '@/utils/policy/site-registry';
import { gatherImage, type BeforeHop, type FetchSlot } from './gather-image';
import { checkPeople } from './people-check';
import type { OriginSignals } from './origin-signals';

/**
 * One candidate of a collect, judged: refused at once on a blocked site, and without a request
 * when what is known before it already refuses the image (utils/policy/pre-fetch.ts: page-level
 * denies, the registry and block list for its domain, its origin's robots.txt and ai.txt) —
 * and each URL a redirect leads to likewise, before it is requested; otherwise fetched with
 * its evidence (gather-image.ts), decided (utils/policy/assess.ts), and — when permitted — made into
 * the stored item: its manifest record and bytes. Per-image problems come back as a `failed`
 * verdict, never a throw (a cancelled request throws what `fetchSlot` threw).
 */
export async function judgeImage(
  origins: OriginSignals,
  candidate: ImageCandidate,
  job: Job,
  site: PageAssessment,
  settings: Settings,
  fetchSlot: FetchSlot,
): Promise<{ verdict: Verdict; item?: ItemToStore }> {
  const base = { url: candidate.url, licence: null, sha256: null };
  if (site.status === 'blocked') {
    return { verdict: { ...base, decision: 'refused', reasons: site.reasons, evidence: site.evidence } };
  }
  // Rule 2: never fetch what is already known to be refused. After a redirect to another origin,
  // that origin's robots.txt can only be read once the first request has answered: gatherImage
  // fetches its files and assessImage checks the final URL against them (the bytes were read).
  const origin = originOf(candidate.url);
  const imageOrigin = origin ? await origins.get(origin) : null;
  // Then the signal files of the sites the URL carries (an image proxy's source) and of the pages
  // its frames are, fetched only when nothing already refuses it: a blocked site's robots.txt is not asked for.
  const carried = carriedSiteOrigins([candidate.url]);
  const frameOrigins = [...new Set((candidate.frames ?? []).flatMap(frameDocumentAddresses).map(originOf))].filter((o): o is string => o !== null);
  // And of the sites of the renditions it is shown and named as (gather-image.ts reads the same ones).
  const renditionOrigins = renditionSiteOrigins(candidate, [origin]);
  const known =
    refusalBeforeRequest(site, candidate.url, imageOrigin, settings, candidate) ??
    (carried.length + frameOrigins.length + renditionOrigins.length > 0
      ? refusalBeforeRequest(
          site, candidate.url, imageOrigin, settings, candidate,
          await Promise.all(carried.map((o) => origins.get(o))),
          await Promise.all(frameOrigins.map((o) => origins.get(o))),
          await Promise.all(renditionOrigins.map((o) => origins.get(o))),
        )
      : null);
  if (known) return { verdict: { ...base, decision: 'refused', reasons: known.reasons, evidence: known.evidence } };
  // Min image side as for the scan: not applied to the one image the user chose (context menu).
  const minSide = job.onlyImage ? 0 : settings.minImageSide;
  // Each redirect's target is judged as the image URL was, before it is requested.
  const beforeHop: BeforeHop = async (hops, nextUrl) => {
    const nextOrigin = originOf(nextUrl);
    const files = nextOrigin ? await origins.get(nextOrigin) : null;
    const carriedNext = carriedSiteOrigins([nextUrl]);
    return (
      refusalBeforeHop(site, hops, nextUrl, files, settings) ??
      (carriedNext.length > 0 ? refusalBeforeHop(site, hops, nextUrl, files, settings, await Promise.all(carriedNext.map((o) => origins.get(o)))) : null)
    );
  };
  const gathered = await gatherImage(origins, candidate, settings, fetchSlot, beforeHop, minSide);
  if (!gathered.ok && gathered.reason === 'refused-on-the-way') {
    const { refusal } = gathered;
    return { verdict: { ...base, decision: 'refused', reasons: refusal.reasons, evidence: refusal.evidence } };
  }
  if (!gathered.ok && gathered.instead) {
    // The link was not an image: the image shown is judged in its place, by the same path (every
    // check before a request applies to it), and its verdict says what the link answered.
    const judged = await judgeImage(origins, gathered.instead, job, site, settings, fetchSlot);
    // After the image's own evidence: the popup explains a failure by the first fetch note.
    return {
      verdict: { ...judged.verdict, evidence: [...judged.verdict.evidence, ...gathered.evidence] },
      item: judged.item && { ...judged.item, record: { ...judged.item.record, evidence: [...judged.item.record.evidence, ...gathered.evidence] } },
    };
  }
  if (!gathered.ok && gathered.reason === 'below-min-side') {
    // An icon the scan could not size: skipped like those it could — never stored, not listed.
    return { verdict: { ...base, decision: 'skipped', reasons: [], evidence: gathered.evidence } };
  }
  if (!gathered.ok) return { verdict: { ...base, decision: 'failed', reasons: [gathered.reason], evidence: gathered.evidence } };
  const { image } = gathered;
  const assessed = assessImage(site, image.inputs, candidate, settings);
  // Rule 6 (people) after every other rule: an image already refused is not decoded for faces.
  const people = assessed.decision === 'permitted' ? await checkPeople(image.bytes, image.mime, image.modelRelease, settings) : { evidence: [], people: null };
  const peopleReasons = people.evidence.flatMap((e) => (e.effect === 'deny' && e.reason ? [e.reason] : []));
  const decision = {
    ...assessed,
    decision: peopleReasons.length > 0 ? ('refused' as const) : assessed.decision,
    reasons: [...assessed.reasons, ...peopleReasons],
    evidence: [...assessed.evidence, ...people.evidence],
  };
  const verdict: Verdict = { ...base, sha256: image.sha256, decision: decision.decision, reasons: decision.reasons, licence: decision.licence, evidence: decision.evidence };
  if (decision.decision === 'refused') return { verdict };
  const record: ManifestItem = {
    sha256: image.sha256,
    mime: image.mime,
    bytes: image.bytes.byteLength,
    width: image.width,
    height: image.height,
    url: candidate.url,
    finalUrl: image.inputs.finalUrl,
    pageUrl: job.pageUrl,
    pageTitle: job.pageTitle,
    alt: candidate.alt,
    caption: candidate.caption,
    discovery: candidate.discovery,
    context: {
      title: candidate.title,
      ariaLabel: candidate.ariaLabel ?? '',
      heading: candidate.heading ?? '',
      linkUrl: candidate.linkUrl ?? null,
      thumbnailUrl: candidate.thumbnailUrl,
      renderedWidth: candidate.renderedWidth ?? null,
      renderedHeight: candidate.renderedHeight ?? null,
    },
    collectedAt: new Date().toISOString(),
    purpose: settings.purpose,
    mode: settings.mode,
    policy: manifestPolicy(settings),
    licence: decision.licence,
    synthetic: image.synthetic,
    people: people.people,
    evidence: decision.evidence,
  };
  return { verdict, item: { record, bytes: image.bytes } };
}
