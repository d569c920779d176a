// The sender's token bucket backs off when SES throttles (the quota is the account's) and recovers without one;
// and the delay before a throttled email's next try grows with each throttle, within SQS's 900 s.
import { describe, expect, it } from 'vitest';
import { deferralDelaySeconds } from '../../functions/domain/delivery/sender.js';
import { MIN_RATE_SHARE, RECOVERY_MS, TokenBucket } from '../../functions/domain/email/token-bucket.js';

function simulated() {
  let now = 0;
  return {
    clock: {
      nowMs: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    },
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

describe('token bucket under SES throttling', () => {
  it('halves its rate on each throttle, never below 1/16 of the configured rate', () => {
    const t = simulated();
    const bucket = new TokenBucket(16, t.clock);
    expect(bucket.currentRate).toBe(16);
    bucket.backOff();
    expect(bucket.currentRate).toBe(8);
    bucket.backOff();
    expect(bucket.currentRate).toBe(4);
    for (let i = 0; i < 10; i++) bucket.backOff();
    expect(bucket.currentRate).toBe(16 * MIN_RATE_SHARE);
  });

  it('climbs back to the configured rate over RECOVERY_MS without another throttle', () => {
    const t = simulated();
    const bucket = new TokenBucket(10, t.clock);
    bucket.backOff(); // 5/s
    t.advance(RECOVERY_MS / 4);
    expect(bucket.currentRate).toBeCloseTo(7.5, 5);
    t.advance(RECOVERY_MS);
    expect(bucket.currentRate).toBe(10);
  });

  it('sends more slowly after a throttle: 10 tokens take 1 s at 10/s, longer once backed off', async () => {
    const t = simulated();
    const bucket = new TokenBucket(10, t.clock);
    for (let i = 0; i < 10; i++) await bucket.take(); // the burst
    const start = t.now();
    for (let i = 0; i < 10; i++) await bucket.take();
    expect(t.now() - start).toBe(1000);
    bucket.backOff();
    const slowed = t.now();
    for (let i = 0; i < 10; i++) await bucket.take();
    expect(t.now() - slowed).toBeGreaterThan(1500);
  });

  it('delays the n-th try after a throttle by the first delay doubled n−1 times, at most 900 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => deferralDelaySeconds(30, n))).toEqual([30, 60, 120, 240, 480, 900]);
    expect(deferralDelaySeconds(30, 20)).toBe(900);
    expect(deferralDelaySeconds(1, 3)).toBe(4);
  });
});
