/**
 * Writes the C2PA fixture images of the e2e sites (run: npx tsx tests/e2e/harness/make-c2pa-fixtures.ts).
 * Each is a tiny JPEG with an embedded CC0 XMP licence and a CAWG training-mining assertion,
 * built with the same helpers the unit tests use, so only the C2PA claim decides the verdict.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { app11Segments, cborAssertion, jpeg, manifestStore, xmpApp1 } from '../../unit/media/image-fixtures';

const CC0_XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmpRights:WebStatement="https://creativecommons.org/publicdomain/zero/1.0/"/></rdf:RDF></x:xmpmeta>`;

function withTrainingMining(use: string, seed: number): Uint8Array {
  const assertion = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use }, 'cawg.ai_generative_training': { use } } });
  return jpeg({ width: 64 + seed, height: 64, segments: [xmpApp1(CC0_XMP), ...app11Segments(manifestStore([assertion]))] });
}

const dir = resolve(import.meta.dirname, '../sites/imgcdn.test/open');
writeFileSync(resolve(dir, 'c2pa-not-allowed.jpg'), withTrainingMining('notAllowed', 1));
writeFileSync(resolve(dir, 'c2pa-allowed.jpg'), withTrainingMining('allowed', 2));
console.log(`wrote C2PA fixtures to ${dir}`);
