// Tenant lifecycle after onboarding (docs/deploy.md, "Offboarding, re-onboarding and shredding"):
//
//   npm run tenant:offboard  -- <slug> [--local [endpoint]] [--table <name>]
//   npm run tenant:reonboard -- <slug> [--local [endpoint]] [--table <name>]
//   npm run tenant:shred     -- <slug> --yes [--local [endpoint]] [--table <name>]
//
// offboard   stops serving the organisation and keeps its data: in AWS it checks the stack's retained record
//            (/respite/tenants/<slug>/retained: table, key ARN, key secrets), destroys the stack with
//            `npx cdk destroy` ($CDK_CTX is passed on), and moves tenants/<slug>.json to tenants/offboarded/.
// reonboard  brings it back with its data: writes tenants/retained/<slug>.json from the record, so the next deploy
//            adopts the retained table, key and secrets (tenant-stack.ts, `adopt`), and moves the file back.
// shred      deletes an offboarded organisation's data for good: the table, the two key secrets (no recovery
//            window, so the slug can be onboarded afresh at once), and schedules the key's deletion by its ARN
//            (the alias went with the stack) — every backup encrypted with it becomes unreadable. Then the record.
//
// The table is deleted by one piece of code in AWS and locally (deleteRetainedTable: the DynamoDB SDK, deletion
// protection off, then delete), which the integration tests run against DynamoDB Local. The key secrets are deleted
// with the Secrets Manager SDK. The parts with no local emulator and no SDK in package.json stay on the AWS CLI with
// the caller's credentials, and are kept to one call each: the SSM record (get/delete-parameter), the key's deletion
// (kms schedule-key-deletion) and `npx cdk destroy`. With --local the same steps run against the local stack's
// data: the table in DynamoDB Local (respite-local-<slug>), the keys in .local/keys-<slug>.json, and the record in
// .local/retained-<slug>.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTableCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { names } from '../infra/settings.js';
import type { RetainedResources } from '../infra/stacks/tenant-stack.js';
import {
  isMain,
  localDynamoEndpoint,
  parseScriptArgs,
  runScript,
  tenantSlug,
  tenantTable,
  UsageError,
} from './lib/args.js';
import { localDynamoClient } from './local/dynamodb.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type Command = 'offboard' | 'reonboard' | 'shred';
export const USAGE = {
  offboard: 'npm run tenant:offboard -- <slug> [--local [endpoint]] [--table <name>]',
  reonboard: 'npm run tenant:reonboard -- <slug> [--local [endpoint]] [--table <name>]',
  shred: 'npm run tenant:shred -- <slug> --yes [--local [endpoint]] [--table <name>]',
} as const;

/** Where a run reads and writes: the tenants folder, and for --local the local stack's data. */
export interface LifecycleTarget {
  slug: string;
  tenantsDir: string;
  /** Absent: the AWS account of the caller's credentials. */
  local?: { client: DynamoDBClient; table: string; stateDir: string };
}

/** The local record of what stays (the local equivalent of the retained SSM parameter). */
interface LocalRecord {
  tableName: string;
  keysFile: string;
}

const paths = (t: LifecycleTarget) => ({
  live: join(t.tenantsDir, `${t.slug}.json`),
  offboarded: join(t.tenantsDir, 'offboarded', `${t.slug}.json`),
  retained: join(t.tenantsDir, 'retained', `${t.slug}.json`),
  localRecord: t.local ? join(t.local.stateDir, `retained-${t.slug}.json`) : '',
  localKeys: t.local ? join(t.local.stateDir, `keys-${t.slug}.json`) : '',
});

const aws = (args: string[]): string =>
  execFileSync('aws', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

function readAwsRecord(slug: string): RetainedResources {
  let text: string;
  try {
    text = aws([
      'ssm',
      'get-parameter',
      '--name',
      names.retainedParameter(slug),
      '--query',
      'Parameter.Value',
      '--output',
      'text',
    ]);
  } catch {
    throw new Error(
      `No retained record ${names.retainedParameter(slug)}: deploy the tenant's current stack once (it writes the record) before offboarding, or find the key ARN in CloudTrail.`,
    );
  }
  return JSON.parse(text) as RetainedResources;
}

async function tableExists(client: DynamoDBClient, table: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw err;
  }
}

/**
 * Deletes a retained table for good: its stack turned deletion protection on, so that goes first, then the delete.
 * The same code runs in AWS and against DynamoDB Local. Returns false when there was no such table.
 */
export async function deleteRetainedTable(client: DynamoDBClient, table: string): Promise<boolean> {
  if (!(await tableExists(client, table))) return false;
  await client.send(new UpdateTableCommand({ TableName: table, DeletionProtectionEnabled: false }));
  await waitUntilTableExists({ client, maxWaitTime: 600 }, { TableName: table }); // ACTIVE again after the update
  await client.send(new DeleteTableCommand({ TableName: table }));
  return true;
}

