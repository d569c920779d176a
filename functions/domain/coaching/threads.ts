// Coach messaging: one asynchronous thread per person. The person writes and shares items; the coach replies.
// Every write is one TransactWriteItems: the message (put only if its client id is new, so retries store it once),
// the thread (optimistic version check), the aggregate counters and, for a first reply, the SLA histogram.

import { newId } from '../../shared/crypto.js';
import type { Db, TransactItem } from '../../shared/db.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import { getProfile } from '../enrolment/repository.js';
import { keys } from '../keys.js';
import { crisisResourcesFor } from '../org/crisis-resources.js';
import { getPrefs } from '../reminders/repository.js';
import { coachContactOf } from '../reminders/schema.js';
import { countDistinct, counterUpdates } from '../stats/counters.js';
import { alertEventPut, type NewAlert } from './alerts.js';
import { listNotes, publicNote } from './notes.js';
import { getMessage, getThread, listInbox, loadCoaching } from './repository.js';
import {
  type MessageItem,
  NEAR_DUE_SHARE,
  type Sender,
  type SendMessageInput,
  type ShareItem,
  type ThreadItem,
} from './schema.js';
import { slaUpdates } from './sla.js';
import { available, coachRoster, leastLoaded } from './team.js';
import {
  addWorkingTime,
  currentReplyPolicy,
  type ReplyPolicy,
  replyByLabel,
  replyDueAt,
  workingMsBetween,
} from './working-hours.js';

const MAX_ATTEMPTS = 4;

/** The stored thread item with its index keys: waiting threads sort by how long they have waited. */
function threadRecord(t: ThreadItem) {
  const inbox = t.waitingSince
    ? keys.coachInbox('WAITING', t.waitingSince, t.threadId)
    : keys.coachInbox('ANSWERED', t.lastMessageAt, t.threadId);
  return { ...keys.coachThread(t.userId), ...t, ...inbox, ...keys.coachThreadById(t.threadId) };
}

