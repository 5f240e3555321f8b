/**
 * The other renditions of one image a candidate carries at most (ImageCandidateSchema
 * `renditions`): the srcset and `<picture><source>` candidates, the src and image-set() options
 * the page's markup names besides the one taken. A srcset names a handful; a page naming more
 * has the first 16 looked up.
 */
export const MAX_RENDITIONS = 16;
