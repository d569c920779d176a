// Reminders context router (prefix /api/reminders): the employee's reminder preferences, the check-in on/off
// choice, and one-click unsubscribe (RFC 8058) that works without signing in.

import { readUnsubscribeToken, type UnsubscribeClaim } from '../domain/email/unsubscribe.js';
import {
  cancelPracticeReminder,
  listPracticeReminders,
  PracticeReminderInput,
  setPracticeReminder,
} from '../domain/reminders/practice.js';
import {
  applyUnsubscribe,
  readDelivery,
  readDiscreet,
  readPreferences,
  resumeDelivery,
  savePreferences,
  setCheckins,
  setDiscreet,
} from '../domain/reminders/preferences.js';
import { PreferencesInput } from '../domain/reminders/schema.js';
import { escapeHtml } from '../shared/email.js';
import { page } from '../shared/html-page.js';
import { httpHandler, ok, route } from '../shared/http.js';
import type { Runtime } from '../shared/runtime.js';
import * as z from '../shared/zod.js';

const UnsubscribeQuery = z.strictObject({
  t: z.string().check(z.minLength(10, 'is missing or too short'), z.maxLength(2000)),
});

const WHAT: Record<string, string> = {
  reminder: 'reminder emails',
  practice: 'practice reminders',
  monday: 'Monday notes',
  checkin: 'check-in emails from your coach',
  endorsement: 'messages like this one',
};
/** Kinds a person can turn back on themselves, on the Reminders and emails page. */
const ON_THE_PAGE = new Set(['reminder', 'practice', 'monday', 'checkin']);

/** What the unsubscribe page asks and then confirms: plain English, and "in the app" only for someone who has it. */
export function unsubscribeWording(claim: UnsubscribeClaim): { question: string; done: string } {
  const what = WHAT[claim.k] ?? 'emails like this one';
  if ('h' in claim)
    return { question: `Stop ${what} to this address?`, done: `We will not send ${what} to this address again.` };
  const back = ON_THE_PAGE.has(claim.k)
    ? ' You can turn them back on at any time in the app, under Reminders and emails.'
    : '';
  return { question: `Stop ${what}?${back}`, done: `We will not send you any more ${what}.${back}` };
}

const ModuleParams = z.strictObject({
  moduleId: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a module id'), z.maxLength(64)),
});

const badLink = (rt: Runtime) =>
  page(
    rt,
    400,
    'This link does not work',
    '<p>The unsubscribe link is not complete or has been changed. Open it again from the email, or change your email settings in the app.</p>',
  );

export const routes = [
  route({
    method: 'GET',
    path: '/api/reminders/preferences',
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await readPreferences(rt, principal!.userId)),
  }),
  route({
    method: 'PUT',
    path: '/api/reminders/preferences',
    auth: ['employee'],
    body: PreferencesInput,
    handle: async ({ rt, principal, body, now }) => ok(await savePreferences(rt, principal!.userId, body, now)),
  }),
  route({
    method: 'GET',
    path: '/api/reminders/delivery',
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await readDelivery(rt, principal!.userId)),
  }),
  route({
    // After a bounce or a spam report every email to the address stops; the person can ask for email again here.
    method: 'POST',
    path: '/api/reminders/resume-delivery',
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await resumeDelivery(rt, principal!.userId)),
  }),
  route({
    method: 'PUT',
    path: '/api/reminders/checkins',
    auth: ['employee'],
    body: z.strictObject({ on: z.boolean() }),
    handle: async ({ rt, principal, body, now }) => ok(await setCheckins(rt, principal!.userId, body.on, now)),
  }),
  route({
    method: 'GET',
    path: '/api/reminders/discreet',
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await readDiscreet(rt, principal!.userId)),
  }),
  route({
    // Discreet mode for the account: neutral email subjects and sender, calendar files without the app's address,
    // and every signed-in device switches to neutral titles and icon.
    method: 'PUT',
    path: '/api/reminders/discreet',
    auth: ['employee'],
    body: z.strictObject({ on: z.boolean() }),
    handle: async ({ rt, principal, body, now }) => ok(await setDiscreet(rt, principal!.userId, body.on, now)),
  }),
  route({
    // Practice reminders: a module's "try this week" on the days and at the time the person picks (practice.ts).
    method: 'GET',
    path: '/api/reminders/practices',
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await listPracticeReminders(rt.db, principal!.userId)),
  }),
  route({
    // One per module: the same body twice is the same state; another body changes the days and time.
    method: 'PUT',
    path: '/api/reminders/practices/:moduleId',
    auth: ['employee'],
    params: ModuleParams,
    body: PracticeReminderInput,
    handle: async ({ rt, principal, params, body, now }) =>
      ok(await setPracticeReminder(rt, principal!.userId, params.moduleId, body, now)),
  }),
  route({
    method: 'DELETE',
    path: '/api/reminders/practices/:moduleId',
    auth: ['employee'],
    params: ModuleParams,
    handle: async ({ rt, principal, params }) =>
      ok(await cancelPracticeReminder(rt.db, principal!.userId, params.moduleId)),
  }),
  route({
    method: 'GET',
    path: '/api/reminders/unsubscribe',
    auth: 'public',
    query: UnsubscribeQuery,
    handle: async ({ rt, query }) => {
      const claim = readUnsubscribeToken(rt, query.t);
      if (!claim) return badLink(rt);
      return page(
        rt,
        200,
        'Unsubscribe',
        `<p>${escapeHtml(unsubscribeWording(claim).question)}</p>
<form method="post" action="unsubscribe?t=${escapeHtml(encodeURIComponent(query.t))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
      );
    },
  }),
  route({
    // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here; the page's button posts the same.
    method: 'POST',
    path: '/api/reminders/unsubscribe',
    auth: 'public',
    accepts: 'form',
    query: UnsubscribeQuery,
    body: z.record(z.string(), z.string()),
    handle: async ({ rt, query, now }) => {
      const claim = readUnsubscribeToken(rt, query.t);
      if (!claim) return badLink(rt);
      await applyUnsubscribe(rt, claim, now);
      return page(rt, 200, 'You are unsubscribed', `<p>${escapeHtml(unsubscribeWording(claim).done)}</p>`);
    },
  }),
];

export const handler = httpHandler(routes);
