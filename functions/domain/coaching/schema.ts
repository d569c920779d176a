// Items and inputs of the coaching context: one thread per person with their coach, its messages, the items the
// person chose to share, reply templates and aggregate reply-time (SLA) figures.
import { CoachingHoursSchema } from '../../shared/tenant-config.js';
import * as z from '../../shared/zod.js';
import { MAX_COACHES } from '../org/coaching-service.js';

/** Stated in the UI and enforced here. */
export const MAX_MESSAGE_CHARS = 4000;
/** A thread is "near due" once this share of the reply allowance (working time, working-hours.ts) has passed. */
export const NEAR_DUE_SHARE = 0.75;

export const SENDERS = ['employee', 'coach'] as const;
export type Sender = (typeof SENDERS)[number];

export const ThreadItem = z.object({
  threadId: z.string(),
  userId: z.string(),
  startedAt: z.string(),
  lastMessageAt: z.string(),
  lastFrom: z.enum(SENDERS),
  /** Set while the person waits for a reply: the time of their first unanswered message. */
  waitingSince: z.optional(z.string()),
  /** True while a shared PHQ-9 with item 9 above 0 is in the thread. */
  safety: z._default(z.boolean(), false),
  /** Set while an unanswered message is marked urgent by the person; cleared by the coach's reply. */
  urgentSince: z.optional(z.string()),
  /** The coach's account the thread is assigned to (by load when it starts); absent when no coach had signed in yet. */
  coachId: z.optional(z.string()),
  /** True from a coach reply until the person opens the thread (the unread marker). */
  unread: z._default(z.boolean(), false),
  /** When a coach last opened the thread: what the person wrote after it is "new" in the coach inbox. */
  coachSeenAt: z.optional(z.string()),
  version: z.int(),
});
export type ThreadItem = z.infer<typeof ThreadItem>;

export const MessageItem = z.object({
  messageId: z.string(),
  from: z.enum(SENDERS),
  text: z.string(),
  createdAt: z.string(),
  /** The person marked it urgent (a safety alert went to the coaches). */
  urgent: z.optional(z.boolean()),
});
export type MessageItem = z.infer<typeof MessageItem>;

export const SHARE_TYPES = ['diary', 'exercise', 'questionnaire'] as const;
export type ShareType = (typeof SHARE_TYPES)[number];

/** What the coach sees of a shared item: a snapshot taken at share time, as labelled lines of plain text. */
export const ShareSnapshot = z.object({
  title: z.string(),
  /** When the original item was written or completed. */
  itemDate: z.string(),
  lines: z.array(z.object({ label: z.string(), value: z.string() })),
  /** PHQ-9 with item 9 above 0: the coach sees the crisis protocol banner. */
  safety: z.boolean(),
});
export type ShareSnapshot = z.infer<typeof ShareSnapshot>;

export const ShareItem = z.object({
  shareId: z.string(),
  itemType: z.enum(SHARE_TYPES),
  itemId: z.string(),
  sharedAt: z.string(),
  snapshot: ShareSnapshot,
});
export type ShareItem = z.infer<typeof ShareItem>;

