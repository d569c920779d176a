// Items and inputs of the reminders context: a person's preferences and their schedule items.
import * as z from '../../shared/zod.js';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z
  .int()
  .check(z.minimum(1, 'must be 1 (Monday) to 7 (Sunday)'), z.maximum(7, 'must be 1 (Monday) to 7 (Sunday)'));
export const FREQUENCIES = ['weekly', 'twice-weekly', 'weekdays', 'custom'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/** Every UTC offset in use is a multiple of 15 minutes, so a quarter-hour local time always lands on a UTC slot. */
export const LocalTime = z
  .string()
  .check(
    z.regex(/^([01]\d|2[0-3]):(00|15|30|45)$/, 'must be a time like 09:00, in steps of 15 minutes (00, 15, 30 or 45)'),
  );

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.refine(isKnownTimeZone, 'is not a time zone we know (use a name like Europe/London)'),
  );

/** How reminders reach the person: email, or a notification on the devices they turned push on for. */
export const CHANNELS = ['email', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PreferencesInput = z
  .strictObject({
    remindersOn: z.boolean(),
    days: z.array(Weekday).check(z.minLength(1, 'choose at least one day'), z.maxLength(7)),
    time: LocalTime,
    timeZone: TimeZone,
    frequency: z.enum(FREQUENCIES),
    mondayOn: z.boolean(),
    discreet: z.boolean(),
    checkinsOn: z.boolean(),
    /** Optional so older clients keep working: absent keeps the stored channel (email at first). */
    channel: z.optional(z.enum(CHANNELS)),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.days.length === 0) return; // already reported: one message per field
      const unique = [...new Set(p.days)];
      if (unique.length !== p.days.length)
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'lists a day twice' });
      if (p.frequency === 'weekly' && unique.length !== 1)
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'choose exactly one day for a weekly reminder' });
      if (p.frequency === 'twice-weekly' && unique.length !== 2)
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'choose exactly two days for twice a week' });
      if (p.frequency === 'weekdays' && (unique.length !== 5 || !WEEKDAYS.every((d) => unique.includes(d))))
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'must be Monday to Friday (1–5) for weekdays' });
    }),
  );
export type PreferencesInput = z.infer<typeof PreferencesInput>;

export const PrefsItem = z.object({
  remindersOn: z.boolean(),
  days: z.array(z.int()),
  time: z.string(),
  timeZone: z.string(),
  frequency: z.enum(FREQUENCIES),
  mondayOn: z.boolean(),
  discreet: z.boolean(),
  checkinsOn: z.boolean(),
  /** How proactive the coach is (absent on items saved before the choice existed: coachContactOf). */
  coachContact: z.optional(z.enum(['on_request', 'planned', 'weekly'])),
  channel: z._default(z.enum(CHANNELS), 'email'),
  /** Other non-transactional kinds the person unsubscribed from (e.g. "announcement"). */
  optedOut: z._default(z.array(z.string()), []),
  version: z.int(),
  updatedAt: z.string(),
});
export type PrefsItem = z.infer<typeof PrefsItem>;

/**
 * How proactive the coach should be, the person's choice: only when they write (no check-ins), the check-ins as
 * planned (weeks 1, 3 and 6 after joining), or those and a weekly check-in (Wednesdays 10:00, their time zone).
 */
export const COACH_CONTACT = ['on_request', 'planned', 'weekly'] as const;
export type CoachContact = (typeof COACH_CONTACT)[number];
export const CoachContactInput = z.strictObject({ choice: z.enum(COACH_CONTACT) });
/** The weekly check-in's day and local time. */
export const WEEKLY_CHECKIN_RULE = { days: [3], time: '10:00' };

/** The choice in force: stored, or (items from before the choice) derived from the check-ins switch. */
export const coachContactOf = (p: Pick<PrefsItem, 'checkinsOn' | 'coachContact'> | undefined): CoachContact =>
  p?.coachContact ?? (p?.checkinsOn === false ? 'on_request' : 'planned');

/** Defaults before the person chooses anything: everything optional is off (opt-in), check-ins on. */
export function defaultPrefs(timeZone: string): Omit<PrefsItem, 'version' | 'updatedAt'> {
  return {
    remindersOn: false,
    days: [2],
    time: '09:00',
    timeZone,
    frequency: 'weekly',
    mondayOn: false,
    discreet: false,
    checkinsOn: true,
    channel: 'email',
    optedOut: [],
  };
}

/** What a schedule item is for. */
/** coach-weekly: the weekly check-in, for a person who chose it (COACH_CONTACT). practice: a try-this-week reminder. */
export const SCHEDULE_KINDS = ['reminder', 'monday', 'checkin', 'coach-weekly', 'practice'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export const ScheduleItem = z.object({
  pk: z.string(),
  sk: z.string(),
  userId: z.string(),
  kind: z.enum(SCHEDULE_KINDS),
  /** "reminder", "monday", "checkin#1" …, "practice#<moduleId>" */
  what: z.string(),
  /** UTC instant it is due (ISO), and the 15-minute slot indexed in GSI2. */
  dueAt: z.string(),
  gsi2pk: z.optional(z.string()),
  gsi2sk: z.optional(z.string()),
  /** Recurrence (reminder, monday): local time on these weekdays in this zone. Absent for one-off check-ins. */
  days: z.optional(z.array(z.int())),
  time: z.optional(z.string()),
  timeZone: z.string(),
  /** How many times it has fired (the Monday message rotates on this). */
  fired: z._default(z.int(), 0),
  /** Practice reminders only: the module whose "try this week" it is. */
  moduleId: z.optional(z.string()),
  /** Reminders only: sent as a push notification instead of an email (the person's channel when it was saved). */
  channel: z.optional(z.enum(CHANNELS)),
  /** Check-ins (1–3) and the weekly check-in (4, WEEKLY_CHECKIN): which one, for the coach listing index (GSI1). */
  number: z.optional(z.int()),
  gsi1pk: z.optional(z.string()),
  gsi1sk: z.optional(z.string()),
});
export type ScheduleItem = z.infer<typeof ScheduleItem>;
