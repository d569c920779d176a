// Reply-time arithmetic: histogram buckets, the median from a histogram, working-time due dates (DST-correct,
// property-tested) and the waiting flags.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, bucketRange, medianFromHistogram } from '../../functions/domain/coaching/sla.js';
import { expectedReply, waitState } from '../../functions/domain/coaching/threads.js';
import {
  addWorkingTime,
  type CoachingHours,
  inDailyWindow,
  type ReplyPolicy,
  replyByLabel,
  replyDueAt,
  workingMsBetween,
} from '../../functions/domain/coaching/working-hours.js';
import { isoWeekday, localParts } from '../../functions/domain/reminders/schedule.js';

const H = 3_600_000;
const london: CoachingHours = {
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
  timeZone: 'Europe/London',
  closedDates: [],
};
const policy: ReplyPolicy = { hours: london, allowanceMs: 8 * H };

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
    const h = new Map([
      [bucketOf(5), 1],
      [bucketOf(125), 1],
      [bucketOf(3000), 1],
    ]);
    expect(medianFromHistogram(h, 3)).toBe(125);
    expect(
      medianFromHistogram(
        new Map([
          [bucketOf(5), 3],
          [bucketOf(2000), 1],
        ]),
        4,
      ),
    ).toBe(5);
    expect(medianFromHistogram(new Map(), 0)).toBeNull();
  });
});

