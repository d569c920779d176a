// Fault injection for the local exactly-once test only: EMAIL_FAULT_CRASH_RATE (0–1) is the chance that one sender
// invocation crashes part-way through its batch. The config loader sets it to 0 unless the function runs against the
// local emulators (DDB_ENDPOINT set), so a deployed sender can never be made to crash by configuration.
import { randomInt } from 'node:crypto';
import type { AppConfig } from '../../shared/config.js';

export type CrashPoint = 'before-message' | 'after-claim' | 'after-send';
const POINTS: readonly CrashPoint[] = ['before-message', 'after-claim', 'after-send'];

export function maybeCrash(
  cfg: Pick<AppConfig, 'emailFaultCrashRate'>,
  batchSize: number,
): { index: number; point: CrashPoint } | undefined {
  const rate = cfg.emailFaultCrashRate;
  if (!(rate > 0) || batchSize === 0) return undefined;
  if (randomInt(0, 1_000_000) >= rate * 1_000_000) return undefined;
  return { index: randomInt(0, batchSize), point: POINTS[randomInt(0, POINTS.length)]! };
}
