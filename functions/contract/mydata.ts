// /api/my-data: download everything, delete the account, see signed-in devices and sign out everywhere, and the
// "keep my account" page from the inactivity email.
import * as z from '../shared/zod.js';
import { endpoint, Iso, Text } from './endpoint.js';

const o = z.strictObject;
const M = '/api/my-data';

export const EXPORT_SECTIONS = [
  'coach',
  'profile',
  'preferences',
  'welcome',
  'progress',
  'exercises',
  'parkedThoughts',
  'diaries',
  'questionnaires',
  'returnToWork',
  'endorsements',
  'emailsSent',
  'countingMarkers',
  'sessions',
  'other',
] as const;

/** Everything stored about the person; each record keeps its own fields (the export shows them all). */
export const DataExport = o({
  format: z.literal('respite-data-export'),
  formatVersion: z.literal(2),
  exportedAt: Iso,
  organisation: z.string(),
  about: z.string(),
  sections: z.array(
    o({
      id: z.enum(EXPORT_SECTIONS),
      title: z.string(),
      records: z.array(z.looseObject({ type: z.string(), id: z.optional(z.string()) })),
    }),
  ),
});
export type DataExport = z.infer<typeof DataExport>;

export const DeviceSession = o({ device: z.string(), signedInAt: Iso, lastActiveAt: Iso, current: z.boolean() });
export type DeviceSession = z.infer<typeof DeviceSession>;

export const DeleteAccountInput = o({
  confirm: z.literal(true, 'tick the box to confirm that you want to delete your account and everything in it'),
});
const KeepQuery = o({ t: z.string().check(z.minLength(10, 'is missing or too short'), z.maxLength(2000)) });

export const myData = {
  export: endpoint({ method: 'GET', path: `${M}/export`, response: DataExport }),
  exportHtml: endpoint({ method: 'GET', path: `${M}/export.html`, response: Text }),
  sessions: endpoint({ method: 'GET', path: `${M}/sessions`, response: o({ sessions: z.array(DeviceSession) }) }),
  signOutEverywhere: endpoint({
    method: 'POST',
    path: `${M}/sessions/sign-out-everywhere`,
    response: o({ signedOut: z.number() }),
  }),
  deleteAccount: endpoint({
    method: 'POST',
    path: `${M}/delete-account`,
    body: DeleteAccountInput,
    response: o({ deleted: z.boolean() }),
  }),
  keepAccountPage: endpoint({ method: 'GET', path: `${M}/keep-account`, query: KeepQuery, response: Text }),
  keepAccount: endpoint({
    method: 'POST',
    path: `${M}/keep-account`,
    query: KeepQuery,
    body: z.record(z.string(), z.string()),
    response: Text,
  }),
};
