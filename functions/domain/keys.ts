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
  /** Partition holding everything a person owns. */
  userPartition: (userId: string) => `USER#${userId}`,
  /** Lookup from HMAC(email) to the account: the table never stores an email in a key. */
  emailLookup: (emailHash: string): Key => ({ pk: `EMAIL#${emailHash}`, sk: 'ACCOUNT' }),
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

  // ---- reminders and email engine: owned by the reminders context ------------------------------------------

  // ---- coaching: owned by the coaching context -------------------------------------------------------------

  // ---- employer (launch kit, permission statements, managers, endorsements): owned by the employer context --

  // ---- statistics releases and privacy budget: owned by the stats context ---------------------------------

  // ---- return to work and my data: owned by the mydata context ---------------------------------------------
};

export type Keys = typeof keys;
