// Restore drill, the local stand-in for a DynamoDB point-in-time restore: copies every item of a tenant's table into
// a new table with the same design, as a PITR restore does, so a test (tests/integration/restore-drill.test.ts) can
// prove the restored table serves the same people, sessions, releases and privacy budget with the retained keys.
//
//   npm run restore-drill -- --from <table> --to <new table> [--local [endpoint]]   (DynamoDB Local, default localhost:8000)
//
// The real restore and the switch of the API onto the restored table are in docs/deploy.md ("Restoring a table").
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { isMain, localDynamoEndpoint, parseScriptArgs, runScript, UsageError } from './lib/args.js';
import { ensureTable, localDynamoClient } from './local/dynamodb.js';

/** Copies every item of `from` into `to` (created with the shared table design); returns how many were copied. */
export async function copyTable(client: DynamoDBClient, from: string, to: string): Promise<number> {
  if (!(await ensureTable(client, to))) throw new Error(`Table ${to} already exists: restore into a new table.`);
  let copied = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    // An operator tool reads the whole table on purpose; functions never Scan (tests/unit/no-scan.test.ts).
    const page = await client.send(
      new ScanCommand({ TableName: from, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let pending: WriteRequest[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`Could not write ${pending.length} item(s) into ${to}.`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [to]: pending } }));
        pending = out.UnprocessedItems?.[to] ?? [];
      }
    }
    copied += items.length;
    start = page.LastEvaluatedKey;
  } while (start);
  return copied;
}

export const USAGE = 'npm run restore-drill -- --from <table> --to <new table> [--local [endpoint]]';

if (isMain(import.meta.url)) {
  runScript(USAGE, async (argv) => {
    // Always DynamoDB Local (a drill); --local [endpoint] names another one than localhost:$DDB_PORT.
    const args = parseScriptArgs(argv, { values: ['from', 'to'] });
    const { from, to } = args.values;
    if (!from || !to || args.positionals.length > 0)
      throw new UsageError('Name the table to copy (--from) and the new table (--to).');
    const n = await copyTable(localDynamoClient(localDynamoEndpoint(args)), from, to);
    return `Copied ${n} item(s) from ${from} into ${to}.`;
  });
}
