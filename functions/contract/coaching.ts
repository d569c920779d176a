// /api/coaching: the employee's thread with their coach, and the coach console (inbox, thread view, reply, notes,
// team and handover, templates, check-ins, reply-time figures).
import {
  AssignInput,
  AwayInput,
  CoachIdParams,
  EmployeeMessageInput,
  HoursInput,
  NOTE_KINDS,
  NoteInput,
  NoteParams,
  RosterInput,
  SENDERS,
  SendMessageInput,
  SHARE_TYPES,
  ShareIdParams,
  ShareInput,
  SlaQuery,
  TemplateIdParams,
  TemplateInput,
  ThreadIdParams,
} from '../domain/coaching/schema.js';
import { PersonaliseInput } from '../domain/reminders/checkins.js';
import { COACH_CONTACT } from '../domain/reminders/schema.js';
import * as z from '../shared/zod.js';
import { CrisisResource } from './common.js';
import { endpoint, Iso, NoBody } from './endpoint.js';

const o = z.strictObject;
const C = '/api/coaching';

export const ExpectedReply = z.nullable(o({ at: Iso, label: z.string() }));
export type ExpectedReply = z.infer<typeof ExpectedReply>;

export const ThreadMessage = o({
  id: z.string(),
  from: z.enum(SENDERS),
  text: z.string(),
  createdAt: Iso,
  urgent: z.boolean(),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const SharedItem = o({
  shareId: z.string(),
  itemType: z.enum(SHARE_TYPES),
  sharedAt: Iso,
  title: z.string(),
  itemDate: z.string(),
  lines: z.array(o({ label: z.string(), value: z.string() })),
  safety: z.boolean(),
});
export type SharedItem = z.infer<typeof SharedItem>;

export const ThreadSummary = o({
  started: z.boolean(),
  unread: z.boolean(),
  expectedReply: ExpectedReply,
  replyExpectation: z.string(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const EmployeeThread = z.extend(ThreadSummary, {
  maxLength: z.number(),
  checkinsOn: z.boolean(),
  /** How proactive the coach is: on_request, planned (the default) or weekly. */
  coachContact: z.enum(COACH_CONTACT),
  waitingSince: z.nullable(Iso),
  messages: z.array(ThreadMessage),
  shares: z.array(SharedItem),
});
export type EmployeeThread = z.infer<typeof EmployeeThread>;

export const Shareable = o({
  itemType: z.enum(SHARE_TYPES),
  itemId: z.string(),
  title: z.string(),
  date: z.string(),
});
export type Shareable = z.infer<typeof Shareable>;

const Due = {
  waitingMinutes: z.nullable(z.number()),
  overdue: z.boolean(),
  nearDue: z.boolean(),
  dueAt: z.nullable(Iso),
};

export const InboxRow = o({
  ...Due,
  threadId: z.string(),
  label: z.string(),
  lastMessageAt: Iso,
  lastFrom: z.enum(SENDERS),
  waitingSince: z.nullable(Iso),
  safety: z.boolean(),
  urgent: z.boolean(),
  mine: z.boolean(),
  unread: z.boolean(),
});
export type InboxRow = z.infer<typeof InboxRow>;

export const CoachNote = o({
  id: z.string(),
  kind: z.enum(NOTE_KINDS),
  text: z.string(),
  createdAt: Iso,
  updatedAt: Iso,
  version: z.number(),
  mine: z.boolean(),
});
export type CoachNote = z.infer<typeof CoachNote>;

export const CoachThread = o({
  ...Due,
  messages: z.array(ThreadMessage),
  shares: z.array(SharedItem),
  notes: z.array(CoachNote),
  safetyBanner: z.nullable(o({ protocol: z.array(z.string()), crisisResources: z.array(CrisisResource) })),
  threadId: z.string(),
  label: z.string(),
  coachId: z.nullable(z.string()),
  mine: z.boolean(),
  startedAt: Iso,
  lastMessageAt: Iso,
  waitingSince: z.nullable(Iso),
  urgent: z.boolean(),
});
export type CoachThread = z.infer<typeof CoachThread>;

export const Team = o({
  me: o({ coachId: z.string(), onTeam: z.boolean(), lead: z.boolean(), away: z.boolean() }),
  coaches: z.array(o({ coachId: z.string(), email: z.string(), lead: z.boolean(), away: z.boolean() })),
});
export type Team = z.infer<typeof Team>;

export const ReplyTimes = o({
  period: z.string(),
  replies: z.number(),
  within24h: z.number(),
  shareWithin24h: z.nullable(z.number()),
  medianMinutes: z.nullable(z.number()),
});
export type ReplyTimes = z.infer<typeof ReplyTimes>;

const Load = { waiting: z.number(), nearDue: z.number(), overdue: z.number(), safety: z.number() };
export const Board = o({
  totals: o({ ...Load, available: z.number(), coaches: z.number() }),
  coaches: z.array(o({ ...Load, coachId: z.string(), email: z.string(), lead: z.boolean(), away: z.boolean() })),
  unassigned: o(Load),
  threads: z.array(
    o({
      ...Due,
      threadId: z.string(),
      label: z.string(),
      coachId: z.nullable(z.string()),
      safety: z.boolean(),
      urgent: z.boolean(),
    }),
  ),
  replyTimes: ReplyTimes,
});
export type Board = z.infer<typeof Board>;

export const Template = o({ builtIn: z.boolean(), templateId: z.string(), title: z.string(), text: z.string() });
export type Template = z.infer<typeof Template>;

export const UpcomingCheckin = o({
  ref: z.string(),
  number: z.number(),
  dueAt: Iso,
  person: z.string(),
  threadId: z.nullable(z.string()),
});
export type UpcomingCheckin = z.infer<typeof UpcomingCheckin>;

export const Checkin = o({
  ref: z.string(),
  number: z.number(),
  dueAt: Iso,
  sent: z.boolean(),
  text: z.string(),
  coachName: z.nullable(z.string()),
  personalised: z.boolean(),
  version: z.number(),
});
export type Checkin = z.infer<typeof Checkin>;

const CheckinParams = o({ ref: z.string().check(z.minLength(10), z.maxLength(400)) });

/** What the operator reads and edits: the roster and the hours, with the version to send back. */
export const OperatorService = o({
  version: z.number(),
  /** True while the tenant config seed is in force (nobody has changed the service yet). */
  seed: z.boolean(),
  updatedAt: z.nullable(Iso),
  coaches: z.array(o({ email: z.string(), lead: z.boolean() })),
  hours: o({
    days: z.array(z.number()),
    start: z.string(),
    end: z.string(),
    timeZone: z.string(),
    closedDates: z.array(z.string()),
  }),
});
export type OperatorService = z.infer<typeof OperatorService>;

/** Service health for a month: a count under `suppressedBelow` is null ("fewer than 5"). */
const Shown = z.nullable(z.number());
export const ServiceHealth = o({
  period: z.string(),
  suppressedBelow: z.number(),
  openThreads: Shown,
  overdue: Shown,
  alertsSent: Shown,
  replies: Shown,
  percentWithinPromise: Shown,
  medianReplyMinutes: Shown,
  replyWithinWorkingHours: z.number(),
});
export type ServiceHealth = z.infer<typeof ServiceHealth>;

export const coaching = {
  thread: endpoint({ method: 'GET', path: `${C}/thread`, response: EmployeeThread }),
  threadSummary: endpoint({ method: 'GET', path: `${C}/thread/summary`, response: ThreadSummary }),
  markRead: endpoint({ method: 'POST', path: `${C}/thread/read`, response: NoBody }),
  sendMessage: endpoint({
    method: 'POST',
    path: `${C}/messages`,
    body: EmployeeMessageInput,
    response: z.extend(ThreadMessage, { expectedReply: ExpectedReply }),
  }),
  shareable: endpoint({ method: 'GET', path: `${C}/shareable`, response: o({ items: z.array(Shareable) }) }),
  share: endpoint({
    method: 'POST',
    path: `${C}/shares`,
    body: ShareInput,
    response: o({ shareId: z.string(), itemType: z.enum(SHARE_TYPES), sharedAt: Iso, title: z.string() }),
  }),
  revokeShare: endpoint({ method: 'DELETE', path: `${C}/shares/:shareId`, params: ShareIdParams, response: NoBody }),
  inbox: endpoint({
    method: 'GET',
    path: `${C}/inbox`,
    response: o({ waiting: z.array(InboxRow), answered: z.array(InboxRow) }),
  }),
  coachThread: endpoint({
    method: 'GET',
    path: `${C}/threads/:threadId`,
    params: ThreadIdParams,
    response: CoachThread,
  }),
  markSeen: endpoint({
    method: 'POST',
    path: `${C}/threads/:threadId/read`,
    params: ThreadIdParams,
    response: NoBody,
  }),
  saveNote: endpoint({
    method: 'PUT',
    path: `${C}/threads/:threadId/notes/:noteId`,
    params: NoteParams,
    body: NoteInput,
    response: CoachNote,
  }),
  deleteNote: endpoint({
    method: 'DELETE',
    path: `${C}/threads/:threadId/notes/:noteId`,
    params: NoteParams,
    response: NoBody,
  }),
  reply: endpoint({
    method: 'POST',
    path: `${C}/threads/:threadId/messages`,
    params: ThreadIdParams,
    body: SendMessageInput,
    response: o({ id: z.string(), from: z.enum(SENDERS), text: z.string(), createdAt: Iso, noticeSent: z.boolean() }),
  }),
  assign: endpoint({
    method: 'POST',
    path: `${C}/threads/:threadId/assign`,
    params: ThreadIdParams,
    body: AssignInput,
    response: o({ coachId: z.string(), moved: z.boolean() }),
  }),
  team: endpoint({ method: 'GET', path: `${C}/team`, response: Team }),
  setAway: endpoint({ method: 'PUT', path: `${C}/team/me`, body: AwayInput, response: o({ away: z.boolean() }) }),
  handOver: endpoint({
    method: 'POST',
    path: `${C}/team/:coachId/hand-over`,
    params: CoachIdParams,
    response: o({ moved: z.number(), left: z.number() }),
  }),
  board: endpoint({ method: 'GET', path: `${C}/board`, response: Board }),
  templates: endpoint({ method: 'GET', path: `${C}/templates`, response: o({ templates: z.array(Template) }) }),
  saveTemplate: endpoint({ method: 'POST', path: `${C}/templates`, body: TemplateInput, response: Template }),
  deleteTemplate: endpoint({
    method: 'DELETE',
    path: `${C}/templates/:templateId`,
    params: TemplateIdParams,
    response: NoBody,
  }),
  checkins: endpoint({ method: 'GET', path: `${C}/checkins`, response: o({ checkins: z.array(UpcomingCheckin) }) }),
  checkin: endpoint({ method: 'GET', path: `${C}/checkins/:ref`, params: CheckinParams, response: Checkin }),
  personaliseCheckin: endpoint({
    method: 'PUT',
    path: `${C}/checkins/:ref`,
    params: CheckinParams,
    body: PersonaliseInput,
    response: Checkin,
  }),
  sla: endpoint({ method: 'GET', path: `${C}/sla`, query: SlaQuery, response: ReplyTimes }),
  // ---- the platform operator (numbers only; never text, never who) ----
  operatorService: endpoint({ method: 'GET', path: `${C}/operator/service`, response: OperatorService }),
  saveRoster: endpoint({ method: 'PUT', path: `${C}/operator/roster`, body: RosterInput, response: OperatorService }),
  saveHours: endpoint({ method: 'PUT', path: `${C}/operator/hours`, body: HoursInput, response: OperatorService }),
  serviceHealth: endpoint({ method: 'GET', path: `${C}/operator/health`, response: ServiceHealth }),
};

// Answers whose schema is written inline above, named for the web app.
export type Inbox = z.infer<typeof coaching.inbox.response>;
export type Shareables = z.infer<typeof coaching.shareable.response>;
export type Templates = z.infer<typeof coaching.templates.response>;
export type UpcomingCheckins = z.infer<typeof coaching.checkins.response>;
