// The only place key strings are built. One table per tenant (the tenant is the table, so keys carry no tenant).
// Everything a person owns lives in their own partition USER#<userId>, so "delete my account" is one Query
// plus the few lookup items listed in userLookupKeys(). See functions/domain/access-patterns.md.
//
// Attributes: pk, sk (table); gsi1pk, gsi1sk (GSI1); gsi2pk, gsi2sk (GSI2); expiresAt (TTL, epoch seconds).

export interface Key {
  pk: string;
  sk: string;
}

export const GSI1 = 'gsi1';
export const GSI2 = 'gsi2';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * What each kind of item in a person's partition (USER#<userId>) is, by its sort-key prefix: the one list that
 * reads a partition by kind (the data export). A prefix ending in "#" is followed by the item's own id.
 * tests/unit/mydata.test.ts checks every user-partition key below is listed here.
 */
export const USER_ITEM_KINDS = [
  { prefix: 'PROFILE', type: 'Account' },
  { prefix: 'REMINDERS#PREFS', type: 'Reminder settings' },
  { prefix: 'COUNTRY', type: 'Country for crisis resources' },
  { prefix: 'REMINDERS#SCHEDULE#', type: 'Scheduled reminder' },
  { prefix: 'REMINDERS#PRACTICES', type: 'How many practice reminders you have' },
  { prefix: 'REMINDERS#CHECKIN#', type: 'Coach check-in' },
  { prefix: 'REMINDERS#PUSH#', type: 'Device that gets reminder notifications' },
  { prefix: 'REMINDERS#PUSHCOUNT', type: 'How many devices get reminder notifications' },
  { prefix: 'MODULEDONE#', type: 'Finished module' },
  { prefix: 'MODULE#', type: 'Module progress' },
  { prefix: 'ANSWERS#', type: 'Exercise answers' },
  { prefix: 'PARKED#', type: 'Parked thought' },
  { prefix: 'WELCOME', type: 'First-run choices and goals' },
  { prefix: 'DIARY#', type: 'Diary entry' },
  { prefix: 'QRESP#', type: 'Questionnaire response' },
  { prefix: 'QFIRST#', type: 'First score of a period' },
  { prefix: 'COACH#THREAD', type: 'Conversation with your coach' },
  { prefix: 'COACH#MSG#', type: 'Message' },
  { prefix: 'COACH#SHARE#', type: 'Something you shared with your coach' },
  { prefix: 'COACH#', type: 'Coaching record' },
  { prefix: 'COACHNOTE#', type: 'A note your coach keeps about your conversation' },
  { prefix: 'COACHNOTES', type: 'How many notes your coach keeps' },
  { prefix: 'RTW#PLAN', type: 'Return-to-work plan' },
  { prefix: 'RTW#', type: 'Return-to-work record' },
  { prefix: 'ENDORSEMENT#', type: 'Team message you sent' },
  { prefix: 'EMAILSENT#', type: 'Email sent to you' },
  { prefix: 'COUNTED#', type: 'Counted-once marker' },
] as const;

/** The kind of a user-partition item and its own id (what follows the prefix), or undefined for an unknown kind. */
export function userItemKind(sk: string): { prefix: string; type: string; id?: string } | undefined {
  const kind = USER_ITEM_KINDS.find((k) => sk === k.prefix || (k.prefix.endsWith('#') && sk.startsWith(k.prefix)));
  if (!kind) return undefined;
  const id = sk.slice(kind.prefix.length);
  return { prefix: kind.prefix, type: kind.type, ...(id ? { id } : {}) };
}

