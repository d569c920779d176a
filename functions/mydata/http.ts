// "My data" router (prefix /api/my-data): download everything, delete the account, see signed-in devices and sign
// out everywhere. Every route acts only on the signed-in person's own data.

import { myData } from '../contract/mydata.js';
import { deleteAccount } from '../domain/mydata/delete.js';
import { buildExport, renderExportHtml } from '../domain/mydata/export.js';
import { PRINTABLE_CSP } from '../domain/mydata/html.js';
import { keepAccount } from '../domain/mydata/inactivity.js';
import { page } from '../shared/html-page.js';
import { httpHandler, ok, route } from '../shared/http.js';
import { clearedSessionCookie } from '../shared/session-token.js';
import { endAllSessions, listSessions } from '../shared/sessions.js';

const ANYONE = ['employee', 'hr_admin', 'manager', 'coach', 'operator'] as const;

const day = (d: Date) => d.toISOString().slice(0, 10);

export const routes = [
  route({
    ...myData.export,
    auth: ANYONE,
    handle: async ({ rt, principal, now }) =>
      ok(await buildExport(rt.db, principal.userId, { organisation: rt.config.tenant.name, now }), {
        headers: { 'content-disposition': `attachment; filename="respite-my-data-${day(now)}.json"` },
      }),
  }),
  route({
    ...myData.exportHtml,
    auth: ANYONE,
    handle: async ({ rt, principal, now }) => ({
      status: 200,
      text: renderExportHtml(await buildExport(rt.db, principal.userId, { organisation: rt.config.tenant.name, now })),
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': PRINTABLE_CSP },
    }),
  }),
  route({
    ...myData.sessions,
    auth: ANYONE,
    handle: async ({ rt, principal }) => {
      const sessions = await listSessions(rt.db, principal.userId);
      return ok({
        sessions: sessions.map((s) => ({
          device: s.device,
          signedInAt: s.createdAt,
          lastActiveAt: s.lastSeenAt,
          current: s.sessionId === principal.sessionId,
        })),
      });
    },
  }),
  route({
    ...myData.signOutEverywhere,
    auth: ANYONE,
    handle: async ({ rt, principal }) => {
      // Deleting the records signs every device out: each request re-reads its record (shared/sessions.ts checkSession).
      const count = await endAllSessions(rt.db, principal.userId);
      return ok({ signedOut: count }, { cookies: [clearedSessionCookie(rt.config.tenantId)] });
    },
  }),
  route({
    ...myData.deleteAccount,
    auth: ['employee'],
    handle: async ({ rt, principal, now }) => {
      // Idempotent: a double click or a retry finishes the same deletion and gets the same answer.
      await deleteAccount(rt.db, principal.userId, now);
      return ok({ deleted: true }, { cookies: [clearedSessionCookie(rt.config.tenantId)] });
    },
  }),
  route({
    // The "keep my account" button in the inactivity email opens this page; its button posts the one click.
    ...myData.keepAccountPage,
    auth: 'public',
    handle: async ({ rt, query }) =>
      page(
        rt,
        200,
        'Keep your account',
        `<p>Press the button to keep your Respite account and everything in it.</p>
<form method="post" action="keep-account?t=${encodeURIComponent(query.t)}"><input type="hidden" name="keep" value="yes"><button type="submit">Keep my account</button></form>`,
      ),
  }),
  route({
    ...myData.keepAccount,
    auth: 'public',
    accepts: 'form',
    handle: async ({ rt, query, now }) => {
      const outcome = await keepAccount(rt, query.t, now);
      if (outcome === 'invalid')
        return page(
          rt,
          400,
          'This link does not work',
          '<p>The link is not complete or has been changed. Open it again from the email, or simply sign in: that keeps your account too.</p>',
        );
      if (outcome === 'gone')
        return page(
          rt,
          410,
          'This account no longer exists',
          "<p>The account was deleted. You are welcome to join again with your organisation's invite link.</p>",
        );
      return page(
        rt,
        200,
        'Your account is kept',
        '<p>Thank you. Your account and everything in it stay as they are.</p>',
      );
    },
  }),
];

export const handler = httpHandler(routes);
