// Time maths for schedules: a person's rule is a local time on some weekdays in an IANA zone; we store the next
// UTC occurrence and re-compute it after each firing, so DST changes move the UTC slot and 09:00 stays 09:00 local.
// Uses only Intl (no date library).

export const SLOT_MS = 15 * 60_000;

/** The 15-minute UTC slot an instant falls in, as "2026-11-23T09:00Z". */
export function slotOf(at: Date): string {
  const start = Math.floor(at.getTime() / SLOT_MS) * SLOT_MS;
  return `${new Date(start).toISOString().slice(0, 16)}Z`;
}

/** Rounds a HH:MM up to the next quarter hour ("08:40" → "08:45"); used for the tenant's Monday time. */
export function roundUpToSlot(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = Math.min(23 * 60 + 45, Math.ceil((h * 60 + m) / 15) * 15);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Local wall-clock fields of an instant in a zone. */
export function localParts(at: Date, zone: string) {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Zone offset (ms, local − UTC) at an instant. */
function offsetAt(at: number, zone: string): number {
  const p = localParts(new Date(at), zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The UTC instant of a local date and time in a zone. In the spring-forward gap (a time that does not exist that
 * day) it gives the instant one hour later on the wall clock; in the autumn overlap, the first of the two.
 */
export function zonedToUtc(year: number, month: number, day: number, time: string, zone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(year, month - 1, day, h, m);
  // The offsets a day either side bracket any DST change (zones never change twice within two days).
  const candidates = [guess - offsetAt(guess - 86_400_000, zone), guess - offsetAt(guess + 86_400_000, zone)];
  const matching = candidates.filter((c) => {
    const p = localParts(new Date(c), zone);
    return p.hour === h && p.minute === m;
  });
  return new Date(matching.length ? Math.min(...matching) : Math.max(...candidates));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export const isoWeekday = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;

/** The first instant strictly after `after` that is `time` local on one of `days` in `zone`. */
export function nextOccurrence(rule: { days: number[]; time: string; timeZone: string }, after: Date): Date {
  const start = localParts(after, rule.timeZone);
  for (let offset = 0; offset <= 8; offset++) {
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    const [y, mo, da] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (!rule.days.includes(isoWeekday(y, mo, da))) continue;
    const at = zonedToUtc(y, mo, da, rule.time, rule.timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('no occurrence within 8 days (empty day set?)');
}

/** Check-in n (1–3) is due at 10:00 local on day 7, 21 or 42 after joining, moved off a weekend to Monday. */
export const CHECKIN_DAYS: Record<number, number> = { 1: 7, 2: 21, 3: 42 };
export const CHECKIN_TIME = '10:00';

export function checkinDueAt(joinedAt: Date, n: number, zone: string): Date {
  const joined = localParts(joinedAt, zone);
  const d = new Date(Date.UTC(joined.year, joined.month - 1, joined.day + CHECKIN_DAYS[n]!));
  const wd = d.getUTCDay() || 7;
  if (wd > 5) d.setUTCDate(d.getUTCDate() + (8 - wd));
  return zonedToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), CHECKIN_TIME, zone);
}
