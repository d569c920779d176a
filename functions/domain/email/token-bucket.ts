// Token bucket that keeps sends under the SES per-second quota, and slows down when SES throttles anyway (the quota
// is the account's, shared with every other tenant and with sign-in codes): halve on a throttle, climb back over a
// minute. Time and sleeping are injected so the benchmark can run hours of sending against a simulated clock, and
// tests need no real waiting.
export interface BucketClock {
  nowMs: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realBucketClock: BucketClock = {
  nowMs: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** After a throttle the rate is halved, never below this share of the configured rate … */
export const MIN_RATE_SHARE = 1 / 16;
/** … and climbs back to the configured rate over this long without another throttle (additive increase). */
export const RECOVERY_MS = 60_000;

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** The rate now: the configured one, or less after SES throttled (backOff). */
  private rate: number;

  /** ratePerSecond tokens are added each second, up to `burst` (default: one second's worth). */
  constructor(
    readonly ratePerSecond: number,
    private readonly clock: BucketClock = realBucketClock,
    readonly burst = Math.max(1, Math.floor(ratePerSecond)),
  ) {
    if (!(ratePerSecond > 0)) throw new Error('ratePerSecond must be positive');
    this.tokens = burst;
    this.last = clock.nowMs();
    this.rate = ratePerSecond;
  }

  /** Tokens per second right now. */
  get currentRate(): number {
    this.refill();
    return this.rate;
  }

  private refill() {
    const now = this.clock.nowMs();
    const elapsed = now - this.last;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.rate);
    this.rate = Math.min(this.ratePerSecond, this.rate + (elapsed / RECOVERY_MS) * this.ratePerSecond);
    this.last = now;
  }

  /** SES throttled a send: halve the rate (the account's quota is shared, so someone else is sending too). */
  backOff(): void {
    this.refill();
    this.rate = Math.max(this.ratePerSecond * MIN_RATE_SHARE, this.rate / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Waits until one token is available and takes it. */
  async take(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}
