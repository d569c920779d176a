// The shape of one outbox message: what enqueueEmails accepts, what travels on the queue, and what the sender
// validates again when it receives it (a malformed message fails loudly and ends in the dead-letter queue).
import * as z from '../../shared/zod.js';

/** Low-cardinality kinds; each has its own idempotency space in the send ledger. */
export const EMAIL_KINDS = [
  'reminder',
  'practice',
  'monday',
  'checkin',
  'endorsement',
  'coach-notice',
  'coach-alert',
  'announcement',
  'notice',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const EmailBlockSchema = z.strictObject({
  text: z.optional(Text(2000)),
  code: z.optional(Text(40)),
  button: z.optional(z.strictObject({ label: Text(80), href: z.url() })),
});

export const EmailContentSchema = z.strictObject({
  subject: z.singleLineText(120),
  preheader: z.string().check(z.maxLength(200)),
  heading: Text(200),
  blocks: z.array(EmailBlockSchema).check(z.minLength(1), z.maxLength(20)),
  footer: z.string().check(z.maxLength(600)),
});

/** Built-in templates rendered at send time (so the text reflects the person's discreet choice then). */
export const TemplateSchema = z.discriminatedUnion('template', [
  z.strictObject({ template: z.literal('reminder') }),
  /** A module's "try this week" practice (reminders/practice.ts); named only outside discreet mode. */
  z.strictObject({ template: z.literal('practice'), moduleId: z.string().check(z.minLength(1), z.maxLength(64)) }),
  /** week = how many Monday messages this person has had so far + 1 (the content rotates). */
  z.strictObject({ template: z.literal('monday'), week: z.int().check(z.minimum(1)) }),
  /** number = 1, 2 or 3 (weeks 1, 3, 6). The coach's personalised text, if any, is read at send time. */
  // 1–3: the new joiner's check-ins; 4 (WEEKLY_CHECKIN): the weekly one the person chose
  // on: the weekly one's date (YYYY-MM-DD, UTC), so a coach's text written for one week is not sent in another
  z.strictObject({
    template: z.literal('checkin'),
    number: z.int().check(z.minimum(1), z.maximum(4)),
    on: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  }),
]);
export type TemplateRef = z.infer<typeof TemplateSchema>;

export const RecipientSchema = z.union([
  /** An account holder: their address and discreet choice are looked up when the email is sent. */
  z.strictObject({ userId: z.string().check(z.minLength(1), z.maxLength(64)) }),
  /** A raw address (e.g. a line manager's team list): used for this send only, never stored. */
  z.strictObject({ address: z.email().check(z.maxLength(254)) }),
]);
export type Recipient = z.infer<typeof RecipientSchema>;

/** After this many throttled tries an email fails like any other (queue retries, then the DLQ and its alarm). */
export const MAX_DEFERRALS = 20;

export const OutboxMessageSchema = z
  .strictObject({
    to: RecipientSchema,
    kind: z.enum(EMAIL_KINDS),
    /** Unique per recipient and kind: the same key twice sends once (e.g. the slot, the week, a message id). */
    idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9:._#-]{1,120}$/, 'must be 1–120 letters, digits or :._#-')),
    /** Either a built-in template … */
    template: z.optional(TemplateSchema),
    /** … or ready-made content. For account holders in discreet mode, discreetContent is used when given. */
    content: z.optional(EmailContentSchema),
    discreetContent: z.optional(EmailContentSchema),
    /** Display name to send as (e.g. the coach's name). Discreet mode replaces it with the neutral sender name. */
    senderName: z.optional(z.singleLineText(60)),
    /** Non-transactional email gets RFC 8058 one-click unsubscribe headers and a link. */
    nonTransactional: z.boolean(),
    /** Set by the reconciler on a resend: the stale claim this message takes over (see reconcile.ts). */
    reclaim: z.optional(z.strictObject({ claimId: z.string().check(z.minLength(1), z.maxLength(64)) })),
    /** Set by the sender when SES throttled this email and it was put back on the queue with a delay: how often. */
    deferrals: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_DEFERRALS))),
  })
  .check(
    z.refine((m) => (m.template ? !m.content : !!m.content), {
      message: 'give exactly one of template or content',
      path: ['content'],
    }),
  );

export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

/** A coach's personalised check-in text (USER#<userId> / CHECKIN#<n>), read by the sender and the coach console. */
export const CheckinTextItem = z.object({
  number: z.int(),
  text: z.string(),
  coachName: z.optional(z.string()),
  /** The weekly check-in only: the week's date (YYYY-MM-DD, UTC) this text was written for; other weeks get the default. */
  forDate: z.optional(z.string()),
  version: z.int(),
  updatedAt: z.string(),
});
