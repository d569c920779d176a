// Organisation-level items shared by several contexts (enrolment, employer, stats).
import * as z from '../../shared/zod.js';

export const DepartmentItem = z.object({
  departmentId: z.string(),
  name: z.string(),
  /** Eligible headcount supplied by HR: gates which statistics cells may be shown (docs/statistics.md, rule 2). */
  headcount: z.int().check(z.minimum(0)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DepartmentItem = z.infer<typeof DepartmentItem>;

export const InviteItem = z.object({
  /** The organisation-wide invite token (one link for everyone; it is printed on posters, so not a secret). */
  token: z.string(),
  rotatedAt: z.string(),
});
export type InviteItem = z.infer<typeof InviteItem>;

export const PermissionStatementItem = z.object({
  version: z.int().check(z.minimum(1)),
  text: z.string(),
  publishedAt: z.string(),
});
export type PermissionStatementItem = z.infer<typeof PermissionStatementItem>;
