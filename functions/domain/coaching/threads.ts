// Coach messaging: one asynchronous thread per person. The person writes and shares items; the coach replies.
// Every write is one TransactWriteItems: the message (put only if its client id is new, so retries store it once),
// the thread (optimistic version check), the aggregate counters and, for a first reply, the SLA histogram.
import { keys } from '../keys.js';
import { getProfile } from '../enrolment/repository.js';
import { getPrefs } from '../reminders/repository.js';
import { countDistinct, counterUpdates } from '../stats/counters.js';
import { conflict, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/crypto.js';
import type { Db, TransactItem } from '../../shared/db.js';
import type { Runtime } from '../../shared/runtime.js';
import { getMessage, getThread, loadCoaching } from './repository.js';
import { NEAR_DUE_MS, REPLY_DUE_MS, type MessageItem, type Sender, type SendMessageInput, type ShareItem, type ThreadItem } from './schema.js';
import { slaUpdates } from './sla.js';

const MAX_ATTEMPTS = 4;

/** The stored thread item with its index keys: waiting threads sort by how long they have waited. */
function threadRecord(t: ThreadItem) {
  const inbox = t.waitingSince ? keys.coachInbox('WAITING', t.waitingSince, t.threadId) : keys.coachInbox('ANSWERED', t.lastMessageAt, t.threadId);
  return { ...keys.coachThread(t.userId), ...t, ...inbox, ...keys.coachThreadById(t.threadId) };
}

export function txThread(db: Db, next: ThreadItem, expectedVersion: number | null): TransactItem {
  const item = threadRecord(next);
  return {
    Put: {
      TableName: db.tableName,
      Item: item,
      ConditionExpression: expectedVersion === null ? 'attribute_not_exists(pk)' : '#v = :v',
      ...(expectedVersion === null ? {} : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': expectedVersion } }),
    },
  };
}

/** A short, stable label for the coach ("Conversation K7QX"), so they never need the person's id or email. */
export const threadLabel = (threadId: string) => `Conversation ${threadId.replace(/[^A-Za-z0-9]/g, '').slice(0, 4).toUpperCase()}`;

export interface SendResult {
  message: MessageItem;
  /** False when this exact message had already been stored (a retry or double click). */
  created: boolean;
  thread: ThreadItem;
  /** For a coach reply to someone who was waiting: how long they waited. */
  firstReply: boolean;
}

/**
 * Stores one message. `plan` computes the next thread state (and extra transaction items) from the current one.
 * Retries on a concurrent thread change; a message id that already exists is a duplicate (same sender and text →
 * returned as is) or a clash (409).
 */
async function storeMessage(
  db: Db,
  userId: string,
  from: Sender,
  input: SendMessageInput,
  now: Date,
  plan: (current: ThreadItem | undefined) => { next: ThreadItem; extra: TransactItem[]; firstReply: boolean },
): Promise<SendResult> {
  const message: MessageItem = { messageId: input.id, from, text: input.text, createdAt: now.toISOString() };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getThread(db, userId, true);
    const { next, extra, firstReply } = plan(current);
    const written = await db.transact([
      db.txPut({ ...keys.coachMessage(userId, message.messageId), ...message }, { ifAbsent: true }),
      txThread(db, next, current ? current.version : null),
      ...extra,
    ]);
    if (written) return { message, created: true, thread: next, firstReply };
    const existing = await getMessage(db, userId, message.messageId);
    if (existing) {
      if (existing.from !== from || existing.text !== message.text)
        throw conflict('A different message was already sent with this id. Reload the conversation and try again.', 'message_id_in_use');
      return { message: existing, created: false, thread: (await getThread(db, userId, true)) ?? next, firstReply: false };
    }
    // Otherwise the thread changed under us (the coach replied at the same moment): read it again.
  }
  throw conflict('The conversation changed while sending. Please try again.', 'thread_busy');
}

async function departmentOf(db: Db, userId: string) {
  return (await getProfile(db, userId))?.departmentId;
}

/** The person writes to their coach. Starts the thread on first use and sets the waiting clock if it is not running. */
export async function sendEmployeeMessage(db: Db, userId: string, input: SendMessageInput, now: Date): Promise<SendResult> {
  const department = await departmentOf(db, userId);
  const at = now.toISOString();
  const result = await storeMessage(db, userId, 'employee', input, now, (current) => ({
    next: current
      ? { ...current, lastMessageAt: at, lastFrom: 'employee', waitingSince: current.waitingSince ?? at, version: current.version + 1 }
      : { threadId: newId(), userId, startedAt: at, lastMessageAt: at, lastFrom: 'employee', waitingSince: at, safety: false, version: 1 },
    extra: counterUpdates(db, 'coach_messages', department, now),
    firstReply: false,
  }));
  // Distinct people who wrote to a coach in the period, counted once each (idempotent, so safe on retries too).
  await countDistinct(db, userId, 'coach_conversations', department, now);
  await countDistinct(db, userId, 'active', department, now);
  return result;
}

/** The coach replies in a thread. A reply to someone waiting stops the clock and records the reply time. */
export async function sendCoachMessage(db: Db, thread: ThreadItem, input: SendMessageInput, now: Date): Promise<SendResult> {
  const department = await departmentOf(db, thread.userId);
  const at = now.toISOString();
  return storeMessage(db, thread.userId, 'coach', input, now, (current) => {
    if (!current) throw notFound('This conversation no longer exists.');
    const { waitingSince, ...rest } = current;
    return {
      next: { ...rest, lastMessageAt: at, lastFrom: 'coach', version: current.version + 1 },
      extra: [
        ...counterUpdates(db, 'coach_messages', department, now),
        ...(waitingSince ? slaUpdates(db, new Date(waitingSince), now) : []),
      ],
      firstReply: waitingSince !== undefined,
    };
  });
}

export interface WaitState {
  waitingMinutes: number | null;
  overdue: boolean;
  nearDue: boolean;
  /** When a reply is due (24 h after the person started waiting). */
  dueAt: string | null;
}

export function waitState(thread: Pick<ThreadItem, 'waitingSince'>, now: Date): WaitState {
  if (!thread.waitingSince) return { waitingMinutes: null, overdue: false, nearDue: false, dueAt: null };
  const since = new Date(thread.waitingSince).getTime();
  const waited = now.getTime() - since;
  return {
    waitingMinutes: Math.max(0, Math.floor(waited / 60_000)),
    overdue: waited > REPLY_DUE_MS,
    nearDue: waited >= NEAR_DUE_MS && waited <= REPLY_DUE_MS,
    dueAt: new Date(since + REPLY_DUE_MS).toISOString(),
  };
}

const publicMessage = (m: MessageItem) => ({ id: m.messageId, from: m.from, text: m.text, createdAt: m.createdAt });
const publicShare = (s: ShareItem) => ({
  shareId: s.shareId,
  itemType: s.itemType,
  sharedAt: s.sharedAt,
  title: s.snapshot.title,
  itemDate: s.snapshot.itemDate,
  lines: s.snapshot.lines,
  safety: s.snapshot.safety,
});

/** Everything the person sees of their own thread. */
export async function employeeThreadView(rt: Runtime, userId: string) {
  const [{ thread, messages, shares }, prefs] = await Promise.all([loadCoaching(rt.db, userId), getPrefs(rt.db, userId)]);
  return {
    started: thread !== undefined,
    /** The person's choice of coach check-ins (stored with their reminder preferences; on unless they turned it off). */
    checkinsOn: prefs?.checkinsOn ?? true,
    waitingSince: thread?.waitingSince ?? null,
    replyExpectation: rt.config.tenant.coachReplyExpectation,
    messages: messages.map(publicMessage),
    shares: shares.map(publicShare),
  };
}

/** The coach's view of one thread: messages, shared snapshots and, when needed, the safety banner. */
export async function coachThreadView(rt: Runtime, thread: ThreadItem, now: Date) {
  const { messages, shares } = await loadCoaching(rt.db, thread.userId);
  const safety = shares.some((s) => s.snapshot.safety);
  return {
    threadId: thread.threadId,
    label: threadLabel(thread.threadId),
    startedAt: thread.startedAt,
    lastMessageAt: thread.lastMessageAt,
    waitingSince: thread.waitingSince ?? null,
    ...waitState(thread, now),
    messages: messages.map(publicMessage),
    shares: shares.map(publicShare),
    safetyBanner: safety ? { protocol: CRISIS_PROTOCOL, crisisResources: rt.config.tenant.crisisResources } : null,
  };
}

/** One row of the coach inbox. */
export const inboxRow = (t: ThreadItem, now: Date) => ({
  threadId: t.threadId,
  label: threadLabel(t.threadId),
  lastMessageAt: t.lastMessageAt,
  lastFrom: t.lastFrom,
  waitingSince: t.waitingSince ?? null,
  safety: t.safety,
  ...waitState(t, now),
});

/** What the coach does when someone shares a PHQ-9 with thoughts of self-harm (item 9 above 0). Written for Respite. */
export const CRISIS_PROTOCOL = [
  'This person answered that they have had thoughts that they would be better off dead, or of hurting themselves. Reply to them today, before other messages.',
  'In your reply: thank them for telling you, say clearly that you are glad they did, and ask directly whether they are safe right now.',
  'Give them the crisis contacts below. Say that if they are in danger now they should call 999 or go to A&E.',
  'Respite is not an emergency service. Do not promise to check back at a set time you cannot keep.',
  'Record that you followed this protocol in your coaching notes, and talk to your clinical supervisor the same day.',
];
