// The one error model. Domain code throws AppError; the HTTP wrapper maps it to status + JSON.
// Anything that is not an AppError becomes a generic 500 that is logged and never leaked.
import type * as z from './zod.js';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. "body.email" or "query.period". */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, fields: FieldProblem[] = [], code = 'bad_request') =>
  new AppError(400, code, message, fields);
export const unauthorized = (message = 'Please sign in.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have access to this.') => new AppError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new AppError(404, 'not_found', message);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);
export const payloadTooLarge = (limitBytes: number) =>
  new AppError(413, 'payload_too_large', `The request body is larger than ${limitBytes} bytes.`);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'Too many requests. Please wait a little and try again.', [], {
    'retry-after': String(retryAfterSeconds),
  });

/** Turns a zod failure into a 422 naming every field, e.g. "body.email: Invalid email address". */
export function validationError(error: z.core.$ZodError, where: 'body' | 'query' | 'path'): AppError {
  const fields = error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new AppError(422, 'validation_failed', `Some fields are not valid. ${summary}`, fields);
}
