import { ReplySchemas, type PopupToBg } from './messages';
import type { z } from 'zod';

/** Typed request from an extension page to the background; failures come back as thrown Errors. */
export async function ask<T extends PopupToBg['type']>(
  msg: Extract<PopupToBg, { type: T }>,
): Promise<z.infer<(typeof ReplySchemas)[T]>> {
  const reply = (await browser.runtime.sendMessage(msg)) as { ok: boolean; value?: unknown; error?: string } | undefined;
  if (!reply) throw new Error('Heed’s background did not answer');
  if (!reply.ok) throw new Error(reply.error ?? 'Unknown error');
  return ReplySchemas[msg.type].parse(reply.value) as z.infer<(typeof ReplySchemas)[T]>;
}
