// `npm run sign-out-everyone -- <tenant> [--local [endpoint]] [--table <name>]`: deletes every session record of a
// tenant (employees, coaches, HR and managers alike), so every signed-in device gets 401 on its very next request
// (each request reads its session record: checkSession in functions/shared/sessions.ts) and people sign in again
// with a code. For a suspected leak of session cookies or of the session signing key; see docs/deploy.md.
//
// In AWS it works on the table `respite-<tenant>` with the caller's credentials; with --local on DynamoDB Local
// (default http://localhost:8000) and the local stack's table `respite-local-<tenant>`. Safe to run twice: a second
// run finds only the sessions started since. It prints a count, never who was signed in.
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { keys } from '../functions/domain/keys.js';
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

/** Deletes every SESSION# item of `table`; returns how many were deleted. */
export async function signOutEveryone(client: DynamoDBClient, table: string): Promise<number> {
  const { pk: prefix, sk } = keys.session(''); // SESSION#<id> / SESSION
  let deleted = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    // An operator tool reads the whole table on purpose; functions never Scan (tests/unit/no-scan.test.ts).
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        ConsistentRead: true,
        ProjectionExpression: 'pk, sk',
        FilterExpression: 'begins_with(pk, :p) AND sk = :s',
        ExpressionAttributeValues: { ':p': { S: prefix }, ':s': { S: sk } },
        ExclusiveStartKey: start,
      }),
    );
    const found = page.Items ?? [];
    for (let i = 0; i < found.length; i += 25) {
      let pending: WriteRequest[] = found
        .slice(i, i + 25)
        .map((item) => ({ DeleteRequest: { Key: { pk: item.pk!, sk: item.sk! } } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`Could not delete ${pending.length} session(s) from ${table}.`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = out.UnprocessedItems?.[table] ?? [];
      }
    }
    deleted += found.length;
    start = page.LastEvaluatedKey;
  } while (start);
  return deleted;
}

export const USAGE = 'npm run sign-out-everyone -- <tenant> [--local [endpoint]] [--table <name>]';

if (isMain(import.meta.url)) {
  runScript(USAGE, async (argv) => {
    const args = parseScriptArgs(argv);
    if (args.positionals.length !== 1) throw new UsageError('Name exactly one tenant.');
    const tenant = tenantSlug(args.positionals[0]);
    const table = tenantTable(args, tenant);
    const n = await signOutEveryone(
      args.local ? localDynamoClient(localDynamoEndpoint(args)) : new DynamoDBClient({}),
      table,
    );
    return `Signed out ${n} session(s) in ${table}: every device signs in again on its next request.`;
  });
}
