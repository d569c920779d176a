// Items and inputs of the enrolment context (joining, signing in, staff invitations).
import { z } from 'zod';
import { ROLES } from '../../shared/session-token.js';

export const StaffRole = z.enum(['hr_admin', 'manager', 'coach']);

export const ProfileItem = z.object({
  userId: z.string(),
  role: z.enum(ROLES),
  /** Needed to send the person their own emails; never shown to the employer. */
  email: z.string(),
  emailHash: z.string(),
  /** Self-reported, optional; used only in thresholded aggregates. */
  departmentId: z.string().optional(),
  createdAt: z.string(),
});
export type ProfileItem = z.infer<typeof ProfileItem>;

export const EmailLookupItem = z.object({ userId: z.string(), role: z.enum(ROLES) });

export const ChallengeItem = z.object({
  /** Kept only for the 10 minutes the challenge lives, so the emailed link can complete sign-up. */
  email: z.string(),
  codeHash: z.string(),
  linkHash: z.string(),
  attempts: z.number().int(),
  /** What signing in should do when no account exists yet. */
  intent: z.enum(['sign_in', 'join', 'staff_invite', 'bootstrap_staff']),
  role: z.enum(ROLES),
  departmentId: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.number(),
});
export type ChallengeItem = z.infer<typeof ChallengeItem>;

export const StaffInviteItem = z.object({ role: StaffRole, invitedAt: z.string() });

const Email = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid email address'));

export const SignInInput = z.strictObject({
  email: Email,
  /** The organisation invite token, when joining from the invite link. */
  inviteToken: z.string().min(10).max(100).optional(),
  departmentId: z.string().min(1).max(64).optional(),
});

export const VerifyCodeInput = z.strictObject({
  email: Email,
  code: z.string().trim().regex(/^\d{6}$/, 'must be the 6-digit code from the email'),
});

export const VerifyLinkInput = z.strictObject({
  k: z.string().min(10).max(100),
  t: z.string().min(20).max(100),
});

export const UpdateMeInput = z.strictObject({
  departmentId: z.string().min(1).max(64).nullable(),
});

export const StaffInviteInput = z.strictObject({
  email: Email,
  role: z.enum(['hr_admin', 'manager']),
});

export const RotateInviteInput = z.strictObject({
  /** The token being replaced: a retried rotation with the same value changes nothing. */
  currentToken: z.string().min(10).max(100),
});
