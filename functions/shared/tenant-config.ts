// The per-organisation configuration: tenants/<slug>.json, validated here.
// The same schema is used by the functions (TENANT_CONFIG env), the CDK app and the local stack.
import { z } from 'zod';

export const TenantSlug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, 'must be 3–32 lower-case letters, digits or hyphens, starting with a letter');

const CrisisResource = z.strictObject({
  name: z.string().min(1).max(80),
  contact: z.string().min(1).max(80),
  description: z.string().min(1).max(240),
  href: z.string().regex(/^(tel:|sms:|https:\/\/)/, 'must be a tel:, sms: or https:// link'),
});

export const UK_CRISIS_RESOURCES: z.infer<typeof CrisisResource>[] = [
  { name: 'Emergency services', contact: '999', description: 'If you or someone else is in immediate danger, or you have harmed yourself.', href: 'tel:999' },
  { name: 'NHS 111, option 2', contact: '111, then option 2', description: 'Urgent mental health help, 24 hours a day, for any age.', href: 'tel:111' },
  { name: 'Samaritans', contact: '116 123', description: 'Free to call, day or night, whatever you are going through.', href: 'tel:116123' },
  { name: 'Shout', contact: 'Text SHOUT to 85258', description: 'Free, confidential text support, 24/7.', href: 'sms:85258&body=SHOUT' },
];

export const DEFAULT_PERMISSION_STATEMENT =
  "You may use Respite for up to 30 minutes a week during working hours. You don't need to ask or record it.";

export const TenantConfigSchema = z.strictObject({
  slug: TenantSlug,
  name: z.string().min(2).max(80),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter code').default('GB'),
  timeZone: z.string().min(1).default('Europe/London'),
  /** First HR admins; more are invited in the app. */
  adminEmails: z.array(z.email()).min(1),
  /** Coaches assigned to this organisation (operator staff). */
  coachEmails: z.array(z.email()).default([]),
  email: z
    .strictObject({
      senderName: z.string().min(1).max(60).default('Respite'),
      /** Used for everything when the person chose discreet mode. */
      discreetSenderName: z.string().min(1).max(60).default('Notifications'),
      fromAddress: z.email().optional(),
    })
    .default({ senderName: 'Respite', discreetSenderName: 'Notifications' }),
  permissionStatement: z.string().min(10).max(600).default(DEFAULT_PERMISSION_STATEMENT),
  crisisResources: z.array(CrisisResource).min(1).default(UK_CRISIS_RESOURCES),
  /** Local time of the Monday-morning message, HH:MM. */
  mondayMessageTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)').default('08:30'),
  coachReplyExpectation: z.string().min(5).max(120).default('within 24 hours, Monday to Friday'),
  /** Yearly privacy budget for employer statistics (privacy-model.md). */
  epsilonPerYear: z.number().min(0.5).max(1).default(1),
});

export type TenantConfig = z.infer<typeof TenantConfigSchema>;
export type CrisisResourceItem = z.infer<typeof CrisisResource>;
