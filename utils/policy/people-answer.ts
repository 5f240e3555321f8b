import { z } from 'zod';
import { lazily } from '../model/lazily';
import type { FaceScan } from './people';

/**
 * A people worker's answer as it arrives on its port (entrypoints/people-worker: `{id, scan}`,
 * utils/people/scan-protocol.ts). `z.number()` takes no NaN and no infinity: a face box the
 * worker could not measure makes the answer unreadable.
 */
const ScanAnswerSchema = lazily(() =>
  z.object({
    id: z.number(),
    scan: z.discriminatedUnion('status', [
      z.object({ status: z.literal('examined'), detector: z.string(), faces: z.array(z.object({ width: z.number(), height: z.number() })) }),
      z.object({ status: z.literal('unchecked'), detector: z.string(), why: z.string() }),
    ]),
  }),
);

/** What a message on a people worker's port says about the image asked about: its scan, or why it says nothing. */
export type ReadAnswer = { scan: FaceScan } | { why: string };

export const UNREADABLE_ANSWER = 'the people check answered in a form Heed cannot read';
export const ANSWER_FOR_ANOTHER_IMAGE = 'the people check answered about another image than the one asked about';

/**
 * The answer `data` to the request `askedId` (the one request the worker's port has
 * outstanding: entrypoints/background/people-workers.ts sends each worker one image at a time),
 * read. Decision (DESIGN.md §2 rule 6, fail closed): only an answer Heed can read that echoes
 * `askedId` is about this image's bytes; anything else — another form, another id (an earlier
 * image's late answer, another worker's) — is not, and the image is then `unchecked` with the
 * `why`, never given that answer's "no faces".
 */
export function readScanAnswer(data: unknown, askedId: number): ReadAnswer {
  const parsed = ScanAnswerSchema.safeParse(data);
  if (!parsed.success) return { why: UNREADABLE_ANSWER };
  if (parsed.data.id !== askedId) return { why: ANSWER_FOR_ANOTHER_IMAGE };
  return { scan: parsed.data.scan };
}
