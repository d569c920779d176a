// Passwordless joining and signing in. The same answer whether or not an account exists (no enumeration):
// the difference only shows in the email, which only the address's owner can read.

import type { Role } from '../../contract/roles.js';
import { newId, normaliseEmail, randomToken, safeEqual, sixDigitCode } from '../../shared/crypto.js';
import type { EmailContent } from '../../shared/email.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import { count } from '../../shared/metrics.js';
import { enforceRateLimit } from '../../shared/rate-limit.js';
import type { Runtime } from '../../shared/runtime.js';
import { startSession } from '../../shared/sessions.js';
import { sendTransactional } from '../email/transactional.js';
import { keys } from '../keys.js';
import { isPlatformOperator, loadCoachingService } from '../org/coaching-service.js';
import { countDistinct, counterUpdates } from '../stats/counters.js';
import { recordActivity } from './activity.js';
import { countsAsPerson, personKeyOf, rejoinCondition, rejoinMarkerStands } from './rejoin.js';
import * as repo from './repository.js';
import type { ChallengeItem, ProfileItem } from './schema.js';

export const CODE_TTL_SECONDS = 10 * 60;
export const MAX_CODE_ATTEMPTS = 5;
export const SEND_LIMIT_PER_EMAIL = 5; // per 15 minutes
export const SEND_LIMIT_PER_IP = 30; // per 15 minutes
export const VERIFY_LIMIT_PER_IP = 60; // per 15 minutes
const WINDOW_SECONDS = 15 * 60;

const CODE_PROBLEM = 'That code is not right or has expired. Check the newest email, or ask for a new code.';
const LINK_PROBLEM = 'This sign-in link has expired or was already used. Ask for a new code on the sign-in page.';

// Pseudonyms (the pseudonymisation key, never rotated): the lookup survives a signing-key rotation, and so do pending
// codes and links, because their stored hashes use it too.
export const emailHashOf = (rt: Runtime, email: string) => rt.config.keys.pseudonym('email', normaliseEmail(email));
const ipHashOf = (rt: Runtime, ip: string) => rt.config.keys.pseudonym('ip', ip);
const codeHashOf = (rt: Runtime, emailHash: string, code: string) =>
  rt.config.keys.pseudonym('challenge', `code:${emailHash}:${code}`);
const linkHashOf = (rt: Runtime, token: string) => rt.config.keys.pseudonym('challenge', `link:${token}`);

export interface SignInRequest {
  email: string;
  inviteToken?: string;
  departmentId?: string;
}

/** Step 1: email a code and a link (or, with no account and no invite, a short "no account here" note). */
export async function requestSignIn(
  rt: Runtime,
  input: SignInRequest,
  meta: { ip: string; now: Date },
): Promise<{ message: string }> {
  const email = normaliseEmail(input.email);
  const emailHash = emailHashOf(rt, email);
  const nowMs = meta.now.getTime();
  await enforceRateLimit(rt.db, {
    bucket: 'signin-ip',
    subject: ipHashOf(rt, meta.ip),
    limit: SEND_LIMIT_PER_IP,
    windowSeconds: WINDOW_SECONDS,
    nowMs,
  });
  await enforceRateLimit(rt.db, {
    bucket: 'signin-email',
    subject: emailHash,
    limit: SEND_LIMIT_PER_EMAIL,
    windowSeconds: WINDOW_SECONDS,
    nowMs,
  });

  // Checks that depend only on what the request says (never on whether the account exists).
  let joining = false;
  if (input.inviteToken) {
    const invite = await repo.getInvite(rt.db);
    if (!invite || !safeEqual(invite.token, input.inviteToken))
      throw notFound('This invite link is no longer valid. Ask your employer for the current link.');
    joining = true;
  }
  if (input.departmentId && !(await repo.getDepartment(rt.db, input.departmentId)))
    throw validationErrorFor('departmentId', 'is not one of this organisation’s departments');

  // The same work whether or not the address has an account (issue 22; bench/sign-in-timing.ts measures it): the same
  // reads, a fresh code and link, one challenge put (with no account, a `none` challenge that can never sign in) and
  // one email of the same sender, subject and size.
  const intent = await decideIntent(rt, email, emailHash, joining);
  const code = sixDigitCode();
  const linkToken = randomToken();
  const challenge: ChallengeItem = {
    email: intent ? email : '', // a `none` challenge keeps no address: nothing will ever be done with it
    codeHash: codeHashOf(rt, emailHash, code),
    linkHash: linkHashOf(rt, linkToken),
    attempts: 0,
    intent: intent?.intent ?? 'none',
    role: intent?.role ?? 'employee',
    ...(intent?.intent === 'join' && input.departmentId ? { departmentId: input.departmentId } : {}),
    createdAt: meta.now.toISOString(),
    expiresAt: Math.floor(nowMs / 1000) + CODE_TTL_SECONDS,
  };
  await repo.putChallenge(rt.db, emailHash, challenge, Math.floor(nowMs / 1000));
  const link = `${rt.config.appUrl}/#/verify?k=${encodeURIComponent(emailHash)}&t=${encodeURIComponent(linkToken)}`;
  if (intent) await sendCodeEmail(rt, email, code, link);
  else await sendNoAccountEmail(rt, email);
  return {
    message:
      'Check your inbox. If this address can use Respite here, we have sent a 6-digit code and a sign-in link. They work for 10 minutes.',
  };
}

