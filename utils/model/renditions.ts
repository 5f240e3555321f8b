/**
 * The other renditions of one image a candidate carries at most (ImageCandidateSchema
 * `renditions`): the srcset and `<picture><source>` candidates, the src and image-set() options
 * the page's markup names besides the one taken. A srcset names a handful (Next.js up to 16);
 * a page naming more has its image marked `renditionsCut`, and it fails closed (site-registry.ts
 * namedRenditionsEvidence): one not carried may be a blocked site's.
 */
export const MAX_RENDITIONS = 64;

/**
 * `urls` as a candidate carries them: http(s) and blob: addresses only (a data: URL names no
 * site), without `except` (its url and thumbnailUrl), once each, at most MAX_RENDITIONS; `cut`
 * when more were named (or `cut` already).
 */
export function cappedRenditions(urls: readonly string[], except: readonly (string | null | undefined)[], cut = false): { renditions?: string[]; renditionsCut?: true } {
  const all = [...new Set(urls)].filter((u) => !except.includes(u) && /^(?:https?|blob):/i.test(u));
  const renditions = all.slice(0, MAX_RENDITIONS);
  return { ...(renditions.length > 0 ? { renditions } : {}), ...(cut || all.length > MAX_RENDITIONS ? { renditionsCut: true as const } : {}) };
}

/**
 * Sites other than the image's own whose signal files are read for the renditions a candidate
 * names (gather-image.ts): a srcset naming sixty-four sites must not cost sixty-four sites'
 * requests. Past it their files are not read, and the image fails closed (assess.ts).
 */
export const MAX_RENDITION_SITES = 8;

/**
 * The renditions a candidate names whose origins' signal files speak for the image (assess.ts):
 * its http(s) renditions, at most MAX_RENDITIONS (blob: and data: ones have no signal files of
 * their own; what the page says speaks for them).
 */
export function renditionsForSignalFiles(candidate: { renditions?: readonly string[] | undefined }): string[] {
  return (candidate.renditions ?? []).slice(0, MAX_RENDITIONS).filter((u) => /^https?:/i.test(u));
}

