// One source of "now", so tests and the local scheduler can move time.
let offsetMs = 0;
let fixed: number | undefined;

export const clock = {
  now: (): Date => new Date(fixed ?? Date.now() + offsetMs),
  nowMs: (): number => fixed ?? Date.now() + offsetMs,
};

/** Test/local only: pin the clock to an instant (or release it with undefined). */
export function setClock(at: Date | undefined) {
  fixed = at?.getTime();
}
/** Test/local only: shift real time by an offset. */
export function advanceClock(ms: number) {
  if (fixed !== undefined) fixed += ms;
  else offsetMs += ms;
}

export const epochSeconds = (d: Date = clock.now()) => Math.floor(d.getTime() / 1000);
