// The discrete Laplace sampler: exact pmf fit (chi-square, fixed seed), symmetry, and production wiring to node:crypto.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bernoulliExp, cryptoSource, discreteLaplace, scaleFor } from '../../functions/domain/stats/noise.js';
import { seededSource } from '../../functions/domain/stats/testing/seeded-source.js';

/** The exact discrete Laplace pmf with scale t: tanh(1/(2t)) · exp(−|x|/t). */
function discreteLaplacePmf(x: number, scale: ReturnType<typeof scaleFor>): number {
  const t = scale.num / scale.den;
  return Math.tanh(1 / (2 * t)) * Math.exp(-Math.abs(x) / t);
}

/** Pearson chi-square of `n` draws against the pmf, bins −k..k plus two tails. */
function chiSquare(draws: number[], scale: ReturnType<typeof scaleFor>, k: number) {
  const n = draws.length;
  const observed = new Map<number, number>();
  for (const d of draws) {
    const bin = d < -k ? -k - 1 : d > k ? k + 1 : d;
    observed.set(bin, (observed.get(bin) ?? 0) + 1);
  }
  let inner = 0;
  let stat = 0;
  for (let x = -k; x <= k; x++) {
    const p = discreteLaplacePmf(x, scale);
    inner += p;
    const e = n * p;
    stat += ((observed.get(x) ?? 0) - e) ** 2 / e;
  }
  const tail = (1 - inner) / 2;
  for (const bin of [-k - 1, k + 1]) stat += ((observed.get(bin) ?? 0) - n * tail) ** 2 / (n * tail);
  return { stat, df: 2 * k + 2 };
}

describe('discrete Laplace sampler', () => {
  it.each([
    // [sensitivity, ε in millionths, bins each side]
    [1, 1_000_000, 6], // scale 1
    [1, 250_000, 12], // scale 4
    [1, 100_000, 20], // scale 10
  ])('fits the pmf (Δ=%i, ε=%i µ) by chi-square at p = 0.001', (sensitivity, epsMicro, k) => {
    const scale = scaleFor(sensitivity, epsMicro);
    const rng = seededSource(`fit-${epsMicro}`);
    const draws = Array.from({ length: 20_000 }, () => discreteLaplace(rng, scale));
    const { stat, df } = chiSquare(draws, scale, k);
    // Critical values of χ² at p = 0.001: df 14 → 36.12, df 26 → 54.05, df 42 → 76.08.
    const critical: Record<number, number> = { 14: 36.12, 26: 54.05, 42: 76.08 };
    expect(stat).toBeLessThan(critical[df]!);
    // and it is integer-valued, centred and symmetric
    expect(draws.every(Number.isInteger)).toBe(true);
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    const sd = Math.sqrt((2 * Math.exp(-epsMicro / 1e6)) / (1 - Math.exp(-epsMicro / 1e6)) ** 2);
    expect(Math.abs(mean)).toBeLessThan((4 * sd) / Math.sqrt(draws.length));
  });

  it('rejects a sampler with the wrong scale (the fit test has power)', () => {
    const rng = seededSource('power');
    const wrong = Array.from({ length: 20_000 }, () => discreteLaplace(rng, scaleFor(1, 500_000))); // scale 2
    expect(chiSquare(wrong, scaleFor(1, 1_000_000), 6).stat).toBeGreaterThan(36.12);
  });

  it('Bernoulli(exp(−γ)) has the right rate for γ below and above 1', () => {
    const rng = seededSource('bern');
    for (const [num, den] of [
      [1, 2],
      [1, 1],
      [5, 2],
    ] as const) {
      const n = 20_000;
      let hits = 0;
      for (let i = 0; i < n; i++) if (bernoulliExp(rng, num, den)) hits++;
      const p = Math.exp(-num / den);
      expect(Math.abs(hits / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('the production source is node:crypto; nothing uses Math.random or the seeded source outside tests', () => {
    const values = Array.from({ length: 200 }, () => discreteLaplace(cryptoSource, scaleFor(1, 100_000)));
    expect(new Set(values).size).toBeGreaterThan(20);
    const root = fileURLToPath(new URL('../../functions', import.meta.url));
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)],
      );
    })(root).filter((f) => f.endsWith('.ts'));
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (/[/\\]stats[/\\]/.test(f)) expect(text, f).not.toMatch(/Math\.random/);
      if (!f.includes(`${join('stats', 'testing')}`)) expect(text, f).not.toMatch(/seeded-source/);
    }
    const noise = readFileSync(join(root, 'domain/stats/noise.ts'), 'utf8');
    expect(noise).toMatch(/randomInt\(0, maxExclusive\)/);
    expect(noise).not.toMatch(/Math\.log|Math\.exp\(|Math\.random/);
  });
});