export async function offboard(t: LifecycleTarget): Promise<string> {
  const p = paths(t);
  if (!existsSync(p.live)) throw new UsageError(`No organisation "${t.slug}" (${p.live} does not exist).`);
  if (existsSync(p.offboarded))
    throw new UsageError(
      `"${t.slug}" was offboarded before and not shredded (${p.offboarded}): re-onboard or shred that first.`,
    );
  if (t.local) {
    if (!(await tableExists(t.local.client, t.local.table)))
      throw new Error(`Table ${t.local.table} does not exist in DynamoDB Local: nothing to keep.`);
    const record: LocalRecord = { tableName: t.local.table, keysFile: p.localKeys };
    writeFileSync(p.localRecord, JSON.stringify(record, null, 2));
  } else {
    readAwsRecord(t.slug); // fails before anything is destroyed if the key could not be found again
    const ctx = (process.env.CDK_CTX ?? '').split(/\s+/).filter(Boolean);
    execFileSync('npx', ['cdk', 'destroy', names.tenantStack(t.slug), '-c', `tenant=${t.slug}`, ...ctx, '--force'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  mkdirSync(join(t.tenantsDir, 'offboarded'), { recursive: true });
  renameSync(p.live, p.offboarded);
  rmSync(p.retained, { force: true }); // a stack that adopted is gone; the record is what a re-onboard reads
  const kept = t.local
    ? `table ${t.local.table} and ${p.localKeys}`
    : `the table, key and key secrets (${names.retainedParameter(t.slug)})`;
  return `Offboarded ${t.slug}: it is no longer served; ${kept} are kept. Commit the move of tenants/${t.slug}.json to tenants/offboarded/. Re-onboard with tenant:reonboard, or delete the data for good with tenant:shred.`;
}

export async function reonboard(t: LifecycleTarget): Promise<string> {
  const p = paths(t);
  if (existsSync(p.live)) throw new UsageError(`"${t.slug}" is not offboarded (${p.live} exists).`);
  if (!existsSync(p.offboarded))
    throw new UsageError(`Nothing is kept for "${t.slug}" (no ${p.offboarded}): onboard it afresh with tenant:add.`);
  if (t.local) {
    if (!existsSync(p.localRecord))
      throw new Error(`No local record ${p.localRecord}: the data was shredded or never offboarded here.`);
    const record = JSON.parse(readFileSync(p.localRecord, 'utf8')) as LocalRecord;
    if (!(await tableExists(t.local.client, record.tableName)))
      throw new Error(`Table ${record.tableName} is gone: onboard afresh with tenant:add.`);
    if (!existsSync(record.keysFile))
      throw new Error(
        `${record.keysFile} is gone: without the pseudonymisation key the table cannot be read; onboard afresh.`,
      );
    rmSync(p.localRecord);
  } else {
    const record = readAwsRecord(t.slug);
    mkdirSync(join(t.tenantsDir, 'retained'), { recursive: true });
    writeFileSync(p.retained, `${JSON.stringify(record, null, 2)}\n`);
  }
  renameSync(p.offboarded, p.live);
  return t.local
    ? `Re-onboarded ${t.slug} with its data: restart npm start to serve it again.`
    : `Re-onboarded ${t.slug}: tenants/${t.slug}.json is back and tenants/retained/${t.slug}.json makes its stack adopt the kept table, key and secrets. Commit both, then: npx cdk deploy ${names.tenantStack(t.slug)} -c tenant=${t.slug} $CDK_CTX`;
}

export async function shred(t: LifecycleTarget, confirmed: boolean): Promise<string> {
  const p = paths(t);
  if (existsSync(p.live)) throw new UsageError(`"${t.slug}" is still onboarded (${p.live}): offboard it first.`);
  if (!existsSync(p.offboarded))
    throw new UsageError(`"${t.slug}" is not offboarded (no ${p.offboarded}): nothing to shred.`);
  if (!confirmed) throw new UsageError(`Shredding deletes ${t.slug}'s data for good: add --yes.`);
  if (t.local) {
    if (existsSync(p.localRecord)) {
      const record = JSON.parse(readFileSync(p.localRecord, 'utf8')) as LocalRecord;
      await deleteRetainedTable(t.local.client, record.tableName);
      rmSync(record.keysFile, { force: true });
      rmSync(p.localRecord);
    }
  } else {
    const r = readAwsRecord(t.slug);
    await deleteRetainedTable(new DynamoDBClient({}), r.tableName);
    // No recovery window: the slug can be onboarded afresh at once (a secret in its window blocks the name).
    const secretsClient = new SecretsManagerClient({});
    for (const secret of [r.pseudonymKeyArn, r.signingKeysArn])
      await secretsClient.send(new DeleteSecretCommand({ SecretId: secret, ForceDeleteWithoutRecovery: true }));
    aws(['kms', 'schedule-key-deletion', '--key-id', r.keyArn, '--pending-window-in-days', '7']);
    aws(['ssm', 'delete-parameter', '--name', names.retainedParameter(t.slug)]);
  }
  rmSync(p.offboarded);
  return t.local
    ? `Shredded ${t.slug}: its table and keys are deleted. The slug can be onboarded afresh with tenant:add.`
    : `Shredded ${t.slug}: table and key secrets deleted, key scheduled for deletion in 7 days (backups encrypted with it become unreadable). Commit the removal of tenants/offboarded/${t.slug}.json. The slug can be onboarded afresh with tenant:add.`;
}

if (isMain(import.meta.url)) {
  const command = process.argv[2] as Command;
  if (!(command in USAGE)) {
    console.error(`Usage: ${Object.values(USAGE).join('\n       ')}`);
    process.exit(2);
  }
  process.argv.splice(2, 1);
  runScript(USAGE[command], async (argv) => {
    const args = parseScriptArgs(argv, { switches: ['yes'] });
    if (args.positionals.length !== 1) throw new UsageError('Name exactly one tenant.');
    const slug = tenantSlug(args.positionals[0]);
    const target: LifecycleTarget = {
      slug,
      tenantsDir: resolve(ROOT, 'tenants'),
      local: args.local
        ? {
            client: localDynamoClient(localDynamoEndpoint(args)),
            table: tenantTable(args, slug),
            stateDir: resolve(ROOT, '.local'),
          }
        : undefined,
    };
    if (command === 'offboard') return offboard(target);
    if (command === 'reonboard') return reonboard(target);
    return shred(target, args.switches.has('yes'));
  });
}
