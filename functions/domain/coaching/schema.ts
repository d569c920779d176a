// Items and inputs of the coaching context: one thread per person with their coach, its messages, the items the
// person chose to share, reply templates and aggregate reply-time (SLA) figures.
import { z } from 'zod';

/** Stated in the UI and enforced here. */
export const MAX_MESSAGE_CHARS = 4000;
/** A reply is due 24 hours after the person started waiting; "near due" in the last 6 of them. */
export const REPLY_DUE_MS = 24 * 3_600_000;
export const NEAR_DUE_MS = 18 * 3_600_000;

export const SENDERS = ['employee', 'coach'] as const;
export type Sender = (typeof SENDERS)[number];

export const ThreadItem = z.object({
  threadId: z.string(),
  userId: z.string(),
  startedAt: z.string(),
  lastMessageAt: z.string(),
  lastFrom: z.enum(SENDERS),
  /** Set while the person waits for a reply: the time of their first unanswered message. */
  waitingSince: z.string().optional(),
  /** True while a shared PHQ-9 with item 9 above 0 is in the thread. */
  safety: z.boolean().default(false),
  version: z.number().int(),
});
export type ThreadItem = z.infer<typeof ThreadItem>;

export const MessageItem = z.object({
  messageId: z.string(),
  from: z.enum(SENDERS),
  text: z.string(),
  createdAt: z.string(),
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
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _');

const MessageText = z
  .string()
  .trim()
  .min(1, 'write a message first')
  .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`);

export const SendMessageInput = z.strictObject({ id: ClientId, text: MessageText });
export type SendMessageInput = z.infer<typeof SendMessageInput>;

export const ShareInput = z.strictObject({
  itemType: z.enum(SHARE_TYPES),
  itemId: z.string().min(1).max(128),
});

export const TemplateInput = z.strictObject({
  id: ClientId,
  title: z.string().trim().min(1, 'give the template a short title').max(80, 'must be at most 80 characters'),
  text: MessageText,
});

export const ThreadIdParams = z.strictObject({ threadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a thread id') });
export const ShareIdParams = z.strictObject({ shareId: z.string().regex(/^[a-z]+~[A-Za-z0-9_.:-]{1,128}$/, 'is not a shared item') });
export const TemplateIdParams = z.strictObject({ templateId: ClientId });
export const SlaQuery = z.strictObject({
  period: z.string().regex(/^(\d{4}-(0[1-9]|1[0-2])|all)$/, 'must be a month (YYYY-MM) or "all"').default('all'),
});
