// Coaching context router (prefix /api/coaching): the employee's thread with their coach, and the coach console
// (inbox, thread view, reply, templates, reply-time figures). Employees reach only their own thread; coaches reach
// threads by opaque id and see only what was written to them or shared; HR admins and managers reach nothing here.
// The platform operator reaches only the operator routes: roster, hours and service health as numbers.

import { coaching } from '../contract/coaching.js';
import { sendSafetyAlert } from '../domain/coaching/alerts.js';
import { checkinForCoach, personaliseForCoach, upcomingForCoach } from '../domain/coaching/checkins.js';
import { assignThread, handOver, leadBoard, teamView } from '../domain/coaching/handover.js';
import { deleteNote, publicNote, saveNote } from '../domain/coaching/notes.js';
import { deliverNotice } from '../domain/coaching/notice.js';
import {
  operatorService,
  operatorServiceView,
  requireOperator,
  saveRosterAndSignOutRemoved,
  serviceHealth,
} from '../domain/coaching/operator.js';
import { findThread, listInbox } from '../domain/coaching/repository.js';
import { MAX_MESSAGE_CHARS } from '../domain/coaching/schema.js';
import { loadProgrammeSnapshot, shareableItems } from '../domain/coaching/share-sources.js';
import { revokeShare, shareItem } from '../domain/coaching/shares.js';
import { slaSummary } from '../domain/coaching/sla.js';
import { setAway } from '../domain/coaching/team.js';
import { allTemplates, deleteTemplate, saveTemplate } from '../domain/coaching/templates.js';
import {
  coachThreadView,
  employeeThreadSummary,
  employeeThreadView,
  expectedReply,
  inboxRow,
  markRead,
  markSeenByCoach,
  needsAttentionFirst,
  sendCoachMessage,
  sendEmployeeMessage,
} from '../domain/coaching/threads.js';
import { currentReplyPolicy } from '../domain/coaching/working-hours.js';
import { saveHours } from '../domain/org/coaching-service.js';
import { notFound } from '../shared/errors.js';
import { created, httpHandler, type JsonReply, noContent, ok, route } from '../shared/http.js';
import { enforceRateLimit } from '../shared/rate-limit.js';
import type { Runtime } from '../shared/runtime.js';

const EMPLOYEE = ['employee'] as const;
const COACH = ['coach'] as const;
/** The platform operator (tenant config operatorEmails): never an organisation role. */
const OPERATOR = ['operator'] as const;
/** 4,000 characters of text can take up to 6 bytes each once JSON-escaped. */
const MESSAGE_BODY_BYTES = MAX_MESSAGE_CHARS * 6 + 1024;

async function limitSends(rt: Runtime, userId: string, nowMs: number, limit: number) {
  await enforceRateLimit(rt.db, {
    bucket: 'coach-msg',
    subject: rt.config.keys.pseudonym('rate-limit', `user:${userId}`),
    limit,
    windowSeconds: 3600,
    nowMs,
  });
}

const sent = <T>(r: { created: boolean }, body: T): JsonReply<T> => (r.created ? created(body) : ok(body));

async function threadForCoach(rt: Runtime, threadId: string) {
  const thread = await findThread(rt.db, threadId);
  if (!thread) throw notFound('There is no such conversation.');
  return thread;
}

