// The one zod import for functions/: zod/mini (tree-shakeable functional API, ~22 KB in a bundle instead of ~440 KB
// for classic zod) with English error messages, which zod/mini does not load by itself.
// Import it as a namespace so the bundler keeps only what is used:  import * as z from '../shared/zod.js';
// API: z.string().check(z.minLength(1), z.maxLength(64)), z.optional(x), z._default(x, v), z.nullable(x),
// z.pipe(x, z.transform(f)), x.check(z.refine(f, { error: '…' })), z.extend(obj, {…}), z.partial(obj), z.pick(obj, {…}).
import { config, maxLength, minLength, regex, string, trim } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';

/** Control characters (C0 incl. CR, LF, VT, FF, NUL, tab; DEL; C1 incl. NEL) and the Unicode line/paragraph separators. */
export const NOT_SINGLE_LINE = /[\p{Cc}\u2028\u2029]/gu;

/**
 * The one type for every value that can reach an email header or any other single-line place: names (coach,
 * organisation, sender), subjects, display names. Trimmed; no line breaks or control characters of any kind, so it
 * can never start a new header line, whatever decodes it.
 */
export const singleLineText = (max: number, min = 1) =>
  string().check(
    trim(),
    minLength(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`),
    maxLength(max, `must be at most ${max} characters`),
    regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'must be a single line of text (no line breaks or control characters)'),
  );