function validationErrorFor(field: string, message: string): AppError {
  return new AppError(422, 'validation_failed', `Some fields are not valid. body.${field}: ${message}`, [
    { field: `body.${field}`, message },
  ]);
}

/**
 * Which account a sign-in is for. An address can have an employee account and a staff account, kept apart:
 * - through the employee invite link (`joining`) it is always the employee account (signing in, or joining as an
 *   employee): a pending staff invitation or a bootstrap address is never taken up this way;
 * - on the plain sign-in page (where the staff invitation email points) the staff account comes first (existing,
 *   invited, or bootstrap), then the employee account.
 * So HR's staff invitation is taken up, or not, exactly the same whether or not the address has an employee account.
 */
async function decideIntent(
  rt: Runtime,
  email: string,
  emailHash: string,
  joining: boolean,
): Promise<{ intent: Exclude<ChallengeItem['intent'], 'none'>; role: Role } | undefined> {
  if (joining)
    return (await repo.getEmailLookup(rt.db, emailHash, 'employee'))
      ? { intent: 'sign_in', role: 'employee' }
      : { intent: 'join', role: 'employee' };
  // All four reads, always, at once: how many are made must not depend on which accounts the address has. The coach
  // roster is read fresh (not from the cache), so a coach the operator has just added can sign in at once.
  const [staff, invite, employee, service] = await Promise.all([
    repo.getEmailLookup(rt.db, emailHash, 'staff'),
    repo.getStaffInvite(rt.db, emailHash),
    repo.getEmailLookup(rt.db, emailHash, 'employee'),
    loadCoachingService(rt, { fresh: true }),
  ]);
  const tenant = rt.config.tenant;
  const operator = isPlatformOperator(tenant, email);
  // An operator's staff account signs in only while the platform lists the address (revoked on the next request);
  // off the list, the address is treated as any other (its employee account, if any, or none), with the same reads.
  if (staff && (staff.role !== 'operator' || operator)) return { intent: 'sign_in', role: staff.role };
  if (invite) return { intent: 'staff_invite', role: invite.role };
  if (tenant.adminEmails.map(normaliseEmail).includes(email)) return { intent: 'bootstrap_staff', role: 'hr_admin' };
  if (operator) return { intent: 'bootstrap_staff', role: 'operator' };
  if (service.coachEmails.includes(email)) return { intent: 'bootstrap_staff', role: 'coach' };
  if (employee) return { intent: 'sign_in', role: 'employee' };
  return undefined;
}

export interface SignedIn {
  role: Role;
  cookie: string;
  /** Set when this sign-in made a new employee account: the caller schedules what a new joiner gets (check-ins). */
  joined: { userId: string } | null;
}

