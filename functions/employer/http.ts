// Employer context router (prefix /api/employer): the HR launch kit, work-time permission statements, departments
// with headcounts, line managers, and the line manager's endorsement composer.
// Privacy: no route here returns anything about an individual employee — only organisation settings and counts
// (tests/integration/employer-privacy.test.ts walks every route to prove it).

import { employer } from '../contract/employer.js';
import {
  endorsementTemplates,
  previewEndorsement,
  RETENTION_NOTE,
  sendEndorsement,
} from '../domain/employer/endorsements.js';
import { inviteUrlFor, launchKit, qrCodes } from '../domain/employer/launch-kit.js';
import { managerFigures } from '../domain/employer/manager-figures.js';
import * as repo from '../domain/employer/repository.js';
import { MAX_HEADCOUNT, MAX_TEAM_ADDRESSES } from '../domain/employer/schema.js';
import { PERMISSION_TEMPLATES } from '../domain/employer/templates.js';
import { currentPermissionStatement, ensureInvite, listDepartments } from '../domain/enrolment/repository.js';
import type { DepartmentItem } from '../domain/org/schema.js';
import { created, httpHandler, noContent, ok, route } from '../shared/http.js';

const HR = ['hr_admin'] as const;
const MANAGER = ['manager'] as const;

const departmentView = (d: DepartmentItem) => ({
  id: d.departmentId,
  name: d.name,
  headcount: d.headcount,
  updatedAt: d.updatedAt,
});

export const routes = [
  // ---- launch kit (HR) ----
  route({
    ...employer.launchKit,
    auth: HR,
    handle: async ({ rt, now }) => ok(await launchKit(rt, now)),
  }),
  route({
    ...employer.qr,
    auth: HR,
    handle: async ({ rt, now }) => {
      const inviteUrl = inviteUrlFor(rt, (await ensureInvite(rt.db, now.toISOString())).token);
      return ok({ inviteUrl, ...(await qrCodes(inviteUrl)) });
    },
  }),
  route({
    ...employer.checklist,
    auth: HR,
    handle: async ({ rt, params, body, now }) =>
      ok({ checklist: await repo.setChecklistItem(rt.db, params.itemId, body.done, now.toISOString()) }),
  }),

  // ---- work-time permission statement (HR) ----
  route({
    ...employer.permissionStatements,
    auth: HR,
    handle: async ({ rt }) => {
      const [current, history] = await Promise.all([
        currentPermissionStatement(rt.db, rt.config.tenant.permissionStatement),
        repo.permissionHistory(rt.db),
      ]);
      return ok({ current, history, templates: PERMISSION_TEMPLATES });
    },
  }),
  route({
    ...employer.publishPermission,
    auth: HR,
    handle: async ({ rt, body, now }) => {
      const { created: isNew, ...statement } = await repo.publishPermission(
        rt.db,
        body.text,
        body.expectedVersion,
        now.toISOString(),
      );
      return isNew ? created({ statement }) : ok({ statement });
    },
  }),

  // ---- departments and eligible headcounts (HR) ----
  route({
    ...employer.departments,
    auth: HR,
    handle: async ({ rt }) => {
      const all = await listDepartments(rt.db);
      return ok({
        departments: all.map(departmentView).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
        maxHeadcount: MAX_HEADCOUNT,
      });
    },
  }),
  route({
    ...employer.createDepartment,
    auth: HR,
    handle: async ({ rt, body, now }) =>
      created({ department: departmentView(await repo.createDepartment(rt.db, body, now.toISOString())) }),
  }),
  route({
    ...employer.updateDepartment,
    auth: HR,
    handle: async ({ rt, params, body, now }) =>
      ok({
        department: departmentView(await repo.updateDepartment(rt.db, params.departmentId, body, now.toISOString())),
      }),
  }),
  route({
    ...employer.deleteDepartment,
    auth: HR,
    handle: async ({ rt, params }) => {
      await repo.deleteDepartment(rt.db, params.departmentId);
      return noContent();
    },
  }),

  // ---- line managers: gated monthly figures only (HR) ----
  route({
    ...employer.managers,
    auth: HR,
    handle: async ({ rt, now }) => ok(await managerFigures(rt.db, now)),
  }),

  // ---- endorsements (line manager) ----
  route({
    ...employer.endorsements,
    auth: MANAGER,
    handle: async ({ rt, principal }) => {
      const [templates, batches] = await Promise.all([
        endorsementTemplates(rt),
        repo.listEndorsementBatches(rt.db, principal.userId),
      ]);
      return ok({
        templates,
        defaultSubject: "It's OK to take time for this at work",
        messagesSent: batches.reduce((n, b) => n + b.count, 0),
        sends: batches.map((b) => ({ sentAt: b.sentAt, count: b.count })),
        maxAddresses: MAX_TEAM_ADDRESSES,
        retention: RETENTION_NOTE,
      });
    },
  }),
  route({
    ...employer.previewEndorsement,
    auth: MANAGER,
    maxBodyBytes: 128 * 1024,
    handle: async ({ rt, body, now }) => ok(await previewEndorsement(rt, body, now)),
  }),
  route({
    ...employer.sendEndorsement,
    auth: MANAGER,
    maxBodyBytes: 128 * 1024,
    handle: async ({ rt, body, principal, now }) => ok(await sendEndorsement(rt, principal.userId, body, now)),
  }),
];

export const handler = httpHandler(routes);
