// Token bucket that keeps sends under the SES per-second quota. Time and sleeping are injected so the benchmark can
// run hours of sending against a simulated clock, and tests need no real waiting.
export interface BucketClock {
  nowMs: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realBucketClock: BucketClock = {
  nowMs: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export class TokenBucket {
  private tokens: number;
  private last: number;

  /** ratePerSecond tokens are added each second, up to `burst` (default: one second's worth). */
  constructor(
    readonly ratePerSecond: number,
    private readonly clock: BucketClock = realBucketClock,
    readonly burst = Math.max(1, Math.floor(ratePerSecond)),
  ) {
    if (!(ratePerSecond > 0)) throw new Error('ratePerSecond must be positive');
    this.tokens = burst;
    this.last = clock.nowMs();
  }

  private refill() {
    const now = this.clock.nowMs();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  /** Waits until one token is available and takes it. */
  async take(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    }
  }
}
