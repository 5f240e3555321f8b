/** Regenerate schema/heed-manifest-1.schema.json from the zod schema (npm run schema). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { manifestJsonSchema } from '../utils/model/manifest';

const out = resolve(import.meta.dirname, '../schema/heed-manifest-1.schema.json');
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