describe('working time', () => {
  it('a thread written on Friday evening is due on Monday (end of the first working day)', () => {
    // Friday 20 November 2026, 19:30 in London (GMT) → Monday 23 November 17:00.
    expect(replyDueAt(new Date('2026-11-20T19:30:00Z'), policy).toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });

  it('Monday 11:00 → Tuesday 11:00, which the person is told as "Tuesday 11:00"', () => {
    const since = new Date('2026-11-23T11:00:00Z');
    const due = replyDueAt(since, policy);
    expect(due.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(replyByLabel(due, since, london)).toBe('Tuesday 11:00');
    expect(expectedReply({ waitingSince: since.toISOString() }, since, policy)).toEqual({
      at: due.toISOString(),
      label: 'Tuesday 11:00',
    });
  });

  it('is DST-correct: Friday before the clocks go forward → Monday 17:00 BST (16:00 UTC)', () => {
    expect(replyDueAt(new Date('2026-03-27T18:00:00Z'), policy).toISOString()).toBe('2026-03-30T16:00:00.000Z');
    // and back: Friday 23 October 2026 16:00 BST (15:00Z) → 1 h Friday + 7 h Monday (GMT) → Monday 16:00Z
    expect(replyDueAt(new Date('2026-10-23T15:00:00Z'), policy).toISOString()).toBe('2026-10-26T16:00:00.000Z');
  });

  it('skips closed dates', () => {
    const xmas = { ...london, closedDates: ['2026-12-24', '2026-12-25'] };
    expect(replyDueAt(new Date('2026-12-23T17:30:00Z'), { hours: xmas, allowanceMs: 8 * H }).toISOString()).toBe(
      '2026-12-28T17:00:00.000Z',
    );
  });

  it('counts only working time between two instants', () => {
    expect(workingMsBetween(new Date('2026-11-20T16:00:00Z'), new Date('2026-11-23T10:00:00Z'), london)).toBe(2 * H);
    expect(workingMsBetween(new Date('2026-11-21T10:00:00Z'), new Date('2026-11-22T10:00:00Z'), london)).toBe(0);
    expect(workingMsBetween(new Date('2026-11-23T12:00:00Z'), new Date('2026-11-23T11:00:00Z'), london)).toBe(0);
  });

  const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Auckland'];
  const hoursArb = fc
    .record({
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      startH: fc.integer({ min: 0, max: 22 }),
      len: fc.integer({ min: 1, max: 10 }),
      timeZone: fc.constantFrom(...zones),
    })
    .map(
      ({ days, startH, len, timeZone }): CoachingHours => ({
        days,
        start: `${String(startH).padStart(2, '0')}:00`,
        end: `${String(Math.min(23, startH + len)).padStart(2, '0')}:${startH + len > 23 ? '59' : '00'}`,
        timeZone,
        closedDates: [],
      }),
    );
  const instant = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') })
    .map((t) => new Date(t));
  const amount = fc.integer({ min: 1, max: 40 * 60 }).map((m) => m * 60_000);

  it('property: the due time is exactly the allowance of working time later, and falls in working hours', () => {
    fc.assert(
      fc.property(hoursArb, instant, amount, (h, from, ms) => {
        const due = addWorkingTime(from, ms, h);
        expect(due.getTime()).toBeGreaterThan(from.getTime());
        expect(workingMsBetween(from, due, h)).toBe(ms);
        // the due instant is inside (or at the end of) a working interval on a working day
        const p = localParts(new Date(due.getTime() - 1), h.timeZone);
        expect(h.days).toContain(isoWeekday(p.year, p.month, p.day));
        const minute = p.hour * 60 + p.minute;
        const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
        expect(minute).toBeGreaterThanOrEqual(toMin(h.start) - 60); // −60: a spring-forward day shifts the wall clock
        expect(minute).toBeLessThan(toMin(h.end) + 60);
      }),
      { numRuns: 300 },
    );
  });

  it('property: more allowance is never due earlier, and working time adds up over a split', () => {
    fc.assert(
      fc.property(hoursArb, instant, amount, amount, (h, from, a, b) => {
        expect(addWorkingTime(from, a + b, h).getTime()).toBeGreaterThanOrEqual(addWorkingTime(from, a, h).getTime());
        const mid = new Date(from.getTime() + a);
        const to = new Date(from.getTime() + a + b);
        expect(workingMsBetween(from, mid, h) + workingMsBetween(mid, to, h)).toBe(workingMsBetween(from, to, h));
        expect(workingMsBetween(from, to, h)).toBeLessThanOrEqual(a + b);
      }),
      { numRuns: 300 },
    );
  });

  it('quiet hours wrap midnight', () => {
    const q = { start: '20:00', end: '08:00' };
    expect(inDailyWindow(new Date('2026-11-23T21:00:00Z'), q, 'Europe/London')).toBe(true);
    expect(inDailyWindow(new Date('2026-11-23T07:59:00Z'), q, 'Europe/London')).toBe(true);
    expect(inDailyWindow(new Date('2026-11-23T08:00:00Z'), q, 'Europe/London')).toBe(false);
    expect(inDailyWindow(new Date('2026-07-23T07:30:00Z'), q, 'Europe/London')).toBe(false); // 08:30 BST
  });
});

describe('waiting flags (in working time)', () => {
  const since = '2026-11-23T09:00:00.000Z'; // Monday 09:00
  const at = (iso: string) => new Date(iso);
  it('is neither near due nor overdue early on, and due at the end of the working day', () => {
    expect(waitState({ waitingSince: since }, at('2026-11-23T11:00:00Z'), policy)).toMatchObject({
      waitingMinutes: 120,
      overdue: false,
      nearDue: false,
      dueAt: '2026-11-23T17:00:00.000Z',
    });
  });
  it('is near due after 75 % of the working allowance and overdue after all of it', () => {
    expect(waitState({ waitingSince: since }, at('2026-11-23T15:00:00Z'), policy)).toMatchObject({
      nearDue: true,
      overdue: false,
    });
    expect(waitState({ waitingSince: since }, at('2026-11-23T17:00:00Z'), policy)).toMatchObject({
      nearDue: true,
      overdue: false,
    });
    expect(waitState({ waitingSince: since }, at('2026-11-23T17:01:00Z'), policy)).toMatchObject({
      nearDue: false,
      overdue: true,
    });
  });
  it('a weekend does not count: Friday 16:00 is not overdue on Sunday', () => {
    expect(waitState({ waitingSince: '2026-11-20T16:00:00.000Z' }, at('2026-11-22T20:00:00Z'), policy)).toMatchObject({
      overdue: false,
      nearDue: false,
    });
  });
  it('has no flags when nobody is waiting', () => {
    expect(waitState({}, at('2026-11-30T00:00:00Z'), policy)).toEqual({
      waitingMinutes: null,
      overdue: false,
      nearDue: false,
      dueAt: null,
    });
    expect(expectedReply({}, at('2026-11-30T00:00:00Z'), policy)).toBeNull();
  });
});
