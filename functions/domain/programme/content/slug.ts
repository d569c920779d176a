// Content ids. On their own so that input schemas can use them without loading the content schemas.
import * as z from '../../../shared/zod.js';

/** Ids are lower-case slugs: they appear in URLs and in stored progress, so they never change once published. */
export const Slug = z
  .string()
  .check(z.maxLength(64), z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug like "breathing-space"'));