export function txThread(db: Db, next: ThreadItem, expectedVersion: number | null): TransactItem {
  const item = threadRecord(next);
  return {
    Put: {
      TableName: db.tableName,
      Item: item,
      ConditionExpression: expectedVersion === null ? 'attribute_not_exists(pk)' : '#v = :v',
      ...(expectedVersion === null
        ? {}
        : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': expectedVersion } }),
    },
  };
}

/** A short, stable label for the coach ("Conversation K7QX"), so they never need the person's id or email. */
export const threadLabel = (threadId: string) =>
  `Conversation ${threadId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .toUpperCase()}`;

export interface SendResult {
  message: MessageItem;
  /** False when this exact message had already been stored (a retry or double click). */
  created: boolean;
  thread: ThreadItem;
  /** For a coach reply to someone who was waiting: how long they waited. */
  firstReply: boolean;
  /** The coach alert this new message raised (none for a duplicate or a coach's message). */
  alert?: NewAlert;
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
  plan: (current: ThreadItem | undefined) => {
    next: ThreadItem;
    extra: TransactItem[];
    firstReply: boolean;
    alert?: NewAlert;
  },
): Promise<SendResult> {
  const message: MessageItem = {
    messageId: input.id,
    from,
    text: input.text,
    createdAt: now.toISOString(),
    ...(input.urgent ? { urgent: true } : {}),
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getThread(db, userId, true);
    const { next, extra, firstReply, alert } = plan(current);
    const written = await db.transact([
      db.txPut({ ...keys.coachMessage(userId, message.messageId), ...message }, { ifAbsent: true }),
      txThread(db, next, current ? current.version : null),
      ...extra,
      // The alert is written with the message, so a stored message always has its alert (none lost, none twice).
      ...(alert ? [alertEventPut(db, alert)] : []),
    ]);
    if (written) return { message, created: true, thread: next, firstReply, alert };
    const existing = await getMessage(db, userId, message.messageId);
    if (existing) {
      if (existing.from !== from || existing.text !== message.text || !!existing.urgent !== !!message.urgent)
        throw conflict(
          'A different message was already sent with this id. Reload the conversation and try again.',
          'message_id_in_use',
        );
      return {
        message: existing,
        created: false,
        thread: (await getThread(db, userId, true)) ?? next,
        firstReply: false,
      };
    }
    // Otherwise the thread changed under us (the coach replied at the same moment): read it again.
  }
  throw conflict('The conversation changed while sending. Please try again.', 'thread_busy');
}

async function departmentOf(db: Db, userId: string) {
  return (await getProfile(db, userId))?.departmentId;
}

/**
 * The coach the person's thread should have when they write: a new thread (or one whose coach is away or has left
 * the team) goes to the available coach with the fewest waiting threads; undefined keeps the thread's coach (or,
 * when nobody is available, leaves it unassigned so every coach is alerted until one replies).
 */
export async function assignCoach(rt: Runtime, userId: string): Promise<string | undefined> {
  const [thread, team] = await Promise.all([getThread(rt.db, userId, true), coachRoster(rt)]);
  if (thread?.coachId && available(team).some((c) => c.userId === thread.coachId)) return undefined;
  const { waiting } = await listInbox(rt.db, { answeredLimit: 1 });
  return leastLoaded(team, waiting);
}

/** A brand-new thread for the person (the caller puts it with a not-exists condition). */
export const newThread = (userId: string, at: string, coachId: string | undefined): ThreadItem => ({
  threadId: newId(),
  userId,
  startedAt: at,
  lastMessageAt: at,
  lastFrom: 'employee',
  waitingSince: at,
  safety: false,
  unread: false,
  ...(coachId ? { coachId } : {}),
  version: 1,
});

/**
 * The person writes to their coach. Starts the thread on first use (assigned by load) and sets the waiting clock if
 * it is not running. Every new message raises a content-free coach alert; one marked urgent raises a safety alert.
 */
export async function sendEmployeeMessage(
  rt: Runtime,
  userId: string,
  input: SendMessageInput,
  now: Date,
): Promise<SendResult> {
  const db = rt.db;
  const [department, coachId] = await Promise.all([departmentOf(db, userId), assignCoach(rt, userId)]);
  const at = now.toISOString();
  const urgent = input.urgent === true;
  const result = await storeMessage(db, userId, 'employee', input, now, (current) => {
    const base = current ?? newThread(userId, at, coachId);
    const next: ThreadItem = {
      ...base,
      ...(coachId ? { coachId } : {}),
      lastMessageAt: at,
      lastFrom: 'employee',
      waitingSince: current?.waitingSince ?? at,
      unread: false,
      ...(urgent ? { urgentSince: current?.urgentSince ?? at } : {}),
      version: current ? current.version + 1 : 1,
    };
    return {
      next,
      extra: counterUpdates(db, 'coach_messages', department, now),
      firstReply: false,
      alert: { eventId: newId(), threadId: next.threadId, at, safety: urgent },
    };
  });
  // Distinct people who wrote to a coach in the period, counted once each (idempotent, so safe on retries too).
  await countDistinct(db, userId, 'coach_conversations', department, now);
  await countDistinct(db, userId, 'active', department, now);
  return result;
}

/** The coach replies in a thread. A reply to someone waiting stops the clock and records the reply time. */
export async function sendCoachMessage(
  rt: Runtime,
  thread: ThreadItem,
  input: SendMessageInput,
  now: Date,
): Promise<SendResult> {
  const db = rt.db;
  const [policy, department] = await Promise.all([currentReplyPolicy(rt), departmentOf(db, thread.userId)]);
  const at = now.toISOString();
  return storeMessage(db, thread.userId, 'coach', input, now, (current) => {
    if (!current) throw notFound('This conversation no longer exists.');
    const { waitingSince, urgentSince: _answered, ...rest } = current;
    return {
      next: { ...rest, lastMessageAt: at, lastFrom: 'coach', unread: true, version: current.version + 1 },
      extra: [
        ...counterUpdates(db, 'coach_messages', department, now),
        ...(waitingSince ? slaUpdates(db, new Date(waitingSince), now, policy) : []),
      ],
      firstReply: waitingSince !== undefined,
    };
  });
}

export interface WaitState {
  /** Wall-clock minutes since the person started waiting. */
  waitingMinutes: number | null;
  overdue: boolean;
  nearDue: boolean;
  /** When a reply is due: the reply allowance counted in working time from when the person started waiting. */
  dueAt: string | null;
}

export function waitState(thread: Pick<ThreadItem, 'waitingSince'>, now: Date, policy: ReplyPolicy): WaitState {
  if (!thread.waitingSince) return { waitingMinutes: null, overdue: false, nearDue: false, dueAt: null };
  const since = new Date(thread.waitingSince);
  const due = replyDueAt(since, policy);
  const overdue = now.getTime() > due.getTime();
  return {
    waitingMinutes: Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000)),
    overdue,
    nearDue: !overdue && workingMsBetween(since, now, policy.hours) >= NEAR_DUE_SHARE * policy.allowanceMs,
    dueAt: due.toISOString(),
  };
}

