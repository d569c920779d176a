import { describe, expect, it } from 'vitest';
import {
  discreteLaplaceHalfWidth,
  discreteLaplaceTail,
  halfWidth90,
  rangeOf,
} from '../../functions/domain/stats/interval.js';
import { discreteLaplace, scaleFor } from '../../functions/domain/stats/noise.js';
import { seededSource } from '../../functions/domain/stats/testing/seeded-source.js';

const pmf = (t: number, x: number) => Math.tanh(1 / (2 * t)) * Math.exp(-Math.abs(x) / t);

describe('90 % ranges', () => {
  it.each([1, 2.5, 8, 11.428571, 45.714286])(
    'the closed-form half-width is the exact 90 %% quantile of the pmf at scale %s',
    (t) => {
      const scale = { num: Math.round(t * 1_000_000), den: 1_000_000 };
      const h = discreteLaplaceHalfWidth(scale);
      let inside = 0;
      for (let x = -h; x <= h; x++) inside += pmf(scale.num / scale.den, x);
      expect(inside).toBeGreaterThanOrEqual(0.9);
      expect(inside - pmf(scale.num / scale.den, h) * 2).toBeLessThan(0.9); // h − 1 would not cover 90 %
      expect(1 - inside).toBeCloseTo(discreteLaplaceTail(scale, h), 9);
    },
  );

  it('covers 90 % of draws from the sampler production uses', () => {
    const scale = scaleFor(1, 87_500); // Active at ε_year = 1
    const h = discreteLaplaceHalfWidth(scale);
    const rng = seededSource(17);
    const n = 20_000;
    let inside = 0;
    for (let i = 0; i < n; i++) if (Math.abs(discreteLaplace(rng, scale)) <= h) inside++;
    // 4.5 standard errors either side of the exact coverage
    const exact = 1 - discreteLaplaceTail(scale, h);
    expect(Math.abs(inside / n - exact)).toBeLessThan(4.5 * Math.sqrt((exact * (1 - exact)) / n));
  });

  it('gives the widths the docs table states at ε_year = 1', () => {
    expect(halfWidth90('week', 'new_enrolments', 1)).toBe(33);
    expect(halfWidth90('month', 'enrolled', 1)).toBe(79);
    expect(halfWidth90('month', 'new_enrolments', 1)).toBe(18);
    expect(halfWidth90('half', 'active', 1)).toBe(26);
    expect(halfWidth90('half', 'module_completers', 1)).toBe(53);
    expect(halfWidth90('half', 'coach_conversations', 1)).toBe(105);
    expect(halfWidth90('half', 'questionnaire_improved', 1)).toBe(105);
    expect(halfWidth90('half', 'active', 0.5)).toBe(53);
  });

  it('never goes below zero', () => {
    expect(rangeOf(130, 105)).toEqual({ low: 25, high: 235 });
    expect(rangeOf(10, 26)).toEqual({ low: 0, high: 36 });
  });
});
