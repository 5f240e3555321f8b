import { z } from 'zod';

/** Page-level signals read from the DOM by the always-on content script (JSON-serialisable). */
export const PageSignalsSchema = z.object({
  url: z.string().max(8192),
  title: z.string().max(2000),
  /** `<meta name=robots|<bot>>` pairs. */
  metas: z.array(z.object({ name: z.string().max(200), content: z.string().max(2000) })).max(1000),
  licenceLinks: z.array(z.string().max(2048)).max(200),
});
export type PageSignals = z.infer<typeof PageSignalsSchema>;
