// "My data" router (prefix /api/my-data): download everything, delete the account, see signed-in devices and sign
// out everywhere. Every route acts only on the signed-in person's own data.

import { deleteAccount } from '../domain/mydata/delete.js';
import { buildExport, renderExportHtml } from '../domain/mydata/export.js';
import { PRINTABLE_CSP } from '../domain/mydata/html.js';
import { keepAccount } from '../domain/mydata/inactivity.js';
import { page } from '../shared/html-page.js';
import { httpHandler, ok, route } from '../shared/http.js';
import { clearedSessionCookie } from '../shared/session-token.js';
import { endAllSessions, listSessions } from '../shared/sessions.js';
import * as z from '../shared/zod.js';

const ANYONE = ['employee', 'hr_admin', 'manager', 'coach', 'operator'] as const;

export const DeleteAccountInput = z.strictObject({
  confirm: z.literal(true, 'tick the box to confirm that you want to delete your account and everything in it'),
});

const KeepQuery = z.strictObject({
  t: z.string().check(z.minLength(10, 'is missing or too short'), z.maxLength(2000)),
});

const day = (d: Date) => d.toISOString().slice(0, 10);

export const routes = [
  route({
    method: 'GET',
    path: '/api/my-data/export',
    auth: ANYONE,
    handle: async ({ rt, principal, now }) =>
      ok(await buildExport(rt.db, principal!.userId, { organisation: rt.config.tenant.name, now }), {
        headers: { 'content-disposition': `attachment; filename="respite-my-data-${day(now)}.json"` },
      }),
  }),
  route({
    method: 'GET',
    path: '/api/my-data/export.html',
    auth: ANYONE,
    handle: async ({ rt, principal, now }) => ({
      status: 200,
      text: renderExportHtml(await buildExport(rt.db, principal!.userId, { organisation: rt.config.tenant.name, now })),
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': PRINTABLE_CSP },
    }),
  }),
  route({
    method: 'GET',
    path: '/api/my-data/sessions',
    auth: ANYONE,
    handle: async ({ rt, principal }) => {
      const sessions = await listSessions(rt.db, principal!.userId);
      return ok({
        sessions: sessions.map((s) => ({
          device: s.device,
          signedInAt: s.createdAt,
          lastActiveAt: s.lastSeenAt,
          current: s.sessionId === principal!.sessionId,
        })),
      });
    },
  }),
  route({
    method: 'POST',
    path: '/api/my-data/sessions/sign-out-everywhere',
    auth: ANYONE,
    handle: async ({ rt, principal }) => {
      // Deleting the records signs every device out: each request re-reads its record (shared/sessions.ts checkSession).
      const count = await endAllSessions(rt.db, principal!.userId);
      return ok({ signedOut: count }, { cookies: [clearedSessionCookie(rt.config.tenantId)] });
    },
  }),
  route({
    method: 'POST',
    path: '/api/my-data/delete-account',
    auth: ['employee'],
    body: DeleteAccountInput,
    handle: async ({ rt, principal, now }) => {
      // Idempotent: a double click or a retry finishes the same deletion and gets the same answer.
      await deleteAccount(rt.db, principal!.userId, now);
      return ok({ deleted: true }, { cookies: [clearedSessionCookie(rt.config.tenantId)] });
    },
  }),
  route({
    // The "keep my account" button in the inactivity email opens this page; its button posts the one click.
    method: 'GET',
    path: '/api/my-data/keep-account',
    auth: 'public',
    query: KeepQuery,
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
    method: 'POST',
    path: '/api/my-data/keep-account',
    auth: 'public',
    accepts: 'form',
    query: KeepQuery,
    body: z.record(z.string(), z.string()),
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
