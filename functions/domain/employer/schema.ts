// Items and inputs of the employer context (launch kit, permission statements, departments, endorsements).
import { z } from 'zod';
import { CHECKLIST_IDS } from './templates.js';

export const MAX_HEADCOUNT = 1_000_000;
/** Most addresses one endorsement batch may go to (said in the UI and in the error). */
export const MAX_TEAM_ADDRESSES = 200;
/** Generous room for 200 long addresses plus separators; beyond this the list is refused before parsing. */
export const MAX_TEAM_LIST_CHARS = 60_000;

const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\r\n\t]/.test(s), 'must be a single line');

// ---- permission statement ----
export const PublishPermissionInput = z.strictObject({
  text: z.string().trim().min(10, 'must be at least 10 characters').max(600, 'must be at most 600 characters'),
  /** The version the writer saw as current; publishing makes expectedVersion + 1 (a retry changes nothing). */
  expectedVersion: z.number().int().min(0).max(999_999),
});

// ---- departments ----
export const DepartmentName = singleLine(80);
export const Headcount = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'cannot be below zero')
  .max(MAX_HEADCOUNT, `must be at most ${MAX_HEADCOUNT.toLocaleString('en-GB')}`);

export const CreateDepartmentInput = z.strictObject({ name: DepartmentName, headcount: Headcount });
export const UpdateDepartmentInput = z
  .strictObject({ name: DepartmentName.optional(), headcount: Headcount.optional() })
  .refine((v) => v.name !== undefined || v.headcount !== undefined, { message: 'send a name, a headcount or both' });
export const DepartmentIdParam = z.strictObject({ departmentId: z.string().min(1).max(64).regex(/^[a-zA-Z0-9_-]+$/, 'is not a department id') });

// ---- launch checklist ----
export const ChecklistItemParam = z.strictObject({ itemId: z.enum(CHECKLIST_IDS) });
export const ChecklistUpdateInput = z.strictObject({ done: z.boolean() });
export const ChecklistItem = z.object({ done: z.record(z.string(), z.string()).default({}) });

// ---- endorsements ----
const Subject = singleLine(120);
const Message = z.string().trim().min(20, 'must be at least 20 characters').max(2000, 'must be at most 2,000 characters');
const TeamList = z.string().max(MAX_TEAM_LIST_CHARS, `is too long: you can send to at most ${MAX_TEAM_ADDRESSES} addresses at a time`);

export const EndorsementPreviewInput = z.strictObject({ subject: Subject, message: Message, addresses: TeamList });
export const EndorsementSendInput = z.strictObject({
  /** Made by the browser once per composed message, so a double submit is recognised and sends nothing twice. */
  batchId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16–64 letters, digits, "-" or "_"'),
  subject: Subject,
  message: Message,
  addresses: TeamList,
});

export const EndorsementBatchItem = z.object({
  batchId: z.string(),
  count: z.number().int(),
  sentAt: z.string(),
  /** Keyed hash of subject, message and the sorted address list: tells a retry from a different batch. */
  fingerprint: z.string(),
});
export type EndorsementBatchItem = z.infer<typeof EndorsementBatchItem>;

export const EndorsementTallyItem = z.object({ sent: z.number().int().default(0) });
