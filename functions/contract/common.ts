// Response pieces more than one context sends.
import * as z from '../shared/zod.js';
import { Iso } from './endpoint.js';

const o = z.strictObject;

export const CrisisResource = o({ name: z.string(), contact: z.string(), description: z.string(), href: z.string() });
export type CrisisResource = z.infer<typeof CrisisResource>;

/** The organisation's work-time permission statement (version 1 with publishedAt null is the tenant default). */
export const PermissionStatement = o({ version: z.number(), text: z.string(), publishedAt: z.nullable(Iso) });
export type PermissionStatement = z.infer<typeof PermissionStatement>;

/** An HTML email's content as the sender builds it (previews show exactly this). */
export const EmailContent = o({
  subject: z.string(),
  preheader: z.string(),
  heading: z.string(),
  blocks: z.array(
    o({
      text: z.optional(z.string()),
      code: z.optional(z.string()),
      button: z.optional(o({ label: z.string(), href: z.string() })),
    }),
  ),
  footer: z.string(),
});

/** A short confirmation ("Invitation sent.", "Check your email."). */
export const Message = o({ message: z.string() });
