// Enrolment context router: joining from the invite link, passwordless sign-in, the signed-in person, and the
// HR admin's invite link and staff invitations. Prefix /api/account.

import { account } from '../contract/account.js';
import { sendTransactional } from '../domain/email/transactional.js';
import { emailHashOf } from '../domain/enrolment/email-hash.js';
import * as repo from '../domain/enrolment/repository.js';
import { requestSignIn, type SignedIn, verifyCode, verifyLink } from '../domain/enrolment/sign-in.js';
import { keys } from '../domain/keys.js';
import { allCrisisResources, crisisResourcesFor } from '../domain/org/crisis-resources.js';
import { readCountry, saveCountry } from '../domain/org/person-country.js';
import { scheduleCheckins } from '../domain/reminders/checkins.js';
import { AppError, notFound, unauthorized } from '../shared/errors.js';
import { accepted, httpHandler, noContent, ok, route } from '../shared/http.js';
import type { Runtime } from '../shared/runtime.js';
import { clearedSessionCookie, SESSION_LIMITS } from '../shared/session-token.js';
import { endSession } from '../shared/sessions.js';

const inviteUrl = (rt: Runtime, token: string) => `${rt.config.appUrl}/#/join/${token}`;

/**
 * What anyone may know about the organisation: name, statement, departments, crisis resources and its work email
 * domains (tenant config only: nothing here depends on who has an account).
 */