/** Step 2a: the 6-digit code. */
export async function verifyCode(
  rt: Runtime,
  input: { email: string; code: string },
  meta: { ip: string; now: Date; userAgent: string },
): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const emailHash = emailHashOf(rt, email);
  await enforceRateLimit(rt.db, {
    bucket: 'verify-ip',
    subject: ipHashOf(rt, meta.ip),
    limit: VERIFY_LIMIT_PER_IP,
    windowSeconds: WINDOW_SECONDS,
    nowMs: meta.now.getTime(),
  });
  const challenge = await repo.getChallenge(rt.db, emailHash);
  // The attempt is counted atomically before the comparison, so parallel guesses cannot get past the limit.
  if (!challenge || !(await repo.claimAttempt(rt.db, emailHash, MAX_CODE_ATTEMPTS)))
    throw badRequest(CODE_PROBLEM, [{ field: 'body.code', message: CODE_PROBLEM }], 'invalid_code');
  if (!safeEqual(challenge.codeHash, codeHashOf(rt, emailHash, input.code.trim())))
    throw badRequest(CODE_PROBLEM, [{ field: 'body.code', message: CODE_PROBLEM }], 'invalid_code');
  return complete(rt, emailHash, challenge, meta);
}

/** Step 2b: the emailed link (k = email hash, t = link token). */
export async function verifyLink(
  rt: Runtime,
  input: { k: string; t: string },
  meta: { ip: string; now: Date; userAgent: string },
): Promise<SignedIn> {
  await enforceRateLimit(rt.db, {
    bucket: 'verify-ip',
    subject: ipHashOf(rt, meta.ip),
    limit: VERIFY_LIMIT_PER_IP,
    windowSeconds: WINDOW_SECONDS,
    nowMs: meta.now.getTime(),
  });
  const challenge = await repo.getChallenge(rt.db, input.k);
  if (
    !challenge ||
    !(await repo.claimAttempt(rt.db, input.k, MAX_CODE_ATTEMPTS)) ||
    !safeEqual(challenge.linkHash, linkHashOf(rt, input.t))
  )
    throw badRequest(LINK_PROBLEM, [{ field: 'body.t', message: LINK_PROBLEM }], 'invalid_link');
  return complete(rt, input.k, challenge, meta);
}

async function complete(
  rt: Runtime,
  emailHash: string,
  challenge: ChallengeItem,
  meta: { now: Date; userAgent: string },
): Promise<SignedIn> {
  // Single use: a second submission of the same code or link (double click, retry) finds nothing to consume.
  if (!(await repo.consumeChallenge(rt.db, emailHash, challenge.codeHash)))
    throw badRequest(CODE_PROBLEM, [{ field: 'body.code', message: CODE_PROBLEM }], 'invalid_code');
  const account = await findOrCreateAccount(rt, emailHash, challenge, meta.now);
  // Taken off operatorEmails between the code and its use (a redeploy): no operator session.
  if (account.role === 'operator' && !isPlatformOperator(rt.config.tenant, challenge.email))
    throw badRequest(CODE_PROBLEM, [{ field: 'body.code', message: CODE_PROBLEM }], 'invalid_code');
  const { cookie } = await startSession(rt.db, {
    tenantId: rt.config.tenantId,
    keys: rt.config.keys,
    userId: account.userId,
    role: account.role,
    userAgent: meta.userAgent,
    nowMs: meta.now.getTime(),
  });
  count(rt.config.tenantId, 'sign_ins');
  if (account.role === 'employee') {
    await countDistinct(rt.db, account.userId, 'active', account.departmentId, meta.now);
    await recordActivity(rt.db, account.userId, meta.now); // the inactivity policy's clock starts again
  }
  return {
    role: account.role,
    cookie,
    joined: account.created && account.role === 'employee' ? { userId: account.userId } : null,
  };
}

/**
 * Idempotent: the email lookup is put only if absent, so two racing sign-ups make one account. An employee account
 * made while the address's rejoin marker stands is a rejoin (rejoin.ts): not counted as a new joiner.
 */
