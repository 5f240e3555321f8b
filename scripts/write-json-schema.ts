/** Regenerate schema/heed-manifest-<N>.schema.json (the current schema id) from the zod schema (npm run schema). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { manifestJsonSchema, manifestSchemaFileName } from '../utils/model/manifest';

const out = resolve(import.meta.dirname, '../schema', manifestSchemaFileName());
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
