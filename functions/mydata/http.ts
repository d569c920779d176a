// "My data" router (prefix /api/my-data): download everything, delete the account, see signed-in devices and sign
// out everywhere. Every route acts only on the signed-in person's own data.
import * as z from '../shared/zod.js';
import { deleteAccount } from '../domain/mydata/delete.js';
import { buildExport, renderExportHtml } from '../domain/mydata/export.js';
import { PRINTABLE_CSP } from '../domain/mydata/html.js';
import { httpHandler, ok, route } from '../shared/http.js';
import { clearedSessionCookie } from '../shared/session-token.js';
import { endAllSessions, listSessions } from '../shared/sessions.js';

const ANYONE = ['employee', 'hr_admin', 'manager', 'coach'] as const;

export const DeleteAccountInput = z.strictObject({
  confirm: z.literal(true, 'tick the box to confirm that you want to delete your account and everything in it'),
});

const day = (d: Date) => d.toISOString().slice(0, 10);

const routes = [
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
      // Other devices notice at their next session check (within 5 minutes); this one is signed out now.
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
];

export const handler = httpHandler(routes);
