// The event a scheduled job receives. EventBridge Scheduler is configured with the input
// {"scheduledTime":"<aws.scheduler.scheduled-time>"}; the local scheduler sends the same shape.
export interface ScheduledTick {
  /** ISO time of the slot this tick is for (not the time it ran). */
  scheduledTime: string;
}

/** Parses "rate(15 minutes)" / "rate(1 hour)" / "rate(1 day)" into milliseconds. */
export function rateToMs(expression: string): number {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!m) throw new Error(`Unsupported schedule expression: ${expression}`);
  const n = Number(m[1]);
  const unit = m[2]!.startsWith('minute') ? 60_000 : m[2]!.startsWith('hour') ? 3_600_000 : 86_400_000;
  return n * unit;
}
