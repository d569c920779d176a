// Items and inputs of the employer context (launch kit, permission statements, departments, endorsements).
import * as z from '../../shared/zod.js';
import { CHECKLIST_IDS } from './templates.js';

export const MAX_HEADCOUNT = 1_000_000;
/** Most addresses one endorsement batch may go to (said in the UI and in the error). */
export const MAX_TEAM_ADDRESSES = 200;
/** Generous room for 200 long addresses plus separators; beyond this the list is refused before parsing. */
export const MAX_TEAM_LIST_CHARS = 60_000;

const singleLine = (max: number) => z.singleLineText(max);

// ---- permission statement ----
export const PublishPermissionInput = z.strictObject({
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(10, 'must be at least 10 characters'),
      z.maxLength(600, 'must be at most 600 characters'),
    ),
  /** The version the writer saw as current; publishing makes expectedVersion + 1 (a retry changes nothing). */
  expectedVersion: z.int().check(z.minimum(0), z.maximum(999_999)),
});

// ---- departments ----
export const DepartmentName = singleLine(80);
export const Headcount = z
  .int({ error: 'must be a whole number' })
  .check(
    z.minimum(0, 'cannot be below zero'),
    z.maximum(MAX_HEADCOUNT, `must be at most ${MAX_HEADCOUNT.toLocaleString('en-GB')}`),
  );

export const CreateDepartmentInput = z.strictObject({ name: DepartmentName, headcount: Headcount });
export const UpdateDepartmentInput = z
  .strictObject({ name: z.optional(DepartmentName), headcount: z.optional(Headcount) })
  .check(z.refine((v) => v.name !== undefined || v.headcount !== undefined, 'send a name, a headcount or both'));
export const DepartmentIdParam = z.strictObject({
  departmentId: z
    .string()
    .check(z.minLength(1), z.maxLength(64), z.regex(/^[a-zA-Z0-9_-]+$/, 'is not a department id')),
});

// ---- launch checklist ----
export const ChecklistItemParam = z.strictObject({ itemId: z.enum(CHECKLIST_IDS) });
export const ChecklistUpdateInput = z.strictObject({ done: z.boolean() });
export const ChecklistItem = z.object({ done: z._default(z.record(z.string(), z.string()), {}) });

// ---- endorsements ----
const Subject = singleLine(120);
const Message = z
  .string()
  .check(
    z.trim(),
    z.minLength(20, 'must be at least 20 characters'),
    z.maxLength(2000, 'must be at most 2,000 characters'),
  );
const TeamList = z
  .string()
  .check(
    z.maxLength(MAX_TEAM_LIST_CHARS, `is too long: you can send to at most ${MAX_TEAM_ADDRESSES} addresses at a time`),
  );

export const EndorsementPreviewInput = z.strictObject({ subject: Subject, message: Message, addresses: TeamList });
export const EndorsementSendInput = z.strictObject({
  /** Made by the browser once per composed message, so a double submit is recognised and sends nothing twice. */
  batchId: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16–64 letters, digits, "-" or "_"')),
  subject: Subject,
  message: Message,
  addresses: TeamList,
});

export const EndorsementBatchItem = z.object({
  batchId: z.string(),
  count: z.int(),
  sentAt: z.string(),
  /** Keyed hash of subject, message and the sorted address list: tells a retry from a different batch. */
  fingerprint: z.string(),
});
export type EndorsementBatchItem = z.infer<typeof EndorsementBatchItem>;
