// Reminders context router (prefix /api/reminders): the employee's reminder preferences, the check-in on/off
// choice, and one-click unsubscribe (RFC 8058) that works without signing in.

import { reminders } from '../contract/reminders.js';
import { readUnsubscribeToken, type UnsubscribeClaim } from '../domain/email/unsubscribe.js';
import { cancelPracticeReminder, listPracticeReminders, setPracticeReminder } from '../domain/reminders/practice.js';
import {
  applyUnsubscribe,
  readDelivery,
  readDiscreet,
  readPreferences,
  resumeDelivery,
  savePreferences,
  setChannel,
  setCheckins,
  setCoachContact,
  setDiscreet,
} from '../domain/reminders/preferences.js';
import { addSubscription, readPush, removeSubscription } from '../domain/reminders/push-subscriptions.js';
import { escapeHtml } from '../shared/email.js';
import { AppError } from '../shared/errors.js';
import { page } from '../shared/html-page.js';
import { httpHandler, ok, route } from '../shared/http.js';
import type { Runtime } from '../shared/runtime.js';

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

const badLink = (rt: Runtime) =>
  page(
    rt,
    400,
    'This link does not work',
    '<p>The unsubscribe link is not complete or has been changed. Open it again from the email, or change your email settings in the app.</p>',
  );

export const routes = [
  route({
    ...reminders.preferences,
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await readPreferences(rt, principal.userId)),
  }),
  route({
    ...reminders.savePreferences,
    auth: ['employee'],
    handle: async ({ rt, principal, body, now }) => ok(await savePreferences(rt, principal.userId, body, now)),
  }),
  route({
    ...reminders.delivery,
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await readDelivery(rt, principal.userId)),
  }),
  route({
    // After a bounce or a spam report every email to the address stops; the person can ask for email again here.
    ...reminders.resumeDelivery,
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await resumeDelivery(rt, principal.userId)),
  }),
  route({
    ...reminders.checkins,
    auth: ['employee'],
    handle: async ({ rt, principal, body, now }) => ok(await setCheckins(rt, principal.userId, body.on, now)),
  }),
  route({
    // How proactive the coach is: only when I write / check-ins as planned / a weekly check-in.
    ...reminders.coachContact,
    auth: ['employee'],
    handle: async ({ rt, principal, body, now }) => ok(await setCoachContact(rt, principal.userId, body.choice, now)),
  }),
  route({
    ...reminders.discreet,
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await readDiscreet(rt, principal.userId)),
  }),
  route({
    // Discreet mode for the account: neutral email subjects and sender, calendar files without the app's address,
    // and every signed-in device switches to neutral titles and icon.
    ...reminders.setDiscreet,
    auth: ['employee'],
    handle: async ({ rt, principal, body, now }) => ok(await setDiscreet(rt, principal.userId, body.on, now)),
  }),
  route({
    // Practice reminders: a module's "try this week" on the days and at the time the person picks (practice.ts).
    ...reminders.practices,
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await listPracticeReminders(rt.db, principal.userId)),
  }),
  route({
    // One per module: the same body twice is the same state; another body changes the days and time.
    ...reminders.setPractice,
    auth: ['employee'],
    handle: async ({ rt, principal, params, body, now }) =>
      ok(await setPracticeReminder(rt, principal.userId, params.moduleId, body, now)),
  }),
  route({
    ...reminders.cancelPractice,
    auth: ['employee'],
    handle: async ({ rt, principal, params }) =>
      ok(await cancelPracticeReminder(rt.db, principal.userId, params.moduleId)),
  }),
  route({
    // Web Push: the public key to subscribe with and how many devices have it on.
    ...reminders.push,
    auth: ['employee'],
    handle: async ({ rt, principal }) => ok(await readPush(rt, principal.userId)),
  }),
  route({
    // This browser's push subscription (PushSubscription.toJSON()); sending it again refreshes it.
    ...reminders.addPushSubscription,
    auth: ['employee'],
    handle: async ({ rt, principal, body, now }) => ok(await addSubscription(rt, principal.userId, body, now)),
  }),
  route({
    ...reminders.removePushSubscription,
    auth: ['employee'],
    handle: async ({ rt, principal, body }) => ok(await removeSubscription(rt, principal.userId, body.endpoint)),
  }),
  route({
    // How reminders arrive: email, or a notification on the devices that have push on (at least one needed).
    ...reminders.channel,
    auth: ['employee'],
    handle: async ({ rt, principal, body, now }) => {
      if (body.channel === 'push' && (await readPush(rt, principal.userId)).devices === 0)
        throw new AppError(409, 'no_push_device', 'Turn on notifications on this device first.', [
          { field: 'body.channel', message: 'needs at least one device with notifications on' },
        ]);
      return ok(await setChannel(rt, principal.userId, body.channel, now));
    },
  }),
  route({
    ...reminders.unsubscribePage,
    auth: 'public',
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
    ...reminders.unsubscribe,
    auth: 'public',
    accepts: 'form',
    handle: async ({ rt, query, now }) => {
      const claim = readUnsubscribeToken(rt, query.t);
      if (!claim) return badLink(rt);
      await applyUnsubscribe(rt, claim, now);
      return page(rt, 200, 'You are unsubscribed', `<p>${escapeHtml(unsubscribeWording(claim).done)}</p>`);
    },
  }),
];

export const handler = httpHandler(routes);