export const routes = [
  // ---- employee -------------------------------------------------------------------------------------------------
  route({
    ...coaching.thread,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, now }) =>
      ok({ ...(await employeeThreadView(rt, principal.userId, now)), maxLength: MAX_MESSAGE_CHARS }),
  }),
  route({
    ...coaching.threadSummary,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, now }) => ok(await employeeThreadSummary(rt, principal.userId, now)),
  }),
  route({
    ...coaching.markRead,
    auth: EMPLOYEE,
    handle: async ({ rt, principal }) => {
      await markRead(rt.db, principal.userId);
      return noContent();
    },
  }),
  route({
    ...coaching.sendMessage,
    auth: EMPLOYEE,
    maxBodyBytes: MESSAGE_BODY_BYTES,
    handle: async ({ rt, principal, body, now }) => {
      await limitSends(rt, principal.userId, now.getTime(), 30);
      const result = await sendEmployeeMessage(rt, principal.userId, body, now);
      // An urgent message alerts the coaches now; the alert was stored with the message, so the tick covers a failure.
      if (result.alert?.safety) await sendSafetyAlert(rt, result.alert);
      return sent(result, {
        id: result.message.messageId,
        from: result.message.from,
        text: result.message.text,
        createdAt: result.message.createdAt,
        urgent: result.message.urgent ?? false,
        expectedReply: expectedReply(result.thread, now, await currentReplyPolicy(rt)),
      });
    },
  }),
  route({
    ...coaching.shareable,
    auth: EMPLOYEE,
    handle: async ({ rt, principal }) => ok({ items: await shareableItems(rt.db, principal.userId) }),
  }),
  route({
    ...coaching.share,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, body, now }) => {
      const result = await shareItem(rt, principal.userId, body, now, loadProgrammeSnapshot);
      if (result.alert?.safety) await sendSafetyAlert(rt, result.alert);
      return sent(result, {
        shareId: result.share.shareId,
        itemType: result.share.itemType,
        sharedAt: result.share.sharedAt,
        title: result.share.snapshot.title,
      });
    },
  }),
  route({
    ...coaching.revokeShare,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params }) => {
      await revokeShare(rt.db, principal.userId, params.shareId);
      return noContent();
    },
  }),

  // ---- coach console ----------------------------------------------------------------------------------------------
  route({
    ...coaching.inbox,
    auth: COACH,
    handle: async ({ rt, principal, now }) => {
      const [{ waiting, answered }, policy] = await Promise.all([
        listInbox(rt.db, { answeredLimit: 50 }),
        currentReplyPolicy(rt),
      ]);
      const row = (t: (typeof waiting)[number]) => inboxRow(t, now, policy, principal.userId);
      // Stable sort: safety and urgent threads first, then the longest wait (the index order).
      return ok({ waiting: [...waiting].sort(needsAttentionFirst).map(row), answered: answered.map(row) });
    },
  }),
  route({
    ...coaching.coachThread,
    auth: COACH,
    handle: async ({ rt, principal, params, now }) =>
      ok(await coachThreadView(rt, await threadForCoach(rt, params.threadId), now, principal.userId)),
  }),
  route({
    ...coaching.markSeen,
    auth: COACH,
    handle: async ({ rt, params, now }) => {
      await markSeenByCoach(rt.db, (await threadForCoach(rt, params.threadId)).userId, now);
      return noContent();
    },
  }),
  route({
    ...coaching.saveNote,
    auth: COACH,
    maxBodyBytes: MESSAGE_BODY_BYTES,
    handle: async ({ rt, principal, params, body, now }) => {
      const thread = await threadForCoach(rt, params.threadId);
      const result = await saveNote(rt.db, thread, principal.userId, params.noteId, body, now);
      return sent(result, publicNote(result.note, principal.userId));
    },
  }),
  route({
    ...coaching.deleteNote,
    auth: COACH,
    handle: async ({ rt, principal, params }) => {
      await deleteNote(rt.db, await threadForCoach(rt, params.threadId), principal.userId, params.noteId);
      return noContent();
    },
  }),
  route({
    ...coaching.reply,
    auth: COACH,
    maxBodyBytes: MESSAGE_BODY_BYTES,
    handle: async ({ rt, principal, params, body, now }) => {
      await limitSends(rt, principal.userId, now.getTime(), 300);
      const thread = await threadForCoach(rt, params.threadId);
      const result = await sendCoachMessage(rt, thread, body, now);
      // Queued after the reply is stored, on retries too: the engine sends it once per message id.
      const noticeSent = await deliverNotice(rt, thread.userId, result.message.messageId);
      return sent(result, {
        id: result.message.messageId,
        from: result.message.from,
        text: result.message.text,
        createdAt: result.message.createdAt,
        noticeSent,
      });
    },
  }),
  route({
    ...coaching.assign,
    auth: COACH,
    handle: async ({ rt, principal, params, body }) =>
      ok(await assignThread(rt, await threadForCoach(rt, params.threadId), body.coachId, principal.userId)),
  }),

  // ---- the team: away, handover, the lead coach's board -----------------------------------------------------------
  route({
    ...coaching.team,
    auth: COACH,
    handle: async ({ rt, principal }) => ok(await teamView(rt, principal.userId)),
  }),
  route({
    ...coaching.setAway,
    auth: COACH,
    handle: async ({ rt, principal, body, now }) => {
      const { away } = await setAway(rt.db, principal.userId, body.away, now);
      return ok({ away });
    },
  }),
  route({
    ...coaching.handOver,
    auth: COACH,
    handle: async ({ rt, principal, params }) => ok(await handOver(rt, params.coachId, principal.userId)),
  }),
  route({
    ...coaching.board,
    auth: COACH,
    handle: async ({ rt, principal, now }) => ok(await leadBoard(rt, principal.userId, now)),
  }),
  route({
    ...coaching.templates,
    auth: COACH,
    handle: async ({ rt }) => ok({ templates: await allTemplates(rt.db) }),
  }),
  route({
    ...coaching.saveTemplate,
    auth: COACH,
    maxBodyBytes: MESSAGE_BODY_BYTES,
    handle: async ({ rt, body, now }) =>
      sent(await saveTemplate(rt.db, body, now), {
        templateId: body.id,
        title: body.title,
        text: body.text,
        builtIn: false,
      }),
  }),
  route({
    ...coaching.deleteTemplate,
    auth: COACH,
    handle: async ({ rt, params }) => {
      await deleteTemplate(rt.db, params.templateId);
      return noContent();
    },
  }),
  route({
    ...coaching.checkins,
    auth: COACH,
    handle: async ({ rt, now }) => ok({ checkins: await upcomingForCoach(rt, now) }),
  }),
  route({
    ...coaching.checkin,
    auth: COACH,
    handle: async ({ rt, params }) => ok(await checkinForCoach(rt, params.ref)),
  }),
  route({
    ...coaching.personaliseCheckin,
    auth: COACH,
    handle: async ({ rt, params, body, now }) => ok(await personaliseForCoach(rt, params.ref, body, now)),
  }),
  route({
    ...coaching.sla,
    auth: COACH,
    handle: async ({ rt, query }) => ok(await slaSummary(rt.db, query.period)),
  }),

  // ---- the platform operator: roster, hours, service health (numbers only) ---------------------------------------
  route({
    ...coaching.operatorService,
    auth: OPERATOR,
    handle: async ({ rt, principal }) => {
      await requireOperator(rt, principal.userId);
      return ok(await operatorService(rt));
    },
  }),
  route({
    ...coaching.saveRoster,
    auth: OPERATOR,
    handle: async ({ rt, principal, body, now }) => {
      await requireOperator(rt, principal.userId);
      const { service } = await saveRosterAndSignOutRemoved(rt, body, now);
      return ok(operatorServiceView(service, rt.config.tenant.timeZone));
    },
  }),
  route({
    ...coaching.saveHours,
    auth: OPERATOR,
    handle: async ({ rt, principal, body, now }) => {
      await requireOperator(rt, principal.userId);
      const { service } = await saveHours(rt, body, now);
      return ok(operatorServiceView(service, rt.config.tenant.timeZone));
    },
  }),
  route({
    ...coaching.serviceHealth,
    auth: OPERATOR,
    handle: async ({ rt, principal, now }) => {
      await requireOperator(rt, principal.userId);
      return ok(await serviceHealth(rt, now));
    },
  }),
];

export const handler = httpHandler(routes);
