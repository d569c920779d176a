// /api/reminders: the employee's reminder preferences, check-ins and discreet mode, email delivery after a bounce,
// and one-click unsubscribe (RFC 8058) that works without signing in.
import { PracticeReminderInput } from '../domain/reminders/practice.js';
import { PushSubscriptionInput } from '../domain/reminders/push-subscriptions.js';
import {
  CHANNELS,
  COACH_CONTACT,
  CoachContactInput,
  FREQUENCIES,
  PreferencesInput,
} from '../domain/reminders/schema.js';
import * as z from '../shared/zod.js';
import { endpoint, Iso, Text } from './endpoint.js';

const o = z.strictObject;
const R = '/api/reminders';

export const PreferencesView = o({
  preferences: o({
    remindersOn: z.boolean(),
    days: z.array(z.number()),
    time: z.string(),
    timeZone: z.string(),
    frequency: z.enum(FREQUENCIES),
    mondayOn: z.boolean(),
    discreet: z.boolean(),
    checkinsOn: z.boolean(),
    /** How proactive the coach is (absent until the person chooses; the check-ins switch then decides). */
    coachContact: z.optional(z.enum(COACH_CONTACT)),
    channel: z.enum(CHANNELS),
    version: z.number(),
  }),
  /** False until the person saves once (the UI then suggests the browser's time zone). */
  saved: z.boolean(),
  nextReminderAt: z.nullable(Iso),
  nextMondayAt: z.nullable(Iso),
  mondayTime: z.string(),
});
export type PreferencesView = z.infer<typeof PreferencesView>;

export const Delivery = o({ delivery: z.enum(['ok', 'bounced', 'complained']) });
export type Delivery = z.infer<typeof Delivery>;

const OnOff = o({ on: z.boolean() });

export const PracticeReminder = o({
  moduleId: z.string(),
  moduleNumber: z.number(),
  moduleTitle: z.string(),
  /** The section to open in the module: its "try this week". */
  sectionId: z.string(),
  title: z.string(),
  days: z.array(z.number()),
  time: z.string(),
  timeZone: z.string(),
  nextAt: Iso,
});
export type PracticeReminder = z.infer<typeof PracticeReminder>;

/** The VAPID public key browsers subscribe with, and how many devices get reminder notifications. */
export const PushView = o({ publicKey: z.string(), devices: z.number() });
export type PushView = z.infer<typeof PushView>;

const ModuleParams = o({
  moduleId: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a module id'), z.maxLength(64)),
});
const UnsubscribeQuery = o({ t: z.string().check(z.minLength(10, 'is missing or too short'), z.maxLength(2000)) });

export const reminders = {
  preferences: endpoint({ method: 'GET', path: `${R}/preferences`, response: PreferencesView }),
  savePreferences: endpoint({
    method: 'PUT',
    path: `${R}/preferences`,
    body: PreferencesInput,
    response: PreferencesView,
  }),
  delivery: endpoint({ method: 'GET', path: `${R}/delivery`, response: Delivery }),
  resumeDelivery: endpoint({ method: 'POST', path: `${R}/resume-delivery`, response: Delivery }),
  checkins: endpoint({ method: 'PUT', path: `${R}/checkins`, body: OnOff, response: PreferencesView }),
  coachContact: endpoint({
    method: 'PUT',
    path: `${R}/coach-contact`,
    body: CoachContactInput,
    response: o({ coachContact: z.enum(COACH_CONTACT) }),
  }),
  practices: endpoint({
    method: 'GET',
    path: `${R}/practices`,
    response: o({ reminders: z.array(PracticeReminder), max: z.number() }),
  }),
  setPractice: endpoint({
    method: 'PUT',
    path: `${R}/practices/:moduleId`,
    params: ModuleParams,
    body: PracticeReminderInput,
    response: PracticeReminder,
  }),
  cancelPractice: endpoint({
    method: 'DELETE',
    path: `${R}/practices/:moduleId`,
    params: ModuleParams,
    response: o({ cancelled: z.literal(true) }),
  }),
  push: endpoint({ method: 'GET', path: `${R}/push`, response: PushView }),
  addPushSubscription: endpoint({
    method: 'PUT',
    path: `${R}/push/subscription`,
    body: PushSubscriptionInput,
    response: PushView,
  }),
  removePushSubscription: endpoint({
    method: 'POST',
    path: `${R}/push/remove`,
    body: o({ endpoint: z.string().check(z.minLength(1), z.maxLength(1000)) }),
    response: PushView,
  }),
  channel: endpoint({
    method: 'PUT',
    path: `${R}/channel`,
    body: o({ channel: z.enum(CHANNELS) }),
    response: PreferencesView,
  }),
  discreet: endpoint({ method: 'GET', path: `${R}/discreet`, response: OnOff }),
  setDiscreet: endpoint({ method: 'PUT', path: `${R}/discreet`, body: OnOff, response: OnOff }),
  /** HTML pages: the link in an email opens the first, its button (or a mail client, RFC 8058) posts the second. */
  unsubscribePage: endpoint({ method: 'GET', path: `${R}/unsubscribe`, query: UnsubscribeQuery, response: Text }),
  unsubscribe: endpoint({
    method: 'POST',
    path: `${R}/unsubscribe`,
    query: UnsubscribeQuery,
    body: z.record(z.string(), z.string()),
    response: Text,
  }),
};