async function findOrCreateAccount(
  rt: Runtime,
  emailHash: string,
  challenge: ChallengeItem,
  now: Date,
): Promise<{ userId: string; role: Role; departmentId?: string; created?: boolean }> {
  const kind = challenge.role === 'employee' ? 'employee' : 'staff';
  const existing = await repo.getEmailLookup(rt.db, emailHash, kind);
  if (existing) {
    const profile = await repo.getProfile(rt.db, existing.userId);
    return { userId: existing.userId, role: existing.role, departmentId: profile?.departmentId };
  }
  // sign_in: the account was deleted meanwhile; none: there never was one (that challenge's code was never sent)
  if (challenge.intent === 'sign_in' || challenge.intent === 'none') throw badRequest(CODE_PROBLEM, [], 'invalid_code');
  const userId = newId();
  const role = challenge.role;
  const nowIso = now.toISOString();
  const personKey = role === 'employee' ? personKeyOf(rt, challenge.email) : undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const rejoin = personKey !== undefined && (await rejoinMarkerStands(rt.db, personKey, now));
    const profile: ProfileItem = {
      userId,
      role,
      email: challenge.email,
      emailHash,
      ...(challenge.departmentId ? { departmentId: challenge.departmentId } : {}),
      createdAt: nowIso,
      ...(personKey ? { personKey } : {}),
      ...(rejoin ? { rejoinedAt: nowIso } : {}),
    };
    const staffIndex = role === 'employee' ? {} : { gsi1pk: keys.staffByRole(role).gsi1pk, gsi1sk: nowIso };
    const created = await rt.db.transact([
      rt.db.txPut({ ...repo.emailLookupKey(emailHash, kind), userId, role }, { ifAbsent: true }),
      rt.db.txPut({ ...keys.userProfile(userId), ...profile, ...staffIndex }, { ifAbsent: true }),
      ...(challenge.intent === 'staff_invite' ? [rt.db.txDelete(keys.staffInvite(emailHash))] : []),
      ...(personKey ? [rejoinCondition(rt.db, personKey, rejoin, now)] : []),
      ...(countsAsPerson(profile) ? counterUpdates(rt.db, 'new_enrolments', challenge.departmentId, now) : []),
    ]);
    if (created) return { userId, role, departmentId: challenge.departmentId, created: true };
    const winner = await repo.getEmailLookup(rt.db, emailHash, kind);
    if (winner) return { userId: winner.userId, role: winner.role, departmentId: challenge.departmentId };
    // No winner: the rejoin marker changed between the read and the write (a deletion put it, or a rejoin took it).
  }
  throw new Error('account creation failed without a winner');
}

/**
 * Sign-in emails are transactional: always sent, no unsubscribe. The code email and the "no account" email share
 * sender, subject, preheader, tag and size (padded to the same 4 KB blocks), so a mail log cannot tell whether the
 * address has an account.
 */
const SIGN_IN_SUBJECT = 'Your Respite sign-in';
const SIGN_IN_PREHEADER = 'About the sign-in you asked for.';
const sendSignInEmail = (rt: Runtime, to: string, content: Omit<EmailContent, 'subject' | 'preheader'>) =>
  sendTransactional(rt, {
    to,
    senderName: rt.config.tenant.email.senderName,
    kind: 'signin',
    content: { subject: SIGN_IN_SUBJECT, preheader: SIGN_IN_PREHEADER, ...content },
    padToBytes: 4096,
  });

const sendCodeEmail = (rt: Runtime, to: string, code: string, link: string) =>
  sendSignInEmail(rt, to, {
    heading: 'Here is your sign-in code',
    blocks: [
      { text: 'Type this code on the sign-in page:' },
      { code },
      { text: 'Or use this button on the device where you asked for the code:' },
      { button: { label: 'Sign me in', href: link } },
      { text: 'The code and the button work once, for 10 minutes.' },
    ],
    footer: `You asked to sign in to Respite, offered by ${rt.config.tenant.name}. If you did not, you can ignore this email — nothing happens without the code.`,
  });

const sendNoAccountEmail = (rt: Runtime, to: string) =>
  sendSignInEmail(rt, to, {
    heading: 'This address has no Respite account yet',
    blocks: [
      {
        text: `Someone asked to sign in to Respite at ${rt.config.tenant.name} with this email address, but there is no account for it yet, so there is no code to send.`,
      },
      {
        text: 'To join, open the invite link your employer shared (on the intranet, a poster or an email). You can join with any email address, including a personal one.',
      },
    ],
    footer: 'If you did not ask for this, you can ignore this email.',
  });
