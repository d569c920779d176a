// A seeded, CSPRNG-like RandomSource for the distinguishing game only: two worlds replayed with the same seed draw the
// same noise, so every difference between them is visible. AES-256-CTR keystream keyed by SHA-256(seed), read in
// 48-bit words, unbiased by rejection. Production code never imports this file (a unit test checks that).
import { createCipheriv, createHash } from 'node:crypto';
import type { RandomSource } from '../noise.js';

const CHUNK = 1536;
const RANGE = 2 ** 48;

export function seededSource(seed: string | number): RandomSource {
  const cipher = createCipheriv('aes-256-ctr', createHash('sha256').update(String(seed)).digest(), Buffer.alloc(16));
  const zeros = Buffer.alloc(CHUNK);
  let pool = Buffer.alloc(0);
  let offset = 0;
  const next48 = (): number => {
    if (offset + 6 > pool.length) {
      pool = cipher.update(zeros);
      offset = 0;
    }
    const v = pool.readUIntBE(offset, 6);
    offset += 6;
    return v;
  };
  return {
    int(maxExclusive: number): number {
      if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > RANGE) throw new Error('bad range');
      const limit = RANGE - (RANGE % maxExclusive);
      for (;;) {
        const v = next48();
        if (v < limit) return v % maxExclusive;
      }
    },
  };
}
