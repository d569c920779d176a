// /api/employer: the HR launch kit, work-time permission statements, departments with headcounts, line managers'
// figures, and the line manager's endorsement composer. Nothing here is about an individual employee.
import {
  ChecklistItemParam,
  ChecklistUpdateInput,
  CreateDepartmentInput,
  DepartmentIdParam,
  EndorsementPreviewInput,
  EndorsementSendInput,
  PublishPermissionInput,
  UpdateDepartmentInput,
} from '../domain/employer/schema.js';
import * as z from '../shared/zod.js';
import { EmailContent, PermissionStatement } from './common.js';
import { endpoint, Iso, NoBody } from './endpoint.js';
import { ManagerFigures } from './stats.js';

const o = z.strictObject;
const E = '/api/employer';

export const ChecklistEntry = o({ id: z.string(), label: z.string(), done: z.boolean(), doneAt: z.nullable(Iso) });
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

export const LaunchKit = o({
  orgName: z.string(),
  inviteUrl: z.string(),
  permissionStatement: PermissionStatement,
  announcementEmail: o({ subject: z.string(), body: z.string() }),
  intranet: o({ title: z.string(), body: z.string() }),
  poster: o({
    heading: z.string(),
    body: z.string(),
    points: z.array(z.string()),
    cta: z.string(),
    permissionStatement: z.string(),
  }),
  checklist: z.array(ChecklistEntry),
});
export type LaunchKit = z.infer<typeof LaunchKit>;

export const TextTemplate = o({ id: z.string(), label: z.string(), text: z.string() });
export type TextTemplate = z.infer<typeof TextTemplate>;

const PublishedStatement = o({ version: z.number(), text: z.string(), publishedAt: Iso });
export const PermissionStatements = o({
  current: PermissionStatement,
  history: z.array(PublishedStatement),
  templates: z.array(TextTemplate),
});
export type PermissionStatements = z.infer<typeof PermissionStatements>;

export const Department = o({ id: z.string(), name: z.string(), headcount: z.number(), updatedAt: Iso });
export type Department = z.infer<typeof Department>;

export const Endorsements = o({
  templates: z.array(TextTemplate),
  defaultSubject: z.string(),
  messagesSent: z.number(),
  sends: z.array(o({ sentAt: Iso, count: z.number() })),
  maxAddresses: z.number(),
  retention: z.string(),
});
export type Endorsements = z.infer<typeof Endorsements>;

export const EndorsementPreview = o({
  recipients: z.number(),
  duplicatesMerged: z.number(),
  senderName: z.string(),
  content: EmailContent,
});
export type EndorsementPreview = z.infer<typeof EndorsementPreview>;

export const employer = {
  launchKit: endpoint({ method: 'GET', path: `${E}/launch-kit`, response: LaunchKit }),
  qr: endpoint({
    method: 'GET',
    path: `${E}/launch-kit/qr`,
    response: o({ svg: z.string(), png: z.string(), inviteUrl: z.string() }),
  }),
  checklist: endpoint({
    method: 'PUT',
    path: `${E}/launch-kit/checklist/:itemId`,
    params: ChecklistItemParam,
    body: ChecklistUpdateInput,
    response: o({ checklist: z.array(ChecklistEntry) }),
  }),
  permissionStatements: endpoint({ method: 'GET', path: `${E}/permission-statements`, response: PermissionStatements }),
  publishPermission: endpoint({
    method: 'POST',
    path: `${E}/permission-statements`,
    body: PublishPermissionInput,
    response: o({ statement: PublishedStatement }),
  }),
  departments: endpoint({
    method: 'GET',
    path: `${E}/departments`,
    response: o({ departments: z.array(Department), maxHeadcount: z.number() }),
  }),
  createDepartment: endpoint({
    method: 'POST',
    path: `${E}/departments`,
    body: CreateDepartmentInput,
    response: o({ department: Department }),
  }),
  updateDepartment: endpoint({
    method: 'PATCH',
    path: `${E}/departments/:departmentId`,
    params: DepartmentIdParam,
    body: UpdateDepartmentInput,
    response: o({ department: Department }),
  }),
  deleteDepartment: endpoint({
    method: 'DELETE',
    path: `${E}/departments/:departmentId`,
    params: DepartmentIdParam,
    response: NoBody,
  }),
  managers: endpoint({ method: 'GET', path: `${E}/managers`, response: ManagerFigures }),
  endorsements: endpoint({ method: 'GET', path: `${E}/endorsements`, response: Endorsements }),
  previewEndorsement: endpoint({
    method: 'POST',
    path: `${E}/endorsements/preview`,
    body: EndorsementPreviewInput,
    response: EndorsementPreview,
  }),
  sendEndorsement: endpoint({
    method: 'POST',
    path: `${E}/endorsements`,
    body: EndorsementSendInput,
    response: o({ batchId: z.string(), sent: z.number(), sentAt: Iso }),
  }),
};

// Answers whose schema is written inline above, named for the web app.
export type QrCodes = z.infer<typeof employer.qr.response>;
export type Departments = z.infer<typeof employer.departments.response>;
