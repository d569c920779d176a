// /api/reminders: the employee's reminder preferences, check-ins and discreet mode, email delivery after a bounce,
// and one-click unsubscribe (RFC 8058) that works without signing in.
import { FREQUENCIES, PreferencesInput } from '../domain/reminders/schema.js';
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
