// Offboard → re-onboard and offboard → shred on the local stack (scripts/tenant-lifecycle.ts --local), against
// DynamoDB Local: an offboarded organisation comes back with its people, sessions and data; a shredded one is gone
// (table and keys), and its slug can be onboarded afresh. Each step refuses what does not follow from the state.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand, DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TenantKeysSchema } from '../../functions/shared/keyring.js';
import { localDynamoClient } from '../../scripts/local/dynamodb.js';
import { addTenant } from '../../scripts/tenant-add.js';
import { type LifecycleTarget, offboard, reonboard, shred } from '../../scripts/tenant-lifecycle.js';
import { ApiClient, accountOf, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

let first: TestStack | undefined;
let second: TestStack | undefined;
afterAll(async () => {
  await first?.stop();
  await second?.stop();
});

let tenantsDir: string;
let stateDir: string;
let target: LifecycleTarget;
beforeAll(() => {
  tenantsDir = mkdtempSync(join(tmpdir(), 'lifecycle-tenants-'));
  stateDir = mkdtempSync(join(tmpdir(), 'lifecycle-state-'));
  writeFileSync(join(tenantsDir, 'demo.json'), JSON.stringify(demoTenant()));
});

const sameDevice = (client: ApiClient, stack: TestStack) => {
  const moved = new ApiClient(stack.tenantUrl('demo'));
  for (const [k, v] of client.cookies) moved.cookies.set(k, v);
  return moved;
};
const tableGone = async (endpoint: string, table: string) =>
  localDynamoClient(endpoint)
    .send(new DescribeTableCommand({ TableName: table }))
    .then(
      () => false,
      (err: { name?: string }) => err.name === 'ResourceNotFoundException',
    );

describe('tenant lifecycle (--local)', () => {
  it('offboard → re-onboard: the organisation comes back with its people, sessions and data', async () => {
    first = await startTestStack();
    target = {
      slug: 'demo',
      tenantsDir,
      local: { client: localDynamoClient(first.ddbEndpoint), table: first.tableName('demo'), stateDir },
    };
    writeFileSync(join(stateDir, 'keys-demo.json'), JSON.stringify(first.keys('demo')));
    const hr = await first.signIn('hr@northwind.example');
    const inviteToken = (await hr.get('/api/account/invite-link')).body.token as string;
    const employee = await first.signIn('lifecycle.me@example.org', { inviteToken, departmentId: 'warehouse' });
    const me = await employee.get('/api/account/me');
    expect(me.status).toBe(200);
    await first.stop();
    first = undefined;

    expect(await offboard(target)).toMatch(/^Offboarded demo: it is no longer served; table .* are kept\./);
    expect(existsSync(join(tenantsDir, 'demo.json'))).toBe(false);
    expect(existsSync(join(tenantsDir, 'offboarded', 'demo.json'))).toBe(true);
    await expect(offboard(target)).rejects.toThrow('No organisation "demo"');
    // The slug is not free while its data is kept.
    expect(() => addTenant(['demo', '--name', 'Someone else', '--admin-email', 'x@else.example'], tenantsDir)).toThrow(
      /belongs to an offboarded organisation/,
    );

    expect(await reonboard(target)).toBe('Re-onboarded demo with its data: restart npm start to serve it again.');
    expect(existsSync(join(tenantsDir, 'demo.json'))).toBe(true);
    await expect(reonboard(target)).rejects.toThrow('"demo" is not offboarded');

    // Served again from the kept table and keys: the same device is still signed in, and sees the same account.
    const keptKeys = TenantKeysSchema.parse(JSON.parse(readFileSync(join(stateDir, 'keys-demo.json'), 'utf8')));
    second = await startTestStack({
      tablePrefix: target.local!.table.replace(/demo$/, ''),
      tenantKeys: new Map([['demo', keptKeys]]),
    });
    const back = sameDevice(employee, second);
    expect((await back.get('/api/account/me')).body).toEqual(me.body);
    expect(accountOf((await (await second.signIn('lifecycle.me@example.org')).get('/api/account/me')).body)).toEqual(
      accountOf(me.body),
    );
    await second.stop();
    second = undefined;
  });

  it('offboard → shred: the table and keys are gone, nothing can be re-onboarded, and the slug is free again', async () => {
    const table = target.local!.table;
    await expect(shred(target, true)).rejects.toThrow('"demo" is still onboarded');
    await offboard(target);
    // As in AWS, the retained table is deletion-protected: shredding turns that off first (deleteRetainedTable).
    await target.local!.client.send(new UpdateTableCommand({ TableName: table, DeletionProtectionEnabled: true }));
    await expect(target.local!.client.send(new DeleteTableCommand({ TableName: table }))).rejects.toThrow(
      /deletion protection/i,
    );
    await expect(shred(target, false)).rejects.toThrow('add --yes');
    expect(await shred(target, true)).toBe(
      'Shredded demo: its table and keys are deleted. The slug can be onboarded afresh with tenant:add.',
    );
    expect(await tableGone(inject('ddbEndpoint'), table)).toBe(true);
    expect(existsSync(join(stateDir, 'keys-demo.json'))).toBe(false);
    expect(existsSync(join(tenantsDir, 'offboarded', 'demo.json'))).toBe(false);
    await expect(reonboard(target)).rejects.toThrow('Nothing is kept for "demo"');
    await expect(shred(target, true)).rejects.toThrow('"demo" is not offboarded');
    expect(
      addTenant(['demo', '--name', 'Northwind again', '--admin-email', 'hr@northwind.example'], tenantsDir),
    ).toMatch(/demo\.json$/);
  });

  it('the command line refuses a bad slug (with the usage) and an unknown command', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const run = (args: string[]) =>
      promisify(execFile)(
        process.execPath,
        [resolve(root, 'node_modules/tsx/dist/cli.mjs'), resolve(root, 'scripts/tenant-lifecycle.ts'), ...args],
        { encoding: 'utf8' },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
      );
    const bad = await run(['offboard', 'Bad Slug', '--local']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"Bad Slug" is not a tenant slug[\s\S]*Usage: npm run tenant:offboard/);
    const unknown = await run(['explode', 'demo']);
    expect(unknown.code).toBe(2);
  });
});
