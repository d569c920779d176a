// Items and inputs of the enrolment context (joining, signing in, staff invitations).

import { ROLES } from '../../contract/roles.js';
import * as z from '../../shared/zod.js';

export const StaffRole = z.enum(['hr_admin', 'manager', 'coach']);

export const ProfileItem = z.object({
  userId: z.string(),
  role: z.enum(ROLES),
  /** Needed to send the person their own emails; never shown to the employer. */
  email: z.string(),
  emailHash: z.string(),
  /** Self-reported, optional; used only in thresholded aggregates. */
  departmentId: z.optional(z.string()),
  createdAt: z.string(),
  /** Employee accounts: the keyed pseudonym naming the rejoin marker kept after deletion (rejoin.ts); never exported. */
  personKey: z.optional(z.string()),
  /** Set when the account was made while a rejoin marker stood: it is not counted as a new person (rejoin.ts). */
  rejoinedAt: z.optional(z.string()),
});
export type ProfileItem = z.infer<typeof ProfileItem>;

export const EmailLookupItem = z.object({ userId: z.string(), role: z.enum(ROLES) });

export const ChallengeItem = z.object({
  /** Kept only for the 10 minutes the challenge lives, so the emailed link can complete sign-up ('' for `none`). */
  email: z.string(),
  codeHash: z.string(),
  linkHash: z.string(),
  attempts: z.int(),
  /**
   * What signing in should do when no account exists yet. `none`: the address has no account and nothing to join;
   * the challenge is only there so that asking costs the same work either way (sign-in.ts), and it never signs in.
   */
  intent: z.enum(['sign_in', 'join', 'staff_invite', 'bootstrap_staff', 'none']),
  role: z.enum(ROLES),
  departmentId: z.optional(z.string()),
  createdAt: z.string(),
  expiresAt: z.number(),
});
export type ChallengeItem = z.infer<typeof ChallengeItem>;

export const StaffInviteItem = z.object({ role: StaffRole, invitedAt: z.string() });

const Email = z.pipe(
  z.string().check(z.trim(), z.maxLength(254, 'must be at most 254 characters')),
  z.email('must be a valid email address'),
);

export const SignInInput = z.strictObject({
  email: Email,
  /** The organisation invite token, when joining from the invite link. */
  inviteToken: z.optional(z.string().check(z.minLength(10), z.maxLength(100))),
  departmentId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});

export const VerifyCodeInput = z.strictObject({
  email: Email,
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, 'must be the 6-digit code from the email')),
});

export const VerifyLinkInput = z.strictObject({
  k: z.string().check(z.minLength(10), z.maxLength(100)),
  t: z.string().check(z.minLength(20), z.maxLength(100)),
});

export const UpdateMeInput = z.strictObject({
  departmentId: z.nullable(z.string().check(z.minLength(1), z.maxLength(64))),
});

export const StaffInviteInput = z.strictObject({
  email: Email,
  role: z.enum(['hr_admin', 'manager']),
});

export const RotateInviteInput = z.strictObject({
  /** The token being replaced: a retried rotation with the same value changes nothing. */
  currentToken: z.string().check(z.minLength(10), z.maxLength(100)),
});
