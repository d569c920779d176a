// Reply-time arithmetic: histogram buckets, the median from a histogram, and the waiting flags.
import { describe, expect, it } from 'vitest';
import { bucketOf, bucketRange, medianFromHistogram } from '../../functions/domain/coaching/sla.js';
import { waitState } from '../../functions/domain/coaching/threads.js';

describe('reply-time histogram', () => {
  it('uses 10-minute buckets up to 72 hours, then hourly ones, capped at 14 days', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(9.9)).toBe(0);
    expect(bucketOf(10)).toBe(1);
    expect(bucketRange(bucketOf(24 * 60))).toEqual([1440, 1450]);
    expect(bucketRange(bucketOf(72 * 60 + 59))).toEqual([4320, 4380]);
    expect(bucketOf(30 * 24 * 60)).toBe(bucketOf(14 * 24 * 60));
  });

  it('finds the median bucket and reports its middle', () => {
    const h = new Map([[bucketOf(5), 1], [bucketOf(125), 1], [bucketOf(3000), 1]]);
    expect(medianFromHistogram(h, 3)).toBe(125);
    expect(medianFromHistogram(new Map([[bucketOf(5), 3], [bucketOf(2000), 1]]), 4)).toBe(5);
    expect(medianFromHistogram(new Map(), 0)).toBeNull();
  });
});

describe('waiting flags', () => {
  const since = '2026-11-20T09:00:00.000Z';
  const at = (hours: number) => new Date(Date.parse(since) + hours * 3_600_000);
  it('is neither near due nor overdue early on', () => {
    expect(waitState({ waitingSince: since }, at(2))).toMatchObject({ waitingMinutes: 120, overdue: false, nearDue: false, dueAt: '2026-11-21T09:00:00.000Z' });
  });
  it('is near due from 18 hours and overdue after 24', () => {
    expect(waitState({ waitingSince: since }, at(18))).toMatchObject({ nearDue: true, overdue: false });
    expect(waitState({ waitingSince: since }, at(24))).toMatchObject({ nearDue: true, overdue: false });
    expect(waitState({ waitingSince: since }, at(24.01))).toMatchObject({ nearDue: false, overdue: true });
  });
  it('has no flags when nobody is waiting', () => {
    expect(waitState({}, at(100))).toEqual({ waitingMinutes: null, overdue: false, nearDue: false, dueAt: null });
  });
});
