// One endpoint of the API contract: where it is and what goes in and out. The server's route() spreads it and adds
// who may call it and what it does; the web app reads only its types (import type).
import * as z from '../shared/zod.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.ZodMiniType;

export interface Endpoint<
  PS extends Schema | undefined = Schema | undefined,
  QS extends Schema | undefined = Schema | undefined,
  BS extends Schema | undefined = Schema | undefined,
  RS extends Schema = Schema,
> {
  method: Method;
  /** e.g. "/api/programme/diary/:entryId" */
  path: string;
  params?: PS;
  query?: QS;
  body?: BS;
  /** What a successful answer carries: a JSON body, `NoBody` (204) or `Text` (CSV, iCalendar, HTML). */
  response: RS;
}

/** Keeps each schema's own type (a plain object literal would widen `method` to string). */
export const endpoint = <
  RS extends Schema,
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
>(
  e: Endpoint<PS, QS, BS, RS>,
) => e;

/** The response of a route that answers 204 with no body. */
export const NoBody = z.undefined();
/** The response of a route that answers with text of its own content type (CSV, iCalendar, HTML). */
export const Text = z.string();
/** An ISO 8601 timestamp, as every time in a response is sent. */
export const Iso = z.string();

/** What an endpoint answers, for the web app: `useApi<ResponseOf<typeof reminders.practices>>(…)`. */
export type ResponseOf<E extends Endpoint> = z.infer<E['response']>;