/** What the person is told: the reply is expected by this time ("Tuesday 11:00"), or null when they are not waiting. */
export function expectedReply(thread: Pick<ThreadItem, 'waitingSince'> | undefined, now: Date, policy: ReplyPolicy) {
  if (!thread?.waitingSince) return null;
  const due = replyDueAt(new Date(thread.waitingSince), policy);
  // Once overdue the promise is stale: say the next working moment rather than a time in the past.
  const shown = due.getTime() > now.getTime() ? due : addWorkingTime(now, 0, policy.hours);
  return { at: shown.toISOString(), label: replyByLabel(shown, now, policy.hours) };
}

const publicMessage = (m: MessageItem) => ({
  id: m.messageId,
  from: m.from,
  text: m.text,
  createdAt: m.createdAt,
  urgent: m.urgent ?? false,
});
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
export async function employeeThreadView(rt: Runtime, userId: string, now: Date) {
  const [{ thread, messages, shares }, prefs, policy] = await Promise.all([
    loadCoaching(rt.db, userId),
    getPrefs(rt.db, userId),
    currentReplyPolicy(rt),
  ]);
  return {
    started: thread !== undefined,
    /** The coach has replied since the person last opened the thread. */
    unread: thread?.unread ?? false,
    expectedReply: expectedReply(thread, now, policy),
    /** The person's choice of coach check-ins (stored with their reminder preferences; on unless they turned it off). */
    checkinsOn: prefs?.checkinsOn ?? true,
    /** How proactive the coach is: on_request, planned (the default) or weekly. */
    coachContact: coachContactOf(prefs),
    waitingSince: thread?.waitingSince ?? null,
    replyExpectation: rt.config.tenant.coachReplyExpectation,
    messages: messages.map(publicMessage),
    shares: shares.map(publicShare),
  };
}

/** The coach's view of one thread: messages, shared snapshots, the team's notes and, when needed, the safety banner. */
export async function coachThreadView(rt: Runtime, thread: ThreadItem, now: Date, me: string) {
  const [{ messages, shares }, notes, policy] = await Promise.all([
    loadCoaching(rt.db, thread.userId),
    listNotes(rt.db, thread.userId),
    currentReplyPolicy(rt),
  ]);
  const safety = shares.some((s) => s.snapshot.safety);
  return {
    threadId: thread.threadId,
    label: threadLabel(thread.threadId),
    /** The coach it is assigned to (null while nobody is), and whether that is the viewer. */
    coachId: thread.coachId ?? null,
    mine: thread.coachId === me,
    startedAt: thread.startedAt,
    lastMessageAt: thread.lastMessageAt,
    waitingSince: thread.waitingSince ?? null,
    urgent: thread.urgentSince !== undefined,
    ...waitState(thread, now, policy),
    messages: messages.map(publicMessage),
    shares: shares.map(publicShare),
    notes: notes.map((n) => publicNote(n, me)),
    safetyBanner: safety ? { protocol: CRISIS_PROTOCOL, crisisResources: crisisResourcesFor(rt.config.tenant) } : null,
  };
}

