// /api/account (enrolment): joining from the invite link, passwordless sign-in, the signed-in person, and the HR
// admin's invite link and staff invitations.
import {
  RotateInviteInput,
  SignInInput,
  StaffInviteInput,
  UpdateMeInput,
  VerifyCodeInput,
  VerifyLinkInput,
} from '../domain/enrolment/schema.js';
import { CountryCode } from '../shared/tenant-config.js';
import * as z from '../shared/zod.js';
import { CrisisResource, Message, PermissionStatement } from './common.js';
import { endpoint, Iso, NoBody } from './endpoint.js';
import { ROLES } from './roles.js';

const o = z.strictObject;
const A = '/api/account';

/** What anyone may know about the organisation (tenant config only: nothing here depends on who has an account). */
export const OrgInfo = o({
  orgName: z.string(),
  permissionStatement: PermissionStatement,
  departments: z.array(o({ id: z.string(), name: z.string() })),
  /** The organisation's default country and its crisis resources. */
  country: z.string(),
  crisisResources: z.array(CrisisResource),
  /** Every country's list, the organisation's first, so the help page can switch on the device, offline too. */
  crisisCountries: z.array(o({ code: z.string(), name: z.string(), resources: z.array(CrisisResource) })),
  coachReplyExpectation: z.string(),
  /** The organisation's own email domains: the join and sign-in pages advise a personal address for these. */
  workEmailDomains: z.array(z.string()),
});
export type OrgInfo = z.infer<typeof OrgInfo>;

export const Me = o({
  role: z.enum(ROLES),
  email: z.string(),
  departmentId: z.nullable(z.string()),
  orgName: z.string(),
  joinedAt: Iso,
  /** Idle timeout (extended by any request) and the absolute end of this session. */
  session: o({ idleTimeoutMs: z.number(), endsAt: Iso }),
});
export type Me = z.infer<typeof Me>;

/** The signed-in person's country for crisis resources and its list (only they ever see it). */
export const CrisisCountryView = o({
  country: z.string(),
  /** False while it is the organisation's country by default. */
  chosen: z.boolean(),
  organisationCountry: z.string(),
  crisisResources: z.array(CrisisResource),
});
export type CrisisCountryView = z.infer<typeof CrisisCountryView>;
/** null goes back to the organisation's country. */
export const CountryInput = o({ country: z.nullable(CountryCode) });

const SignedIn = o({ role: z.enum(ROLES) });
export const InviteLink = o({ token: z.string(), url: z.string(), rotatedAt: Iso });
export type InviteLink = z.infer<typeof InviteLink>;

export const account = {
  org: endpoint({ method: 'GET', path: `${A}/org`, response: OrgInfo }),
  join: endpoint({
    method: 'GET',
    path: `${A}/join/:token`,
    params: o({ token: z.string().check(z.minLength(10), z.maxLength(100)) }),
    response: OrgInfo,
  }),
  signIn: endpoint({ method: 'POST', path: `${A}/sign-in`, body: SignInInput, response: Message }),
  verify: endpoint({ method: 'POST', path: `${A}/verify`, body: VerifyCodeInput, response: SignedIn }),
  verifyLink: endpoint({ method: 'POST', path: `${A}/verify-link`, body: VerifyLinkInput, response: SignedIn }),
  signOut: endpoint({ method: 'POST', path: `${A}/sign-out`, response: NoBody }),
  me: endpoint({ method: 'GET', path: `${A}/me`, response: Me }),
  updateMe: endpoint({
    method: 'PATCH',
    path: `${A}/me`,
    body: UpdateMeInput,
    response: o({ departmentId: z.nullable(z.string()) }),
  }),
  country: endpoint({ method: 'GET', path: `${A}/country`, response: CrisisCountryView }),
  setCountry: endpoint({ method: 'PUT', path: `${A}/country`, body: CountryInput, response: CrisisCountryView }),
  inviteLink: endpoint({ method: 'GET', path: `${A}/invite-link`, response: InviteLink }),
  rotateInviteLink: endpoint({
    method: 'POST',
    path: `${A}/invite-link/rotate`,
    body: RotateInviteInput,
    response: InviteLink,
  }),
  staffInvite: endpoint({ method: 'POST', path: `${A}/staff-invites`, body: StaffInviteInput, response: Message }),
};
