// The honest 90 % range of every released figure. It depends only on public facts (ε_year and the catalogue), never
// on a count, so showing it reveals nothing. See docs/statistics.md, "Ranges".
import {
  CATALOGUE,
  LEAVERS,
  metricEpsilonMicro,
  type PeriodKind,
  SNAPSHOT,
  type StatMetric,
  shareEpsilonMicro,
} from './catalogue.js';
import { type Scale, scaleFor } from './noise.js';

export const COVERAGE = 0.9;

/** P(|X| > h) for discrete Laplace noise of scale t = num/den: 2·p^(h+1)/(1+p) with p = exp(−1/t). */
export function discreteLaplaceTail(scale: Scale, h: number): number {
  const p = Math.exp(-scale.den / scale.num);
  return (2 * p ** (h + 1)) / (1 + p);
}

/** The smallest integer h with P(|X| ≤ h) ≥ 90 % for the discrete Laplace noise actually used (noise.ts). */
export function discreteLaplaceHalfWidth(scale: Scale): number {
  const p = Math.exp(-scale.den / scale.num);
  let h = Math.max(0, Math.ceil(Math.log(((1 - COVERAGE) * (1 + p)) / 2) / Math.log(p)) - 1);
  // Guard the float logarithms: step to the exact smallest h.
  while (h > 0 && discreteLaplaceTail(scale, h - 1) <= 1 - COVERAGE) h -= 1;
  while (discreteLaplaceTail(scale, h) > 1 - COVERAGE) h += 1;
  return h;
}

const variance = (scale: Scale) => {
  const p = Math.exp(-scale.den / scale.num);
  return (2 * p) / (1 - p) ** 2;
};
/** 1.645 standard deviations: for "Using Respite", a sum of several noises (close to normal). */
const normalHalfWidth = (v: number) => Math.ceil(1.6449 * Math.sqrt(v));

/**
 * Half-width of the 90 % range of a figure's value: the organisation's, or (breakdown 'department') a department
 * row's; `cells` > 1 for the "not stated or in a smaller group" row, which sums that many noise cells (the hidden
 * departments and "not stated"). "Using Respite" is a sum of noises; it uses the worst case of the release plan
 * (a snapshot six months back, then six months of joiners and, for the organisation, leavers), so its range is never
 * narrower than the truth. A sum of several cells uses 1.645 standard deviations, never less than one cell's range.
 */
export function halfWidth90(
  kind: PeriodKind,
  metric: StatMetric,
  epsilonPerYear: number,
  breakdown: 'org' | 'department' = 'org',
  cells = 1,
): number {
  const entry = CATALOGUE[kind].find((e) => e.metric === metric);
  if (!entry) throw new Error(`no figure ${kind}/${metric}`);
  if (entry.charge === 'derived') {
    const joiners = CATALOGUE.month.find((e) => e.metric === 'new_enrolments')!;
    const half = (micro: number) => scaleFor(1, Math.floor(micro / 2));
    const joinScale = half(metricEpsilonMicro(joiners, epsilonPerYear));
    const snapshotScale = half(shareEpsilonMicro(SNAPSHOT.shareMillionths, epsilonPerYear));
    const leaverScale = scaleFor(1, shareEpsilonMicro(LEAVERS.shareMillionths, epsilonPerYear));
    const months = 6;
    const v =
      variance(snapshotScale) +
      months * variance(joinScale) +
      (breakdown === 'org' ? months * variance(leaverScale) : 0);
    return normalHalfWidth(v * cells);
  }
  const micro = metricEpsilonMicro(entry, epsilonPerYear);
  // The organisation total and every department cell of a figure with a breakdown each get half its ε.
  const scale = scaleFor(entry.sensitivity, entry.byDepartment ? Math.floor(micro / 2) : micro);
  const one = discreteLaplaceHalfWidth(scale);
  return cells <= 1 ? one : Math.max(one, normalHalfWidth(cells * variance(scale)));
}

/** The range shown beside a released value: never below 0. */
export const rangeOf = (value: number, halfWidth: number) => ({
  low: Math.max(0, value - halfWidth),
  high: value + halfWidth,
});