/** The person wrote (or shared) something no coach has opened yet. */
export const newForCoach = (t: Pick<ThreadItem, 'lastFrom' | 'lastMessageAt' | 'coachSeenAt'>) =>
  t.lastFrom === 'employee' && (t.coachSeenAt === undefined || t.coachSeenAt < t.lastMessageAt);

/** One row of the coach inbox. */
export const inboxRow = (t: ThreadItem, now: Date, policy: ReplyPolicy, me?: string) => ({
  threadId: t.threadId,
  label: threadLabel(t.threadId),
  lastMessageAt: t.lastMessageAt,
  lastFrom: t.lastFrom,
  waitingSince: t.waitingSince ?? null,
  safety: t.safety,
  urgent: t.urgentSince !== undefined,
  mine: me !== undefined && t.coachId === me,
  /** Unread by the coaches: written after a coach last opened the thread. */
  unread: newForCoach(t),
  ...waitState(t, now, policy),
});

/** A safety share or an urgent message puts the thread at the top of every inbox; otherwise longest wait first. */
export const needsAttentionFirst = (a: ThreadItem, b: ThreadItem) =>
  Number(b.safety || b.urgentSince !== undefined) - Number(a.safety || a.urgentSince !== undefined);

/** A coach opened the thread: what the person wrote so far is no longer new. Nothing is written when nothing was new. */
export async function markSeenByCoach(db: Db, userId: string, now: Date): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getThread(db, userId, true);
    if (!current || !newForCoach(current)) return;
    const seen = new Date(Math.max(now.getTime(), Date.parse(current.lastMessageAt))).toISOString();
    if (
      await db.transact([
        txThread(db, { ...current, coachSeenAt: seen, version: current.version + 1 }, current.version),
      ])
    )
      return;
  }
}

/**
 * The person's home card: has the coach replied since they last looked, and when is a reply expected. One GetItem
 * (and the coaching service's, when its cache is cold).
 */
export async function employeeThreadSummary(rt: Runtime, userId: string, now: Date) {
  const [thread, policy] = await Promise.all([getThread(rt.db, userId), currentReplyPolicy(rt)]);
  return {
    started: thread !== undefined,
    unread: thread?.unread ?? false,
    expectedReply: expectedReply(thread, now, policy),
    replyExpectation: rt.config.tenant.coachReplyExpectation,
  };
}

/** The person opened their thread: the unread marker goes. Nothing is written when it was already read. */
export async function markRead(db: Db, userId: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getThread(db, userId, true);
    if (!current?.unread) return;
    if (await db.transact([txThread(db, { ...current, unread: false, version: current.version + 1 }, current.version)]))
      return;
  }
}

/** What the coach does when someone shares a PHQ-9 with thoughts of self-harm (item 9 above 0). Written for Respite. */
export const CRISIS_PROTOCOL = [
  'This person answered that they have had thoughts that they would be better off dead, or of hurting themselves. Reply to them today, before other messages.',
  'In your reply: thank them for telling you, say clearly that you are glad they did, and ask directly whether they are safe right now.',
  'Give them the crisis contacts below. Say that if they are in danger now they should call 999 or go to A&E.',
  'Respite is not an emergency service. Do not promise to check back at a set time you cannot keep.',
  'Record that you followed this protocol in your coaching notes, and talk to your clinical supervisor the same day.',
];
