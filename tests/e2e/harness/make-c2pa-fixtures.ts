/**
 * Writes the C2PA fixture images of the e2e sites (run: npx tsx tests/e2e/harness/make-c2pa-fixtures.ts).
 * Each is a small, decodable grey JPEG (jpeg-js) with an embedded CC0 XMP licence and a CAWG
 * training-mining assertion, built with the same segment helpers the unit tests use, so only the
 * C2PA claim decides the verdict. It must decode: an image the people check cannot examine is
 * refused people-unchecked under the AI-training default (DESIGN.md §2 rule 6).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jpegJs from 'jpeg-js';
import { app11Segments, cborAssertion, manifestStore, xmpApp1 } from '../../unit/media/image-fixtures';

/** A real baseline JPEG of the given size with `segments` placed after its JFIF APP0. */
function decodableJpeg(width: number, height: number, segments: Uint8Array[]): Uint8Array {
  const pixels = Buffer.alloc(width * height * 4, 0x80);
  const encoded = new Uint8Array(jpegJs.encode({ data: pixels, width, height }, 80).data);
  const afterApp0 = 4 + ((encoded[4]! << 8) | encoded[5]!); // SOI (2) + APP0 marker (2) + its length
  return Uint8Array.from(Buffer.concat([encoded.subarray(0, afterApp0), ...segments, encoded.subarray(afterApp0)]));
}

const CC0_XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmpRights:WebStatement="https://creativecommons.org/publicdomain/zero/1.0/"/></rdf:RDF></x:xmpmeta>`;

function withTrainingMining(use: string, seed: number): Uint8Array {
  const assertion = cborAssertion('cawg.training-mining', { entries: { 'cawg.ai_training': { use }, 'cawg.ai_generative_training': { use } } });
  return decodableJpeg(64 + seed, 64, [xmpApp1(CC0_XMP), ...app11Segments(manifestStore([assertion]))]);
}

const dir = resolve(import.meta.dirname, '../sites/imgcdn.test/open');
writeFileSync(resolve(dir, 'c2pa-not-allowed.jpg'), withTrainingMining('notAllowed', 1));
writeFileSync(resolve(dir, 'c2pa-allowed.jpg'), withTrainingMining('allowed', 2));
console.log(`wrote C2PA fixtures to ${dir}`);
