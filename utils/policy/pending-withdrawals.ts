import type { Verdict } from './verdict';

/** Whether a recorded verdict keeps the image: permitted (stored) or a duplicate of bytes stored. */
export function keepsImage(verdict: Pick<Verdict, 'decision'>): boolean {
  return verdict.decision === 'permitted' || verdict.decision === 'duplicate';
}

/**
 * The images (by URL) of a job whose withdrawal may not have run: the last verdict recorded for
 * the URL (highest seq) does not keep it, and an earlier one kept its bytes. A collect withdraws
 * what it kept of an image right after such a verdict commits (collector.ts withdraw), so a worker
 * stopped in between left the refused bytes in the collection, and nothing on resume ran again
 * (every candidate had its verdict). Decision (DESIGN.md §2, the reading that cannot keep what the
 * owner refused): the refusal recorded last stands, as it did in the running collect; a verdict
 * that keeps the image recorded after it (its latest report permitted it) is left alone.
 *
 * Also an image kept by a candidate that now carries a frame Heed did not read (`headersUnread`,
 * which always refuses: assess.ts): the candidate was marked after its verdict (collector.ts
 * leftOut, a report the full job could not take), and the withdrawal that follows the mark may
 * not have run.
 */
export function pendingWithdrawals(
  candidates: readonly { url: string; frames?: readonly { headersUnread?: string | undefined }[] | undefined }[],
  verdicts: readonly { index: number; seq: number; verdict: Pick<Verdict, 'decision' | 'sha256'> }[],
): string[] {
  const byUrl = new Map<string, { index: number; seq: number; verdict: Pick<Verdict, 'decision' | 'sha256'> }[]>();
  for (const v of verdicts) {
    // A damaged record (no verdict, no candidate at its index) says nothing: passed over, never a throw.
    if (v?.verdict === null || typeof v?.verdict !== 'object') continue;
    const url = candidates[v.index]?.url;
    if (typeof url !== 'string') continue;
    byUrl.set(url, [...(byUrl.get(url) ?? []), v]);
  }
  const out: string[] = [];
  for (const [url, list] of byUrl) {
    const ordered = [...list].sort((a, b) => a.seq - b.seq);
    const last = ordered.at(-1)!;
    const kept = ordered.filter((v) => keepsImage(v.verdict) && v.verdict.sha256);
    if (kept.length === 0) continue;
    if (!keepsImage(last.verdict) || kept.some((v) => markedUnread(candidates[v.index]!))) out.push(url);
  }
  return out;
}

/** Whether a candidate is shown in a frame whose signals Heed did not read (it can only be refused). */
function markedUnread(candidate: { frames?: readonly { headersUnread?: string | undefined }[] | undefined }): boolean {
  return Array.isArray(candidate.frames) && candidate.frames.some((f) => f?.headersUnread !== undefined);
}