export const keys = {
  // ---- organisation (enrolment / employer) ------------------------------------------------------------------
  orgSettings: (): Key => ({ pk: 'ORG', sk: 'SETTINGS' }),
  /** The current invite link token (hashed); rotating replaces it. */
  orgInvite: (): Key => ({ pk: 'ORG', sk: 'INVITE' }),
  /** Work-time permission statement, versioned: ORG / PERMISSION#000003. */
  orgPermission: (version: number): Key => ({ pk: 'ORG', sk: `PERMISSION#${pad(version, 6)}` }),
  orgPermissionPrefix: () => ({ pk: 'ORG', skPrefix: 'PERMISSION#' }),
  orgDepartment: (departmentId: string): Key => ({ pk: 'ORG', sk: `DEPT#${departmentId}` }),
  orgDepartmentPrefix: () => ({ pk: 'ORG', skPrefix: 'DEPT#' }),

  // ---- people and sign-in ---------------------------------------------------------------------------------
  userProfile: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  /** The person's own choice of country for crisis resources (absent: the organisation's country). */
  userCountry: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'COUNTRY' }),
  /** Partition holding everything a person owns. */
  userPartition: (userId: string) => `USER#${userId}`,
  /** Lookup from HMAC(email) to the account: the table never stores an email in a key. */
  emailLookup: (emailHash: string): Key => ({ pk: `EMAIL#${emailHash}`, sk: 'ACCOUNT' }),
  /**
   * The same address's staff account (hr_admin, manager, coach), kept apart from its employee account: a staff role
   * is taken up only through a staff invitation or the tenant's bootstrap list, never through the employee join, and
   * whether the address also has an employee account changes nothing about it (issue 13).
   */
  staffEmailLookup: (emailHash: string): Key => ({ pk: `EMAIL#${emailHash}`, sk: 'STAFF' }),
  /**
   * Retained after an employee account is deleted, linked to no account: "this address had an account here", by a
   * keyed pseudonym of the address (purpose "rejoin"), so a rejoin is not counted as a new person. Expires
   * (`expiresAt`) REJOIN_RETENTION_DAYS after the deletion; removed when the address joins again. enrolment/rejoin.ts.
   */
  rejoinMarker: (personKey: string): Key => ({ pk: `REJOIN#${personKey}`, sk: 'REJOIN' }),
  /** Pending sign-in challenge (code + link) for an email; one at a time, TTL ≤ 10 minutes. */
  signInChallenge: (emailHash: string): Key => ({ pk: `SIGNIN#${emailHash}`, sk: 'CHALLENGE' }),
  /** Staff invitation (hr_admin, manager, coach) waiting for its first sign-in. */
  staffInvite: (emailHash: string): Key => ({ pk: `STAFFINVITE#${emailHash}`, sk: 'INVITE' }),
  staffInvitesByRole: (role: string) => ({ gsi1pk: `STAFFINVITES#${role}` }),
  /** Session record, keyed by session id; listed per user through GSI1. */
  session: (sessionId: string): Key => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' }),
  sessionsOfUser: (userId: string) => ({ gsi1pk: `SESSIONS#${userId}` }),
  /** Fixed-window rate-limit counter, e.g. rateLimit('signin-email', hash, '2026-11-22T10:15'). */
  rateLimit: (bucket: string, subject: string, window: string): Key => ({
    pk: `RATE#${bucket}#${subject}`,
    sk: window,
  }),
  /**
   * Inactivity policy (GSI2 on the employee's profile): ACTIVITY lists accounts by last sign-in, INACTIVITY_WARNED
   * by when the "are you still using it?" email went out. One partition each, read oldest first by the daily job.
   */
  activityIndex: (lastSignInAt: string, userId: string) => ({
    gsi2pk: 'ACTIVITY',
    gsi2sk: `${lastSignInAt}#${userId}`,
  }),
  inactivityWarnedIndex: (warnedAt: string, userId: string) => ({
    gsi2pk: 'INACTIVITY_WARNED',
    gsi2sk: `${warnedAt}#${userId}`,
  }),
  /** The two partitions above, to Query oldest first. */
  activityIndexPartition: () => ({ pk: 'ACTIVITY', index: GSI2 }),
  inactivityWarnedIndexPartition: () => ({ pk: 'INACTIVITY_WARNED', index: GSI2 }),
  /** Staff accounts by role (HR admins, managers, coaches): GSI1. Employees are never listed. */
  staffByRole: (role: string) => ({ gsi1pk: `STAFF#${role}` }),

  // ---- aggregate counters (written in the same transaction as the event they count) -----------------------
  /** Counter for one metric in one period and department ("_all" for the organisation). */
  counter: (period: string, metric: string, department: string): Key => ({
    pk: `COUNTER#${period}`,
    sk: `${metric}#${department}`,
  }),
  counterPartition: (period: string) => `COUNTER#${period}`,
  /** Marks that a person was already counted for a distinct metric (e.g. "active") in a period. */
  counted: (userId: string, metric: string, period: string): Key => ({
    pk: `USER#${userId}`,
    sk: `COUNTED#${metric}#${period}`,
  }),
  // ---- programme (course progress, diaries, questionnaires, exercise answers): owned by the programme context --
  // (add keys here; per-person items must live in USER#<userId>)
  /** Progress through one module (its existence is the "module started" event record). */
  moduleProgress: (userId: string, moduleId: string): Key => ({ pk: `USER#${userId}`, sk: `MODULE#${moduleId}` }),
  moduleProgressPrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'MODULE#' }),
  /** Event record for completing a module (put if absent, so a retried completion counts once). */
  moduleCompleted: (userId: string, moduleId: string): Key => ({ pk: `USER#${userId}`, sk: `MODULEDONE#${moduleId}` }),
  /** Answers to one exercise section. */
  exerciseAnswers: (userId: string, moduleId: string, sectionId: string): Key => ({
    pk: `USER#${userId}`,
    sk: `ANSWERS#${moduleId}#${sectionId}`,
  }),
  exerciseAnswersPrefix: (userId: string, moduleId: string) => ({
    pk: `USER#${userId}`,
    skPrefix: `ANSWERS#${moduleId}#`,
  }),
  /** Every exercise answer of the person, in all modules (the progress page's "what I'll take from this"). */
  allExerciseAnswersPrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'ANSWERS#' }),
  /** Stress and thought diary entries (entryId is made by the client, so a retried create is a no-op). */
  diaryEntry: (userId: string, entryId: string): Key => ({ pk: `USER#${userId}`, sk: `DIARY#${entryId}` }),
  diaryPrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'DIARY#' }),
  /** One completed questionnaire (responseId made by the client: a retried submission is stored and counted once). */
  questionnaireResponse: (userId: string, questionnaireId: string, responseId: string): Key => ({
    pk: `USER#${userId}`,
    sk: `QRESP#${questionnaireId}#${responseId}`,
  }),
  questionnaireResponsePrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'QRESP#' }),
  /** A person's first score of a questionnaire in a period, for the "improved" statistic (put if absent). */
  questionnaireFirstScore: (userId: string, questionnaireId: string, period: string): Key => ({
    pk: `USER#${userId}`,
    sk: `QFIRST#${questionnaireId}#${period}`,
  }),
  /** Thoughts parked during the back-to-work step. */
  parkedThought: (userId: string, thoughtId: string): Key => ({ pk: `USER#${userId}`, sk: `PARKED#${thoughtId}` }),
  parkedThoughtPrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'PARKED#' }),
  /** The first run: whether it was finished or skipped, and the goals chosen in it. */
  welcome: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'WELCOME' }),

  // ---- reminders and email engine: owned by the reminders context ------------------------------------------
  /** A person's reminder, Monday-message, check-in and discreet-email preferences. */
  reminderPrefs: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'REMINDERS#PREFS' }),
  /** One schedule item per thing due (reminder, monday, checkin#1…3); indexed in GSI2 by the UTC slot it is due in. */
  reminderSchedule: (userId: string, what: string): Key => ({ pk: `USER#${userId}`, sk: `REMINDERS#SCHEDULE#${what}` }),
  reminderSchedulePrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'REMINDERS#SCHEDULE#' }),
  /** How many practice reminders (schedule kind 'practice') the person has: `active`, held under the limit by a conditional write. */
  practiceReminderCount: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'REMINDERS#PRACTICES' }),
  /** A browser's Web Push subscription, by a hash of its endpoint (one item per device; at most MAX_PUSH_DEVICES). */
  pushSubscription: (userId: string, endpointHash: string): Key => ({
    pk: `USER#${userId}`,
    sk: `REMINDERS#PUSH#${endpointHash}`,
  }),
  pushSubscriptionPrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'REMINDERS#PUSH#' }),
  /** The number of push subscriptions, changed in the same transaction as each one (the "at most N" condition). */
  pushCount: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'REMINDERS#PUSHCOUNT' }),
  /** GSI2 partition of everything due in one 15-minute UTC slot, e.g. SLOT#2026-11-23T09:00Z. */
  dueSlot: (slotIso: string) => ({ gsi2pk: `SLOT#${slotIso}` }),
  /** A schedule item due in a slot (GSI2): the slot's partition, sorted by what is due and whose. */
  dueInSlot: (slotIso: string, what: string, userId: string) => ({
    gsi2pk: `SLOT#${slotIso}`,
    gsi2sk: `${what}#${userId}`,
  }),
  /** A coach's personalised text for one check-in (versioned). */
  checkinText: (userId: string, n: number): Key => ({ pk: `USER#${userId}`, sk: `REMINDERS#CHECKIN#${n}` }),
  /** GSI1 partition listing every upcoming check-in of the organisation by due time (coach console). */
  upcomingCheckins: () => ({ gsi1pk: 'CHECKINS' }),
  /** One check-in in that list. */
  upcomingCheckin: (dueAt: string, userId: string, n: number | undefined) => ({
    gsi1pk: 'CHECKINS',
    gsi1sk: `${dueAt}#${userId}#${n}`,
  }),
  /** Send ledger for an account holder: one item per (kind, idempotency key), put before sending. No address, no content. */
  sendLedgerForUser: (userId: string, kind: string, idempotencyKey: string): Key => ({
    pk: `USER#${userId}`,
    sk: `EMAILSENT#${kind}#${idempotencyKey}`,
  }),
  /** Send ledger for a raw address (e.g. a manager's team endorsement): keyed by HMAC of the address. */
  sendLedgerForAddress: (addressHash: string, kind: string, idempotencyKey: string): Key => ({
    pk: `EMAILTO#${addressHash}`,
    sk: `SENT#${kind}#${idempotencyKey}`,
  }),
  /**
   * GSI1 entry of a ledger claim not yet confirmed as sent (account holders only): claim time (epoch ms, 13 digits) and
   * claim id. The same pair travels to SES as the "claim" tag, so SES's Send event can confirm the claim.
   */
  pendingSend: (claimedAtMs: number, claimId: string) => ({
    gsi1pk: 'SENDS_PENDING',
    gsi1sk: pendingSendTag(claimedAtMs, claimId),
  }),
  /** Suppressed address (bounce, complaint, unsubscribe of a raw address): keyed by HMAC of the address. */
  suppression: (addressHash: string): Key => ({ pk: `SUPPRESS#${addressHash}`, sk: 'SUPPRESS' }),

  // ---- coaching: owned by the coaching context -------------------------------------------------------------
  /** A person's one coach thread (in their partition). GSI1 lists it in the coach inbox, GSI2 finds it by threadId. */
  coachThread: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'COACH#THREAD' }),
  /** Inbox entry: WAITING#<waitingSince> (oldest first) or ANSWERED#<lastMessageAt>. */
  coachInbox: (state: 'WAITING' | 'ANSWERED', at: string, threadId: string) => ({
    gsi1pk: 'COACH_INBOX',
    gsi1sk: `${state}#${at}#${threadId}`,
  }),
  coachInboxPrefix: (state: 'WAITING' | 'ANSWERED') => ({ pk: 'COACH_INBOX', skPrefix: `${state}#` }),
  /** The coach addresses a thread by an opaque id, never by the person's user id. */
  coachThreadById: (threadId: string) => ({ gsi2pk: `COACH_THREAD#${threadId}`, gsi2sk: 'THREAD' }),
  coachMessage: (userId: string, messageId: string): Key => ({ pk: `USER#${userId}`, sk: `COACH#MSG#${messageId}` }),
  coachMessagePrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'COACH#MSG#' }),
  /** Snapshot of one item the person shared into the thread (deleted on revoke). */
  coachShare: (userId: string, shareId: string): Key => ({ pk: `USER#${userId}`, sk: `COACH#SHARE#${shareId}` }),
  coachSharePrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'COACH#SHARE#' }),
  /** The thread, its messages and shares together (all sort under COACH#): one Query for a thread view. */
  coachingPrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'COACH#' }),
  /**
   * A coach's private note about a person's conversation (safety actions, follow-ups). In the person's partition, so
   * it is in their data export and goes with their account; outside COACH# so the thread view never loads it.
   */
  coachNote: (userId: string, noteId: string): Key => ({ pk: `USER#${userId}`, sk: `COACHNOTE#${noteId}` }),
  coachNotePrefix: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'COACHNOTE#' }),
  /** How many notes a conversation has (the "at most N notes" condition is on this item). */
  coachNoteCount: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'COACHNOTES' }),
  /** A coach's team state (away or not), kept by the coaching context apart from the staff account. */
  coachTeamMember: (coachId: string): Key => ({ pk: 'COACH_TEAM', sk: `MEMBER#${coachId}` }),
  coachTeamPrefix: () => ({ pk: 'COACH_TEAM', skPrefix: 'MEMBER#' }),
  /** Reply templates written by the tenant's coaches (not per person). */
  coachTemplate: (templateId: string): Key => ({ pk: 'COACH_TEMPLATES', sk: `TEMPLATE#${templateId}` }),
  coachTemplatePrefix: () => ({ pk: 'COACH_TEMPLATES', skPrefix: 'TEMPLATE#' }),
  /** A content-free coach alert waiting for the alerts tick (thread id only; expires). Oldest first. */
  coachAlertEvent: (at: string, eventId: string): Key => ({ pk: 'COACH_ALERTS', sk: `EVENT#${at}#${eventId}` }),
  coachAlertEventPrefix: () => ({ pk: 'COACH_ALERTS', skPrefix: 'EVENT#' }),
  /** Aggregate first-reply times for one period (month or "all"): counts and a histogram, never per person. */
  coachSla: (period: string): Key => ({ pk: `COACH_SLA#${period}`, sk: 'REPLIES' }),
  /** Coach alerts sent in one period (month): one count per alerted event, never per person. */
  coachAlertsSent: (period: string): Key => ({ pk: `COACH_SLA#${period}`, sk: 'ALERTS' }),
  /** The coaching service as the operator set it: roster, lead coaches, hours (one versioned item; org context). */
  coachingService: (): Key => ({ pk: 'ORG', sk: 'COACHING#SERVICE' }),

  // ---- employer (launch kit, permission statements, managers, endorsements): owned by the employer context --
  /** The launch checklist's state for the organisation (one item). */
  orgLaunchChecklist: (): Key => ({ pk: 'ORG', sk: 'LAUNCH#CHECKLIST' }),
  /** Uniqueness guard for a department name (lower-cased, spaces collapsed): ORG / DEPTNAME#warehouse. */
  orgDepartmentName: (normalisedName: string): Key => ({ pk: 'ORG', sk: `DEPTNAME#${normalisedName}` }),
  /** Organisation-wide tally of endorsement messages sent (a count only). */
  /** One endorsement batch a line manager sent: count and fingerprint only, never the addresses. */
  endorsementBatch: (managerId: string, batchId: string): Key => ({
    pk: `USER#${managerId}`,
    sk: `ENDORSEMENT#${batchId}`,
  }),
  endorsementBatchPrefix: (managerId: string) => ({ pk: `USER#${managerId}`, skPrefix: 'ENDORSEMENT#' }),

  // ---- statistics releases and privacy budget: owned by the stats context ---------------------------------
  /** A released period's statistics (computed once, never changed): STATS / RELEASE#month#2026-11. */
  statsRelease: (kind: string, period: string): Key => ({ pk: 'STATS', sk: `RELEASE#${kind}#${period}` }),
  statsReleasePrefix: (kind: string) => ({ pk: 'STATS', skPrefix: `RELEASE#${kind}#` }),
  /** The privacy-budget ledger of one budget year (ε spent, in millionths). */
  statsBudget: (year: string): Key => ({ pk: 'STATS', sk: `BUDGET#${year}` }),
  /** Marks a once-per-year stream (e.g. monthly new joiners) as paid for in a budget year. */
  statsStreamCharge: (year: string, stream: string): Key => ({ pk: 'STATS', sk: `CHARGE#${year}#${stream}` }),
  statsStreamChargePrefix: (year: string) => ({ pk: 'STATS', skPrefix: `CHARGE#${year}#` }),

  // ---- return to work and my data: owned by the mydata context ---------------------------------------------
  /** The person's return-to-work plan (plan, network, strategies, adjustments request): one versioned item. */
  returnToWorkPlan: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'RTW#PLAN' }),
  /** An account deletion in progress (so an interrupted one is finished by a scheduled job). Removed when done. */
  pendingDeletion: (userId: string): Key => ({ pk: 'DELETIONS', sk: `USER#${userId}` }),
  pendingDeletionsPartition: () => 'DELETIONS',

  // ---- scheduled jobs: owned by functions/shared/tick.ts ----------------------------------------------------
  /** The lease a scheduled job takes for one run (holder, slot, leaseUntil), so two runs never overlap: JOB#reminders-tick / LEASE. */
  jobLease: (job: string): Key => ({ pk: `JOB#${job}`, sk: 'LEASE' }),
};

export type Keys = typeof keys;

/** "<13-digit epoch ms><claim id>": sorts by claim time, and fits SES's tag alphabet (letters, digits, - and _). */
export const pendingSendTag = (claimedAtMs: number, claimId: string) =>
  `${String(claimedAtMs).padStart(13, '0')}${claimId}`;