async function publicOrg(rt: Runtime) {
  const [permission, departments] = await Promise.all([
    repo.currentPermissionStatement(rt.db, rt.config.tenant.permissionStatement),
    repo.listDepartments(rt.db),
  ]);
  return {
    orgName: rt.config.tenant.name,
    permissionStatement: permission,
    departments: departments
      .map((d) => ({ id: d.departmentId, name: d.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    country: rt.config.tenant.country,
    crisisResources: crisisResourcesFor(rt.config.tenant),
    crisisCountries: allCrisisResources(rt.config.tenant),
    coachReplyExpectation: rt.config.tenant.coachReplyExpectation,
    workEmailDomains: rt.config.tenant.workEmailDomains,
  };
}

/**
 * The answer to a completed sign-in. A new joiner also gets the coach's three check-ins (weeks 1, 3, 6), scheduled
 * here rather than in enrolment so that enrolment does not depend on reminders; put-if-absent, so a retry changes
 * nothing.
 */
async function signedInReply(rt: Runtime, signedIn: SignedIn, now: Date) {
  if (signedIn.joined) await scheduleCheckins(rt, signedIn.joined.userId, now);
  return ok({ role: signedIn.role }, { cookies: [signedIn.cookie] });
}

export const routes = [
  route({
    ...account.org,
    auth: 'public',
    handle: async ({ rt }) => ok(await publicOrg(rt)),
  }),
  route({
    ...account.join,
    auth: 'public',
    handle: async ({ rt, params }) => {
      const invite = await repo.getInvite(rt.db);
      if (!invite || invite.token !== params.token)
        throw notFound('This invite link is no longer valid. Ask your employer for the current link.');
      return ok(await publicOrg(rt));
    },
  }),
  route({
    ...account.signIn,
    auth: 'public',
    handle: async ({ rt, body, ip, now }) => accepted(await requestSignIn(rt, body, { ip, now })),
  }),
  route({
    ...account.verify,
    auth: 'public',
    handle: async ({ rt, body, ip, now, userAgent }) => {
      return signedInReply(rt, await verifyCode(rt, body, { ip, now, userAgent }), now);
    },
  }),
  route({
    ...account.verifyLink,
    auth: 'public',
    handle: async ({ rt, body, ip, now, userAgent }) => {
      return signedInReply(rt, await verifyLink(rt, body, { ip, now, userAgent }), now);
    },
  }),
  route({
    ...account.signOut,
    auth: 'public',
    handle: async ({ rt, principal }) => {
      if (principal) await endSession(rt.db, principal.sessionId);
      return noContent({ cookies: [clearedSessionCookie(rt.config.tenantId)] });
    },
  }),
  route({
    ...account.me,
    auth: ['employee', 'hr_admin', 'manager', 'coach', 'operator'],
    handle: async ({ rt, principal, now }) => {
      const profile = await repo.getProfile(rt.db, principal.userId);
      if (!profile) throw unauthorized('This account no longer exists.');
      return ok({
        role: profile.role,
        email: profile.email,
        departmentId: await repo.currentDepartment(rt.db, principal.userId, profile.departmentId, now),
        orgName: rt.config.tenant.name,
        joinedAt: profile.createdAt,
        // So the web app can warn before a session times out and offer to extend it (WCAG 2.2.1): any request
        // extends the idle timeout; the absolute end cannot be extended.
        session: {
          idleTimeoutMs: SESSION_LIMITS[principal.role].inactivityMs,
          endsAt: new Date(principal.signedInAtMs + SESSION_LIMITS[principal.role].absoluteMs).toISOString(),
        },
      });
    },
  }),
  route({
    ...account.updateMe,
    auth: ['employee'],
    handle: async ({ rt, principal, body, now }) => {
      if (body.departmentId && !(await repo.getDepartment(rt.db, body.departmentId)))
        throw new AppError(
          422,
          'validation_failed',
          'Some fields are not valid. body.departmentId: is not one of this organisation’s departments',
          [{ field: 'body.departmentId', message: 'is not one of this organisation’s departments' }],
        );
      if (!(await repo.setDepartment(rt.db, principal.userId, body.departmentId, now)))
        throw unauthorized('This account no longer exists.');
      return ok({ departmentId: body.departmentId });
    },
  }),
  route({
    ...account.country,
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await readCountry(rt, principal.userId)),
  }),
  route({
    ...account.setCountry,
    auth: ['employee'],
    handle: async ({ rt, principal, body, now }) => {
      const saved = await saveCountry(rt, principal.userId, body.country, now);
      if (!saved) throw unauthorized('This account no longer exists.');
      return ok(saved);
    },
  }),
  route({
    ...account.inviteLink,
    auth: ['hr_admin'],
    handle: async ({ rt, now }) => {
      const invite = await repo.ensureInvite(rt.db, now.toISOString());
      return ok({ token: invite.token, url: inviteUrl(rt, invite.token), rotatedAt: invite.rotatedAt });
    },
  }),
  route({
    ...account.rotateInviteLink,
    auth: ['hr_admin'],
    handle: async ({ rt, body, now }) => {
      const invite = await repo.rotateInvite(rt.db, body.currentToken, now.toISOString());
      return ok({ token: invite.token, url: inviteUrl(rt, invite.token), rotatedAt: invite.rotatedAt });
    },
  }),
  route({
    ...account.staffInvite,
    auth: ['hr_admin'],
    handle: async ({ rt, body, now }) => {
      // Same answer whatever the address's state, so HR learns nothing about anyone's account.
      const emailHash = emailHashOf(rt, body.email);
      const fresh = await rt.db.put(
        { ...keys.staffInvite(emailHash), role: body.role, invitedAt: now.toISOString() },
        { ifAbsent: true },
      );
      if (fresh) await sendStaffInvite(rt, body.email, body.role);
      return accepted({ message: 'Invitation sent.' });
    },
  }),
];

async function sendStaffInvite(rt: Runtime, to: string, role: 'hr_admin' | 'manager') {
  const tenant = rt.config.tenant;
  const what =
    role === 'manager'
      ? 'As a line manager you can send your team a short message saying it is fine to use Respite during work time. You will only ever see how many messages you sent — never who joined or what anyone does.'
      : 'As an HR admin you can launch Respite, publish the work-time permission statement and see anonymised, aggregate statistics.';
  await sendTransactional(rt, {
    to,
    senderName: tenant.email.senderName,
    kind: 'staff-invite',
    content: {
      subject: `You're invited to help launch Respite at ${tenant.name}`,
      preheader: 'Sign in with this email address to get started.',
      heading: `You're invited to Respite at ${tenant.name}`,
      blocks: [
        { text: what },
        { button: { label: 'Sign in', href: `${rt.config.appUrl}/#/sign-in` } },
        { text: 'Sign in with this email address; we will email you a code.' },
      ],
      footer: `You received this because someone at ${tenant.name} invited this address.`,
    },
  });
}

export const handler = httpHandler(routes);
