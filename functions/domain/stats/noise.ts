// Discrete Laplace (two-sided geometric) noise, sampled exactly with integer arithmetic only
// (Canonne, Kamath & Steinke, "The Discrete Gaussian for Differential Privacy", 2020, algorithms 1–2).
// No floating point touches the sample, so it cannot leak through low bits, and no non-cryptographic generator:
// production draws every random integer from node:crypto.
import { randomInt } from 'node:crypto';

/** A source of uniform random integers in [0, maxExclusive). */
export interface RandomSource {
  int(maxExclusive: number): number;
}

/** The production source: node:crypto's CSPRNG (randomInt is unbiased). */
export const cryptoSource: RandomSource = { int: (maxExclusive) => randomInt(0, maxExclusive) };

// randomInt accepts ranges below 2^48; our denominators stay far below that (see scaleFor).
const MAX_RANGE = 2 ** 48;

/** True with probability num/den (integers, 0 ≤ num ≤ den). */
function bernoulli(rng: RandomSource, num: number, den: number): boolean {
  if (den >= MAX_RANGE) throw new Error('bernoulli: denominator too large');
  return rng.int(den) < num;
}

/** True with probability exp(−num/den), for integers num ≥ 0, den ≥ 1. */
export function bernoulliExp(rng: RandomSource, num: number, den: number): boolean {
  // exp(−γ) for γ > 1 is a product of exp(−1) draws and one exp(−frac) draw.
  let remaining = num;
  while (remaining > den) {
    if (!bernoulliExpAtMostOne(rng, 1, 1)) return false;
    remaining -= den;
  }
  return bernoulliExpAtMostOne(rng, remaining, den);
}

/** exp(−γ) with γ = num/den ∈ [0, 1]: the alternating-series trick (CKS algorithm 1). */
function bernoulliExpAtMostOne(rng: RandomSource, num: number, den: number): boolean {
  let k = 1;
  while (bernoulli(rng, num, den * k)) k += 1;
  return k % 2 === 1;
}

/**
 * Scale of the noise as a ratio of integers: scale = sensitivity / ε, with ε given in micro-units
 * (millionths), so scale = (sensitivity × 1,000,000) / epsilonMicro exactly.
 */
export interface Scale {
  num: number;
  den: number;
}
export const scaleFor = (sensitivity: number, epsilonMicro: number): Scale => {
  if (!Number.isInteger(sensitivity) || sensitivity < 1) throw new Error('sensitivity must be a positive integer');
  if (!Number.isInteger(epsilonMicro) || epsilonMicro < 1) throw new Error('epsilonMicro must be a positive integer');
  return { num: sensitivity * 1_000_000, den: epsilonMicro };
};

/**
 * One draw from the discrete Laplace distribution with the given scale t = num/den:
 * P(X = x) = tanh(1/(2t)) · exp(−|x|/t) for every integer x (CKS algorithm 2).
 */
export function discreteLaplace(rng: RandomSource, scale: Scale): number {
  const { num: t, den: s } = scale; // scale = t / s
  for (;;) {
    const u = rng.int(t);
    if (!bernoulliExp(rng, u, t)) continue;
    let v = 0;
    while (bernoulliExp(rng, 1, 1)) v += 1;
    const x = u + t * v;
    const y = Math.floor(x / s); // both integers: exact
    const negative = bernoulli(rng, 1, 2);
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}
