import { z } from 'zod';
import { ModeSchema, PurposeSchema } from './evidence';
import { DEFAULT_ACCEPTED_LICENCES } from './licence-url';


/** User settings, versioned; every field has a default so an empty object parses. */
export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  purpose: PurposeSchema.default('ai-training'),
  mode: ModeSchema.default('licensed'),
  acceptedLicences: z.array(z.string()).default([...DEFAULT_ACCEPTED_LICENCES]),
  /** Registrable domains the user allows despite the registry (never overrides a signal). */
  userAllow: z.array(z.string()).default([]),
  /** Registrable domains the user never collects from. */
  userBlock: z.array(z.string()).default([]),
  maxImageBytes: z.number().int().positive().default(25 * 1024 * 1024),
  perOriginConcurrency: z.number().int().min(1).max(16).default(2),
  /** Images smaller than this (rendered and natural, px) are skipped as icons/pixels. */
  minImageSide: z.number().int().min(0).default(50),
  inPageNotice: z.boolean().default(true),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Parse stored settings; anything unreadable falls back to defaults field by field. */
export function parseSettings(raw: unknown): Settings {
  const result = SettingsSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const fallback = SettingsSchema.parse({});
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(fallback) as (keyof Settings)[]) {
    const field = SettingsSchema.shape[key].safeParse(obj[key]);
    merged[key] = field.success ? field.data : fallback[key];
  }
  return SettingsSchema.parse(merged);
}