export const TemplateItem = z.object({
  templateId: z.string(),
  title: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type TemplateItem = z.infer<typeof TemplateItem>;

// ---- inputs ----------------------------------------------------------------------------------------------------

/** Client-made id (e.g. crypto.randomUUID()): sending the same message twice stores it once. */
export const ClientId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _'));

const MessageText = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'write a message first'),
    z.maxLength(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`),
  );

/** A coach's reply. */
export const SendMessageInput = z.strictObject({ id: ClientId, text: MessageText });
/** The person's message may be marked urgent (the coaches are alerted at once); a coach's may not. */
export const EmployeeMessageInput = z.strictObject({
  id: ClientId,
  text: MessageText,
  urgent: z.optional(z.boolean()),
});
export type SendMessageInput = z.infer<typeof EmployeeMessageInput>;

/** A content-free alert waiting to be emailed to the coaches (COACH_ALERTS partition; alerts.ts). */
export const AlertEventItem = z.object({
  eventId: z.string(),
  threadId: z.string(),
  at: z.string(),
  safety: z.boolean(),
  /** The digest (tick slot) this routine alert was claimed by, so a re-run of that tick sends the same email. */
  digest: z.optional(z.string()),
});
export type AlertEventItem = z.infer<typeof AlertEventItem>;

export const ShareInput = z.strictObject({
  itemType: z.enum(SHARE_TYPES),
  itemId: z.string().check(z.minLength(1), z.maxLength(128)),
});

export const TemplateInput = z.strictObject({
  id: ClientId,
  title: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'give the template a short title'),
      z.maxLength(80, 'must be at most 80 characters'),
    ),
  text: MessageText,
});

export const ThreadIdParams = z.strictObject({
  threadId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a thread id')),
});
export const ShareIdParams = z.strictObject({
  shareId: z.string().check(z.regex(/^[a-z]+~[A-Za-z0-9_.:-]{1,128}$/, 'is not a shared item')),
});
export const TemplateIdParams = z.strictObject({ templateId: ClientId });
export const SlaQuery = z.strictObject({
  period: z._default(
    z.string().check(z.regex(/^(\d{4}-(0[1-9]|1[0-2])|all)$/, 'must be a month (YYYY-MM) or "all"')),
    'all',
  ),
});

// ---- coach notes -----------------------------------------------------------------------------------------------

/** A conversation keeps at most this many notes (a conditional write on the note count). */
export const MAX_NOTES = 200;
export const MAX_NOTE_CHARS = 4000;
export const NOTE_KINDS = ['note', 'safety_action', 'follow_up'] as const;

/** A coach's private note about one conversation, in the person's partition (keys.coachNote). */
export const NoteItem = z.object({
  noteId: z.string(),
  threadId: z.string(),
  /** The coach account that wrote it: only they may change or delete it; every coach of the team may read it. */
  authorId: z.string(),
  kind: z.enum(NOTE_KINDS),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type NoteItem = z.infer<typeof NoteItem>;

export const NoteParams = z.strictObject({ threadId: ThreadIdParams.shape.threadId, noteId: ClientId });
/**
 * Create (expectedVersion 0) or change a note. Sending what is already stored is a no-op, so a retry is harmless;
 * a change made from a stale copy (another tab) is refused.
 */
export const NoteInput = z.strictObject({
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'write the note first'),
      z.maxLength(MAX_NOTE_CHARS, `must be at most ${MAX_NOTE_CHARS} characters`),
    ),
  kind: z._default(z.enum(NOTE_KINDS), 'note'),
  expectedVersion: z.int().check(z.minimum(0)),
});
export type NoteInput = z.infer<typeof NoteInput>;

// ---- team: away, handover ----------------------------------------------------------------------------------------

const CoachId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a coach id'));
export const CoachIdParams = z.strictObject({ coachId: CoachId });
export const AwayInput = z.strictObject({ away: z.boolean() });
export const AssignInput = z.strictObject({ coachId: CoachId });

// ---- the platform operator (operator.ts, domain/org/coaching-service.ts) ------------------------------------------
const Version = z.int().check(z.minimum(0), z.maximum(1_000_000));
const RosterEmail = z.pipe(
  z.string().check(z.trim(), z.maxLength(254, 'must be at most 254 characters')),
  z.email('must be a valid email address'),
);
export const RosterInput = z.strictObject({
  /** The version read (0 while the tenant config seed is in force): a change needs the current one. */
  expectedVersion: Version,
  coaches: z.array(z.strictObject({ email: RosterEmail, lead: z._default(z.boolean(), false) })).check(
    z.minLength(1, 'must name at least one coach'),
    z.maxLength(MAX_COACHES, `must name at most ${MAX_COACHES} coaches`),
    z.refine(
      (cs) => new Set(cs.map((c) => c.email.toLowerCase())).size === cs.length,
      'must not name the same address twice',
    ),
  ),
});
export const HoursInput = z.strictObject({
  expectedVersion: Version,
  hours: CoachingHoursSchema.check(
    z.refine((h) => new Set(h.days).size === h.days.length, { message: 'must not name a day twice', path: ['days'] }),
  ),
});
