// The one zod import for functions/: zod/mini (tree-shakeable functional API, ~22 KB in a bundle instead of ~440 KB
// for classic zod) with English error messages, which zod/mini does not load by itself.
// Import it as a namespace so the bundler keeps only what is used:  import * as z from '../shared/zod.js';
// API: z.string().check(z.minLength(1), z.maxLength(64)), z.optional(x), z._default(x, v), z.nullable(x),
// z.pipe(x, z.transform(f)), x.check(z.refine(f, { error: '…' })), z.extend(obj, {…}), z.partial(obj), z.pick(obj, {…}).
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
