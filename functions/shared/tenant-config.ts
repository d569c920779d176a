// The per-organisation configuration: tenants/<slug>.json, validated here.
// The same schema is used by the functions (TENANT_CONFIG env), the CDK app and the local stack.
import { CRISIS_COUNTRIES } from '../domain/org/crisis-resources.js';
import * as z from './zod.js';

export const TenantSlug = z
  .string()
  .check(
    z.regex(
      /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/,
      'must be 3–32 lower-case letters, digits or hyphens, starting with a letter',
    ),
  );

const CrisisResource = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  contact: z.string().check(z.minLength(1), z.maxLength(80)),
  description: z.string().check(z.minLength(1), z.maxLength(240)),
  href: z.string().check(z.regex(/^(tel:|sms:|https:\/\/)/, 'must be a tel:, sms: or https:// link')),
});

/** A country with a checked crisis-resource list (ISO 3166-1 alpha-2); tenant config and the person's own choice. */
export const CountryCode = z.enum(
  CRISIS_COUNTRIES,
  `must be an ISO 3166-1 alpha-2 code with crisis resources: ${CRISIS_COUNTRIES.join(', ')}`,
);

export const DEFAULT_PERMISSION_STATEMENT =
  "You may use Respite for up to 30 minutes a week during working hours. You don't need to ask or record it.";

/** A domain name such as northwind.example: lower-case labels of letters, digits and inner hyphens, at least two. */
const EmailDomain = z
  .string()
  .check(
    z.maxLength(253),
    z.regex(
      /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
      'must be a lower-case domain such as northwind.example',
    ),
  );

const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const HHMM = z.string().check(z.regex(HHMM_PATTERN, 'must be HH:MM (24-hour)'));
const IanaZone = z.string().check(
  z.refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/London'),
);

/** Coaching hours: the reply promise counts only this working time (functions/domain/coaching/working-hours.ts). */
export const CoachingHoursSchema = z
  .strictObject({
    days: z._default(
      z.array(z.int().check(z.minimum(1), z.maximum(7))).check(z.minLength(1), z.maxLength(7)),
      [1, 2, 3, 4, 5],
    ),
    start: z._default(HHMM, '09:00'),
    end: z._default(HHMM, '17:00'),
    /** Defaults to the organisation's time zone. */
    timeZone: z.optional(IanaZone),
    closedDates: z._default(
      z.array(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'))).check(z.maxLength(400)),
      [],
    ),
  })
  // Only once both times are well formed: a bad start is reported once, on start.
  .check(
    z.refine((h) => !(HHMM_PATTERN.test(h.start) && HHMM_PATTERN.test(h.end)) || h.start < h.end, {
      message: 'must end after it starts',
      path: ['end'],
    }),
  );

const DEFAULT_COACHING = {
  hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', closedDates: [] as string[] },
  replyWithinWorkingHours: 8,
  leadCoachEmails: [] as string[],
  quietHours: { start: '20:00', end: '08:00' },
};

export const TenantConfigSchema = z.strictObject({
  slug: TenantSlug,
  name: z.singleLineText(80, 2),
  /**
   * ISO 3166-1 alpha-2: whose crisis resources (domain/org/crisis-resources.ts) staff see unless they choose another
   * country. Only countries with a checked list.
   */
  country: z._default(CountryCode, 'GB'),
  timeZone: z._default(z.string().check(z.minLength(1)), 'Europe/London'),
  /** First HR admins; more are invited in the app. */
  adminEmails: z.array(z.email()).check(z.minLength(1)),
  /**
   * The coach roster's seed: the operator's roster in the table (domain/org/coaching-service.ts) replaces it once
   * they first change it. At most 50.
   */
  coachEmails: z._default(z.array(z.email()).check(z.maxLength(50)), []),
  /**
   * Platform operators (set by the platform here, never by the organisation: no HR route can grant or list it).
   * They sign in like staff and manage the coach roster and coaching hours, and see service health as numbers.
   */
  operatorEmails: z._default(z.array(z.email()).check(z.maxLength(20)), []),
  /**
   * The organisation's own email domains (subdomains included). The join and sign-in pages gently point out that a
   * personal address is more private when the typed address is at one of them. Public: sent to the web app.
   */
  workEmailDomains: z._default(z.array(EmailDomain).check(z.maxLength(50)), []),
  email: z._default(
    z.strictObject({
      senderName: z._default(z.singleLineText(60), 'Respite'),
      /** Used for everything when the person chose discreet mode. */
      discreetSenderName: z._default(z.singleLineText(60), 'Notifications'),
      fromAddress: z.optional(z.email()),
    }),
    { senderName: 'Respite', discreetSenderName: 'Notifications' },
  ),
  permissionStatement: z._default(z.string().check(z.minLength(10), z.maxLength(600)), DEFAULT_PERMISSION_STATEMENT),
  /** The organisation's own list for its default country, replacing the built-in one (other countries keep theirs). */
  crisisResources: z.optional(z.array(CrisisResource).check(z.minLength(1))),
  /** Local time of the Monday-morning message, HH:MM. */
  mondayMessageTime: z._default(
    z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')),
    '08:30',
  ),
  coachReplyExpectation: z._default(
    z.string().check(z.minLength(5), z.maxLength(120)),
    'within 24 hours, Monday to Friday',
  ),
  /** The coaching service: hours the reply promise counts, lead coaches (safety alerts) and quiet hours for alerts. */
  coaching: z._default(
    z.strictObject({
      /** The seed: the operator's hours in the table replace them once changed (domain/org/coaching-service.ts). */
      hours: z._default(CoachingHoursSchema, DEFAULT_COACHING.hours),
      /** A reply is due after this much working time (8 = one working day of 09:00–17:00). */
      replyWithinWorkingHours: z._default(z.int().check(z.minimum(1), z.maximum(80)), 8),
      /** Coaches (also in coachEmails) who get every safety alert and see the whole queue. The seed, as above. */
      leadCoachEmails: z._default(z.array(z.email()), []),
      /** Local window in which routine coach alerts wait (safety alerts are sent at once). */
      quietHours: z._default(z.strictObject({ start: HHMM, end: HHMM }), DEFAULT_COACHING.quietHours),
    }),
    DEFAULT_COACHING,
  ),
  /** Leavers: accounts unused this long get a warning email, and are deleted graceDays later unless kept. */
  inactivity: z._default(
    z.strictObject({
      afterMonths: z._default(z.int().check(z.minimum(6), z.maximum(36)), 12),
      graceDays: z._default(z.int().check(z.minimum(14), z.maximum(90)), 30),
    }),
    { afterMonths: 12, graceDays: 30 },
  ),
  /** Yearly privacy budget for employer statistics (docs/statistics.md, rule 3). */
  epsilonPerYear: z._default(z.number().check(z.minimum(0.5), z.maximum(1)), 1),
});

export type TenantConfig = z.infer<typeof TenantConfigSchema>;
export type CoachingHoursConfig = z.infer<typeof CoachingHoursSchema>;
export type CrisisResourceItem = z.infer<typeof CrisisResource>;
