// Seeds an organisation's table for the local stack: departments with headcounts, the first permission statement,
// the invite link, and (for the demo) a line-manager invitation. HR admins and coaches come from the tenant file.
// Idempotent: every write is put-if-absent.
import { keys } from '../../functions/domain/keys.js';
import { normaliseEmail, randomToken } from '../../functions/shared/crypto.js';
import type { Db } from '../../functions/shared/db.js';
import { loadKeyring, type TenantKeys } from '../../functions/shared/keyring.js';
import type { TenantConfig } from '../../functions/shared/tenant-config.js';

export interface SeedPlan {
  departments: { id: string; name: string; headcount: number }[];
  managers: string[];
}

export const DEMO_SEED: SeedPlan = {
  departments: [
    { id: 'operations', name: 'Operations', headcount: 120 },
    { id: 'warehouse', name: 'Warehouse', headcount: 85 },
    { id: 'customer-service', name: 'Customer Service', headcount: 40 },
    { id: 'finance', name: 'Finance', headcount: 18 },
    { id: 'people', name: 'People and HR', headcount: 12 },
  ],
  managers: ['manager@northwind.example'],
};

export const MINIMAL_SEED: SeedPlan = {
  departments: [
    { id: 'engineering', name: 'Engineering', headcount: 60 },
    { id: 'sales', name: 'Sales', headcount: 25 },
  ],
  managers: [],
};

export async function seedTenant(
  db: Db,
  tenant: TenantConfig,
  tenantKeys: TenantKeys,
  plan: SeedPlan,
  now = new Date(),
): Promise<void> {
  const keyring = loadKeyring(tenantKeys);
  const at = now.toISOString();
  await db.put({ ...keys.orgInvite(), token: randomToken(18), rotatedAt: at }, { ifAbsent: true });
  await db.put(
    { ...keys.orgPermission(1), version: 1, text: tenant.permissionStatement, publishedAt: at },
    { ifAbsent: true },
  );
  for (const d of plan.departments)
    await db.put(
      {
        ...keys.orgDepartment(d.id),
        departmentId: d.id,
        name: d.name,
        headcount: d.headcount,
        createdAt: at,
        updatedAt: at,
      },
      { ifAbsent: true },
    );
  for (const email of plan.managers) {
    const emailHash = keyring.pseudonym('email', normaliseEmail(email)); // = emailHashOf in domain/enrolment/sign-in.ts
    await db.put({ ...keys.staffInvite(emailHash), role: 'manager', invitedAt: at }, { ifAbsent: true });
  }
}
