// Reads of the coaching context. Keys from keys.ts only; every read is a GetItem or a Query.

import type { Db } from '../../shared/db.js';
import * as z from '../../shared/zod.js';
import { GSI1, GSI2, keys } from '../keys.js';
import { MessageItem, ShareItem, TemplateItem, ThreadItem } from './schema.js';

/** A thread has at most this many messages listed (years of weekly conversation). */
const MAX_MESSAGES = 2000;

const AnyItem = z.looseObject({ sk: z.string() });

/**
 * Everything of a person's coaching in one Query (thread, messages, shares all sort under "COACH#"), so a thread view
 * costs one request instead of three.
 */
export async function loadCoaching(
  db: Db,
  userId: string,
): Promise<{ thread: ThreadItem | undefined; messages: MessageItem[]; shares: ShareItem[] }> {
  const items = await db.query({ ...keys.coachingPrefix(userId), limit: MAX_MESSAGES + 200 }, AnyItem);
  const threadSk = keys.coachThread(userId).sk;
  const msgPrefix = keys.coachMessagePrefix(userId).skPrefix;
  const sharePrefix = keys.coachSharePrefix(userId).skPrefix;
  const thread = items.find((i) => i.sk === threadSk);
  return {
    thread: thread ? ThreadItem.parse(thread) : undefined,
    messages: items
      .filter((i) => i.sk.startsWith(msgPrefix))
      .map((i) => MessageItem.parse(i))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.messageId.localeCompare(b.messageId)),
    shares: items
      .filter((i) => i.sk.startsWith(sharePrefix))
      .map((i) => ShareItem.parse(i))
      .sort((a, b) => a.sharedAt.localeCompare(b.sharedAt)),
  };
}

export const getThread = (db: Db, userId: string, consistent = false) =>
  db.get(keys.coachThread(userId), ThreadItem, { consistent });

/** The coach's view: finds the thread (and so the owner) from the opaque thread id. */
export async function findThread(db: Db, threadId: string): Promise<ThreadItem | undefined> {
  const [thread] = await db.query({ pk: keys.coachThreadById(threadId).gsi2pk, index: GSI2, limit: 1 }, ThreadItem);
  return thread;
}

export const getMessage = (db: Db, userId: string, messageId: string) =>
  db.get(keys.coachMessage(userId, messageId), MessageItem, { consistent: true });

export async function listShares(db: Db, userId: string): Promise<ShareItem[]> {
  const p = keys.coachSharePrefix(userId);
  const shares = await db.query({ pk: p.pk, skPrefix: p.skPrefix }, ShareItem);
  return shares.sort((a, b) => a.sharedAt.localeCompare(b.sharedAt));
}

/** Inbox: threads waiting for a reply (longest wait first), then recently answered ones. */
export async function listInbox(
  db: Db,
  opts: { answeredLimit: number },
): Promise<{ waiting: ThreadItem[]; answered: ThreadItem[] }> {
  const w = keys.coachInboxPrefix('WAITING');
  const a = keys.coachInboxPrefix('ANSWERED');
  const [waiting, answered] = await Promise.all([
    db.query({ pk: w.pk, skPrefix: w.skPrefix, index: GSI1 }, ThreadItem),
    db.query({ pk: a.pk, skPrefix: a.skPrefix, index: GSI1, newestFirst: true, limit: opts.answeredLimit }, ThreadItem),
  ]);
  return { waiting, answered };
}

export async function listTemplates(db: Db): Promise<TemplateItem[]> {
  const p = keys.coachTemplatePrefix();
  const items = await db.query({ pk: p.pk, skPrefix: p.skPrefix }, TemplateItem);
  return items.sort((a, b) => a.title.localeCompare(b.title));
}
